// Output files that appear whole or not at all: bytes go to "<path>.tmp-XXXXXX" beside the target
// and are renamed over it on Commit(). Destroying an uncommitted file removes the temporary, so
// an error half-way never leaves a partial output or clobbers what the user had; the temporary is
// registered (common/output_registry.h) so that an interrupting signal removes it too.
#pragma once

#include <cstdio>
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
// Reads a whole file; IoError naming the path and the system's reason on failure.
std::string ReadFile(const std::string& path);

}  // namespace ersatz
