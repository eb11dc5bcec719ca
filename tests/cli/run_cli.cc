#include "cli/run_cli.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <chrono>
#include <thread>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

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

CliResult RunCli(const std::vector<std::string>& args) {
  CliRun run;
  run.argv = args;
  run.argv.insert(run.argv.begin(), ERSATZ_BINARY);
  run.timeout_seconds = 1e9;  // the test's own ctest timeout bounds these runs
  return RunProcess(run);
}

CliRunResult RunProcess(const CliRun& run) {
  // Output goes to temporary files rather than pipes so a chatty child can never block.
  char out_name[] = "/tmp/ersatz-cli-out-XXXXXX";
  char err_name[] = "/tmp/ersatz-cli-err-XXXXXX";
  const int out_fd = mkstemp(out_name);
  const int err_fd = mkstemp(err_name);
  if (out_fd < 0 || err_fd < 0) throw std::runtime_error("mkstemp failed");
  std::vector<std::string> argv_storage = run.argv;
  if (argv_storage.empty()) argv_storage.push_back(ERSATZ_BINARY);
  std::vector<char*> argv;
  for (auto& a : argv_storage) argv.push_back(a.data());
  argv.push_back(nullptr);

  const auto start = std::chrono::steady_clock::now();
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out_fd, 1);
    dup2(err_fd, 2);
    const int in_fd = open(run.stdin_path.empty() ? "/dev/null" : run.stdin_path.c_str(), O_RDONLY);
    if (in_fd < 0) _exit(126);
    dup2(in_fd, 0);
    if (!run.cwd.empty() && chdir(run.cwd.c_str()) != 0) _exit(126);
    for (const auto& [name, value] : run.env) {
      if (value) {
        setenv(name.c_str(), value->c_str(), 1);
      } else {
        unsetenv(name.c_str());
      }
    }
    execv(argv[0], argv.data());
    _exit(127);
  }
  CliRunResult r;
  int status = 0;
  auto elapsed = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  while (true) {
    const pid_t done = waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (run.signal != 0 && !r.signal_sent) {
      bool now = run.signal_after_seconds >= 0 && elapsed() >= run.signal_after_seconds;
      if (!run.signal_after_text.empty()) {
        now = now || ReadText(err_name).find(run.signal_after_text) != std::string::npos;
      }
      if (now) {
        kill(pid, run.signal);
        r.signal_sent = true;
      }
    }
    if (elapsed() > run.timeout_seconds) {
      kill(pid, SIGKILL);
      waitpid(pid, &status, 0);
      r.timed_out = true;
      break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  lseek(out_fd, 0, SEEK_SET);
  lseek(err_fd, 0, SEEK_SET);
  r.out = Slurp(out_fd);
  r.err = Slurp(err_fd);
  close(out_fd);
  close(err_fd);
  unlink(out_name);
  unlink(err_name);
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
