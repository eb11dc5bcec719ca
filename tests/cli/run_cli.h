// Runs the built `ersatz` binary as a user would and captures what it printed.
#pragma once

#include <string>
#include <vector>

namespace ersatz::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs ERSATZ_BINARY with `args` (no shell involved) in the current directory.
CliResult RunCli(const std::vector<std::string>& args);

// A fresh, empty temporary directory, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }
  // Writes `contents` to File(name) and returns that path.
  std::string Write(const std::string& name, const std::string& contents) const;
  // Names of the entries in the directory, sorted.
  std::vector<std::string> List() const;

 private:
  std::string path_;
};

std::string SourcePath(const std::string& relative);  // ERSATZ_SOURCE_DIR/relative
std::string ReadText(const std::string& path);

}  // namespace ersatz::testing
