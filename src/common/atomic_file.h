// Output files that appear whole or not at all: bytes go to "<path>.tmp-XXXXXX" beside the target
// and are renamed over it on Commit(). Destroying an uncommitted file removes the temporary, so
// an error half-way never leaves a partial output or clobbers what the user had; the temporary is
// registered (common/output_registry.h) so that an interrupting signal removes it too.
#pragma once

#include <cstdio>
#include <functional>
#include <limits>
#include <string>
#include <string_view>

namespace ersatz {

class AtomicOutputFile {
 public:
  enum class Mode {
    kReplace,       // usual permissions (0666 less the umask); replaces an existing file
    kSecretCreate,  // owner-only (0600); never replaces a file that appeared meanwhile
  };
  // Opens the temporary; IoError naming `path` when its folder is missing or not writable.
  explicit AtomicOutputFile(std::string path, Mode mode = Mode::kReplace);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  void Write(std::string_view bytes);
  // Flushes, syncs and moves into place. IoError on any failure (the temporary is removed).
  void Commit();
  const std::string& path() const { return path_; }

 private:
  void Abandon();  // removes the temporary
  std::string path_;
  Mode mode_;
  std::string temp_path_;
  int slot_ = -1;  // in the output registry
  std::FILE* file_ = nullptr;
};

// Writes `bytes` to `path` atomically.
void WriteFileAtomically(const std::string& path, std::string_view bytes);
// What a reader accepts while a file's bytes arrive. A regular file announces its size, so its
// bytes can be checked once read; a pipe, FIFO or device (/dev/zero) may never end, so its bytes
// are checked as they arrive and hostile input fails after a bounded read.
struct ReadLimits {
  std::size_t max_bytes = std::numeric_limits<std::size_t>::max();
  std::string_view what = "file";  // names the file in the size message: "the most a <what> can be"
  std::string_view why;            // said after that: " on this machine (...)"
  // Called after each read of bytes the file's size did not announce, with everything read so far
  // and where the new bytes start; throws to stop reading.
  std::function<void(std::string_view read, std::size_t new_from)> check_unannounced;
};

// Reads a whole file; IoError naming the path and the system's reason on failure, DataError when
// it holds more than limits.max_bytes (before reading, when the size is known).
std::string ReadFile(const std::string& path, const ReadLimits& limits = {});

// ReadFile for a text file of parameters of up to `max_bytes` (configuration, metadata, keys): a
// NUL byte is refused as a binary file as soon as it is read. ParameterError naming the file (and
// the NUL's line and column) for either.
std::string ReadTextFile(const std::string& path, std::string_view what, std::size_t max_bytes);

}  // namespace ersatz
