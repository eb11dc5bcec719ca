// Output files that appear whole or not at all: bytes go to "<path>.tmp-XXXXXX" beside the target
// and are renamed over it on Commit(). Destroying an uncommitted file removes the temporary, so
// an error half-way never leaves a partial output or clobbers what the user had.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

namespace ersatz {

class AtomicOutputFile {
 public:
  // Opens the temporary; IoError naming `path` when its folder is missing or not writable.
  explicit AtomicOutputFile(std::string path);
  ~AtomicOutputFile();
  AtomicOutputFile(const AtomicOutputFile&) = delete;
  AtomicOutputFile& operator=(const AtomicOutputFile&) = delete;

  void Write(std::string_view bytes);
  // Flushes, syncs and renames over the target. IoError on any failure (the temporary is removed).
  void Commit();
  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string temp_path_;
  std::FILE* file_ = nullptr;
};

// Writes `bytes` to `path` atomically.
void WriteFileAtomically(const std::string& path, std::string_view bytes);
// Reads a whole file; IoError naming the path and the system's reason on failure.
std::string ReadFile(const std::string& path);

}  // namespace ersatz
