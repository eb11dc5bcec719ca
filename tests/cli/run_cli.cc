#include "cli/run_cli.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace ersatz::testing {

namespace {
std::string Slurp(int fd) {
  std::string s;
  char buf[65536];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) s.append(buf, static_cast<std::size_t>(n));
  return s;
}
}  // namespace

RunningCli::RunningCli(const std::vector<std::string>& args, const std::function<void()>& in_child,
                       const std::string& program) {
  // Output goes to temporary files rather than pipes so a chatty child can never block.
  char out_name[] = "/tmp/ersatz-cli-out-XXXXXX";
  char err_name[] = "/tmp/ersatz-cli-err-XXXXXX";
  out_fd_ = mkstemp(out_name);
  err_fd_ = mkstemp(err_name);
  if (out_fd_ < 0 || err_fd_ < 0) throw std::runtime_error("mkstemp failed");
  out_name_ = out_name;
  err_name_ = err_name;
  std::vector<std::string> argv_storage = {program.empty() ? std::string(ERSATZ_BINARY) : program};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  pid_ = fork();
  if (pid_ == 0) {
    dup2(out_fd_, 1);
    dup2(err_fd_, 2);
    const int null_fd = open("/dev/null", O_RDONLY);
    dup2(null_fd, 0);
    if (in_child) in_child();
    execv(argv[0], argv.data());
    _exit(127);
  }
}

RunningCli::~RunningCli() {
  if (!waited_) {
    kill(pid_, SIGKILL);
    waitpid(pid_, &status_, 0);
  }
  close(out_fd_);
  close(err_fd_);
  unlink(out_name_.c_str());
  unlink(err_name_.c_str());
}

void RunningCli::Signal(int signal) const { kill(pid_, signal); }

bool RunningCli::Running() const {
  if (waited_) return false;
  siginfo_t info{};
  return waitid(P_PID, static_cast<id_t>(pid_), &info, WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == 0;
}

std::string RunningCli::ErrSoFar() const { return ReadText(err_name_); }

CliResult RunningCli::Wait() {
  if (!waited_) waitpid(pid_, &status_, 0);
  waited_ = true;
  CliResult r;
  r.exit_code = WIFEXITED(status_) ? WEXITSTATUS(status_) : 128 + WTERMSIG(status_);
  lseek(out_fd_, 0, SEEK_SET);
  lseek(err_fd_, 0, SEEK_SET);
  r.out = Slurp(out_fd_);
  r.err = Slurp(err_fd_);
  return r;
}

CliResult RunCli(const std::vector<std::string>& args, const std::function<void()>& in_child) {
  return RunningCli(args, in_child).Wait();
}

CliRunResult RunProcess(const CliRun& run) {
  // Runs in the child, before exec: only async-signal-safe calls and the prepared strings.
  const auto in_child = [&run] {
    if (!run.stdin_path.empty()) {
      const int in_fd = open(run.stdin_path.c_str(), O_RDONLY);
      if (in_fd < 0) _exit(126);
      dup2(in_fd, 0);
    }
    if (!run.cwd.empty() && chdir(run.cwd.c_str()) != 0) _exit(126);
    for (const auto& [name, value] : run.env) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
  };
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  RunningCli child(run.args, in_child, run.program);
  CliRunResult r;
  while (child.Running()) {
    if (run.signal != 0 && !r.signal_sent) {
      const bool by_time = run.signal_after_seconds >= 0 && elapsed() >= run.signal_after_seconds;
      const bool by_text = !run.signal_after_text.empty() &&
                           child.ErrSoFar().find(run.signal_after_text) != std::string::npos;
      if (by_time || by_text) {
        child.Signal(run.signal);
        r.signal_sent = true;
      }
    }
    if (elapsed() > run.timeout_seconds) {
      child.Signal(SIGKILL);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  static_cast<CliResult&>(r) = child.Wait();
  return r;
}

TempDir::TempDir() {
  char name[] = "/tmp/ersatz-test-XXXXXX";
  if (mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = name;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

std::string TempDir::Write(const std::string& name, const std::string& contents) const {
  const std::string path = File(name);
  std::ofstream(path, std::ios::binary) << contents;
  return path;
}

std::vector<std::string> TempDir::List() const {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(path_)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::string SourcePath(const std::string& relative) {
  return std::string(ERSATZ_SOURCE_DIR) + "/" + relative;
}

std::string ReadText(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace ersatz::testing
