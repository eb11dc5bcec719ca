// A run stopped half-way leaves nothing half-written: SIGINT or SIGTERM removes the temporaries
// and exits 130 / 143 saying so, and an error after some outputs were finished names them.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

// A temporary with bytes in it: the output being written (the check of the output's folder
// before the work makes and removes an empty one).
bool HasTemporaryWithData(const TempDir& dir) {
  for (const std::string& name : dir.List()) {
    std::error_code ec;
    if (name.find(".tmp-") != std::string::npos && std::filesystem::file_size(dir.File(name), ec) > 0 && !ec) {
      return true;
    }
  }
  return false;
}

// Waits (at most a minute) until `condition` holds while the program runs.
template <typename Condition>
bool WaitUntil(const RunningCli& cli, Condition condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < deadline && cli.Running()) {
    if (condition()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  return false;
}

class UnfinishedOutputs : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_dir_ = new TempDir();
    model_dir_->Write("data.csv", Table(600, false));
    const CliResult fit = RunCli({"fit", model_dir_->File("data.csv"), "-o", model_dir_->File("m.ersatz"),
                                  "--max-epochs", "2", "--no-report", "--seed", "1", "--threads", "1"});
    ASSERT_EQ(fit.exit_code, 0) << fit.err;
  }
  static void TearDownTestSuite() { delete model_dir_; }
  static std::string Model() { return model_dir_->File("m.ersatz"); }

  // colour, size and an e-mail; every third size missing when `gaps`.
  static std::string Table(int rows, bool gaps) {
    std::string csv = "colour,size,email\n";
    for (int r = 0; r < rows; ++r) {
      csv += std::string(r % 3 == 0 ? "red" : "blue") + "," +
             (gaps && r % 3 == 1 ? std::string() : std::to_string(r % 7)) + ",user" + std::to_string(r) +
             "@example.com\n";
    }
    return csv;
  }

  // Starts `args`, sends `signal` once the output's temporary holds data, and checks the exit
  // code, the message and that nothing but the inputs is left in `dir`.
  void ExpectInterruptCleansUp(const std::vector<std::string>& args, int signal, const std::string& name,
                               const std::string& output) {
    const std::vector<std::string> before = dir_.List();
    RunningCli cli(args);
    ASSERT_TRUE(WaitUntil(cli, [&] { return HasTemporaryWithData(dir_); })) << cli.ErrSoFar();
    cli.Signal(signal);
    const CliResult r = cli.Wait();
    EXPECT_EQ(r.exit_code, 128 + signal);
    EXPECT_NE(r.err.find("ersatz: interrupted (" + name + "): removed the unfinished output " + output + "\n"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(dir_.List(), before);
  }

  static TempDir* model_dir_;
  TempDir dir_;
};
TempDir* UnfinishedOutputs::model_dir_ = nullptr;

TEST_F(UnfinishedOutputs, SampleStoppedBySigintRemovesItsOutput) {
  ExpectInterruptCleansUp({"sample", Model(), "-n", "50000000", "-o", dir_.File("out.csv")}, SIGINT, "SIGINT",
                          dir_.File("out.csv"));
}

TEST_F(UnfinishedOutputs, TransformStoppedBySigtermRemovesItsOutput) {
  const std::string key = dir_.File("k.key");
  // The key made first, so that the only temporary is the output's.
  ASSERT_EQ(RunCli({"transform", model_dir_->File("data.csv"), "-o", model_dir_->File("t.csv"), "--key-file", key})
                .exit_code,
            0);
  const std::string in = dir_.Write("big.csv", Table(400000, false));
  ExpectInterruptCleansUp({"transform", in, "-o", dir_.File("out.csv"), "--key-file", key}, SIGTERM, "SIGTERM",
                          dir_.File("out.csv"));
}

TEST_F(UnfinishedOutputs, ImputeStoppedBySigintRemovesItsOutput) {
  const std::string in = dir_.Write("gappy.csv", Table(400000, true));
  ExpectInterruptCleansUp({"impute", Model(), in, "-o", dir_.File("out.csv")}, SIGINT, "SIGINT",
                          dir_.File("out.csv"));
}

TEST_F(UnfinishedOutputs, FitStoppedWhileTrainingWritesNothing) {
  const std::string in = dir_.Write("data.csv", Table(3000, false));
  RunningCli cli({"fit", in, "-o", dir_.File("m.ersatz"), "--max-epochs", "10000", "--threads", "1"});
  ASSERT_TRUE(WaitUntil(cli, [&] { return cli.ErrSoFar().find("epoch 1/") != std::string::npos; }))
      << cli.ErrSoFar();
  cli.Signal(SIGINT);
  const CliResult r = cli.Wait();
  EXPECT_EQ(r.exit_code, 130);
  EXPECT_NE(r.err.find("ersatz: interrupted (SIGINT)\n"), std::string::npos) << r.err;
  EXPECT_EQ(dir_.List(), std::vector<std::string>{"data.csv"});
}

// The report is larger than the model: a file-size limit between the two lets the model be
// written and makes the report fail, as a full disk would.
TEST_F(UnfinishedOutputs, AFailedReportNamesTheModelWrittenBeforeIt) {
  const std::string in = dir_.Write("data.csv", Table(600, false));
  const CliResult r = RunCli({"fit", in, "-o", dir_.File("m.ersatz"), "--max-epochs", "1", "--threads", "1"}, [] {
    signal(SIGXFSZ, SIG_IGN);  // a write past the limit then fails with EFBIG instead of killing
    const rlimit limit{200'000, 200'000};
    setrlimit(RLIMIT_FSIZE, &limit);
  });
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find("ersatz: " + dir_.File("m.ersatz.report.html") + ": write failed: File too large\n"
                       "ersatz: written before the error, and complete: " + dir_.File("m.ersatz") + "\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(dir_.List(), (std::vector<std::string>{"data.csv", "m.ersatz"}));
}

}  // namespace
}  // namespace ersatz::testing
