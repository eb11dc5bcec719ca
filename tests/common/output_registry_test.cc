// The output registry behind AtomicOutputFile: finished outputs are listed, abandoned ones are not,
// and a signal removes the temporaries still being written.
#include "common/output_registry.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cli/run_cli.h"
#include "common/atomic_file.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

using testing::TempDir;

TEST(OutputRegistry, ListsTheCommittedOutputsOldestFirstAndNotTheAbandonedOnes) {
  TempDir dir;
  ForgetFinishedOutputs();
  WriteFileAtomically(dir.File("model"), "m");
  { AtomicOutputFile abandoned(dir.File("report.html")); abandoned.Write("half"); }
  WriteFileAtomically(dir.File("holdout.csv"), "h");
  EXPECT_EQ(FinishedOutputs(), (std::vector<std::string>{dir.File("model"), dir.File("holdout.csv")}));
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"holdout.csv", "model"}));
  ForgetFinishedOutputs();
  EXPECT_TRUE(FinishedOutputs().empty());
}

TEST(OutputRegistry, KeepsWorkingWhenMoreOutputsThanSlotsAreWritten) {
  TempDir dir;
  ForgetFinishedOutputs();
  for (int i = 0; i < 200; ++i) WriteFileAtomically(dir.File(std::to_string(i)), "x");
  const auto finished = FinishedOutputs();
  ASSERT_FALSE(finished.empty());
  EXPECT_EQ(finished.back(), dir.File("199"));  // the oldest records made room for the newest
  EXPECT_EQ(dir.List().size(), 200u);
  ForgetFinishedOutputs();
}

TEST(AtomicOutputFile, ASecretIsOwnerOnlyAndNeverReplacesAFileThatAppearedMeanwhile) {
  TempDir dir;
  {
    AtomicOutputFile key(dir.File("k.key"), AtomicOutputFile::Mode::kSecretCreate);
    key.Write("secret\n");
    key.Commit();
  }
  struct stat st {};
  ASSERT_EQ(::stat(dir.File("k.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  AtomicOutputFile late(dir.File("k.key"), AtomicOutputFile::Mode::kSecretCreate);
  late.Write("another\n");
  EXPECT_THROW(late.Commit(), IoError);
  EXPECT_EQ(testing::ReadText(dir.File("k.key")), "secret\n");
  EXPECT_EQ(dir.List(), std::vector<std::string>{"k.key"});
}

// In a child process: an output finished, another half written, then the signal arrives.
TEST(OutputRegistry, ASignalRemovesTheUnfinishedOutputAndSaysWhatWasKept) {
  TempDir dir;
  int err_pipe[2];
  ASSERT_EQ(pipe(err_pipe), 0);
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(err_pipe[1], STDERR_FILENO);
    InstallInterruptCleanup();
    ForgetFinishedOutputs();
    WriteFileAtomically(dir.File("model"), "m");
    AtomicOutputFile half(dir.File("sample.csv"));
    half.Write("a,b\n1,2\n");
    raise(SIGTERM);
    _exit(0);  // not reached: the handler exits
  }
  close(err_pipe[1]);
  std::string err;
  char buf[4096];
  ssize_t n;
  while ((n = read(err_pipe[0], buf, sizeof buf)) > 0) err.append(buf, static_cast<std::size_t>(n));
  close(err_pipe[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 128 + SIGTERM);
  EXPECT_EQ(err, "ersatz: interrupted (SIGTERM): removed the unfinished output " + dir.File("sample.csv") +
                     "; already written, complete: " + dir.File("model") + "\n");
  EXPECT_EQ(dir.List(), std::vector<std::string>{"model"});
}

}  // namespace
}  // namespace ersatz
