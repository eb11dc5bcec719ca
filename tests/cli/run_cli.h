// Runs the built `ersatz` binary as a user would and captures what it printed.
#pragma once

#include <sys/types.h>

#include <functional>
#include <string>
#include <vector>

namespace ersatz::testing {

struct CliResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs ERSATZ_BINARY with `args` (no shell involved) in the current directory; `in_child` runs
// in the child before the program starts (to set a resource limit or the environment).
CliResult RunCli(const std::vector<std::string>& args, const std::function<void()>& in_child = {});

// ERSATZ_BINARY started in the background, for tests that interrupt it.
class RunningCli {
 public:
  explicit RunningCli(const std::vector<std::string>& args, const std::function<void()>& in_child = {});
  ~RunningCli();  // kills the program if Wait() was not called
  RunningCli(const RunningCli&) = delete;
  RunningCli& operator=(const RunningCli&) = delete;
  void Signal(int signal) const;
  bool Running() const;
  std::string ErrSoFar() const;
  CliResult Wait();  // exit code 128 + n when killed by signal n

 private:
  pid_t pid_ = -1;
  int status_ = 0;
  bool waited_ = false;
  int out_fd_ = -1, err_fd_ = -1;
  std::string out_name_, err_name_;
};

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
