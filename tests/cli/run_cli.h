// Runs the built `ersatz` binary as a user would and captures what it printed.
#pragma once

#include <sys/types.h>

#include <functional>
#include <map>
#include <optional>
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
  // `program` "" is ERSATZ_BINARY.
  explicit RunningCli(const std::vector<std::string>& args, const std::function<void()>& in_child = {},
                      const std::string& program = "");
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

// A run described by data (the hostile cases): working folder, environment, standard input, a
// signal sent once stderr shows some text (or after some seconds), and a time limit after which
// the child is killed (`timed_out` is then set and exit_code is 128 + SIGKILL).
struct CliRun {
  std::vector<std::string> args;              // after the program's name
  std::string program;                         // "" = ERSATZ_BINARY
  std::string cwd;                             // "" = the current folder
  std::map<std::string, std::optional<std::string>> env;  // nullopt unsets the variable
  std::string stdin_path;                      // "" = /dev/null
  int signal = 0;                              // sent once, when the condition below holds
  std::string signal_after_text;               // stderr contains this text...
  double signal_after_seconds = -1;            // ...or this much time has passed
  double timeout_seconds = 120;
};
struct CliRunResult : CliResult {
  bool timed_out = false;
  bool signal_sent = false;
};
CliRunResult RunProcess(const CliRun& run);

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
