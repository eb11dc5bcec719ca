// No verb replaces a file it reads, nor writes two outputs to one file, however the names are
// spelled; and an output that cannot be written is refused before the work, not after it.
#include <gtest/gtest.h>

#include <filesystem>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

// Runs the commands inside a fresh folder holding v.csv and a small model m.ersatz.
class OverwriteCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    model_dir_ = new TempDir();
    const std::string data = model_dir_->Write("v.csv", Table());
    const CliResult fit = RunCli({"fit", data, "-o", model_dir_->File("m.ersatz"), "--max-epochs", "1",
                                  "--no-report", "--seed", "1", "--threads", "1"});
    ASSERT_EQ(fit.exit_code, 0) << fit.err;
  }
  static void TearDownTestSuite() { delete model_dir_; }
  void SetUp() override {
    old_cwd_ = std::filesystem::current_path();
    std::filesystem::current_path(dir_.path());
    dir_.Write("v.csv", Table());
    std::filesystem::copy_file(model_dir_->File("m.ersatz"), dir_.File("m.ersatz"));
    before_ = Snapshot();
  }
  void TearDown() override { std::filesystem::current_path(old_cwd_); }

  static std::string Table() {
    std::string csv = "colour,size\n";
    for (int r = 0; r < 200; ++r) csv += std::string(r % 3 == 0 ? "red" : "blue") + "," + std::to_string(r % 7) + "\n";
    return csv;
  }
  // Every file of the folder with its bytes: a refused command changes none and adds none.
  std::map<std::string, std::string> Snapshot() const {
    std::map<std::string, std::string> files;
    for (const std::string& name : dir_.List()) files[name] = ReadText(dir_.File(name));
    return files;
  }
  void ExpectRefused(const std::vector<std::string>& args, const std::string& message, int code = 2) {
    const CliResult r = RunCli(args);
    EXPECT_EQ(r.exit_code, code) << r.err;
    EXPECT_EQ(r.err, "ersatz: " + message + "\n");
    EXPECT_EQ(Snapshot(), before_);
  }

  static TempDir* model_dir_;
  TempDir dir_;
  std::filesystem::path old_cwd_;
  std::map<std::string, std::string> before_;
};
TempDir* OverwriteCli::model_dir_ = nullptr;

TEST_F(OverwriteCli, FitRefusesToWriteItsInputHoweverSpelled) {
  ExpectRefused({"fit", "v.csv", "-o", "./v.csv"},
                "refusing to write --output ./v.csv: it is the same file as the input file v.csv");
  ExpectRefused({"fit", "v.csv", "-o", dir_.File("v.csv")},
                "refusing to write --output " + dir_.File("v.csv") + ": it is the same file as the input file v.csv");
  ExpectRefused({"fit", "v.csv", "-o", "m2.ersatz", "--holdout-csv", "./v.csv"},
                "refusing to write --holdout-csv ./v.csv: it is the same file as the input file v.csv");
}

TEST_F(OverwriteCli, FitRefusesTwoOutputsOfOneFileIncludingItsReportFiles) {
  ExpectRefused({"fit", "v.csv", "-o", "out", "--holdout-csv", "./out"},
                "--output out and --holdout-csv ./out are the same file: give each output its own name");
  ExpectRefused({"fit", "v.csv", "-o", "out", "--holdout-csv", "out.report.json"},
                "--holdout-csv out.report.json and the evaluation report out.report.json are the same "
                "file: give each output its own name");
}

TEST_F(OverwriteCli, SampleAndImputeRefuseToWriteTheirModelOrData) {
  ExpectRefused({"sample", "m.ersatz", "-n", "10", "-o", "./m.ersatz"},
                "refusing to write --output ./m.ersatz: it is the same file as the input file m.ersatz");
  ExpectRefused({"sample", "m.ersatz", "--seed-data", "v.csv", "-o", dir_.File("v.csv")},
                "refusing to write --output " + dir_.File("v.csv") + ": it is the same file as --seed-data v.csv");
  std::filesystem::create_hard_link("v.csv", "linked.csv");
  before_ = Snapshot();
  ExpectRefused({"impute", "m.ersatz", "v.csv", "-o", "linked.csv"},
                "refusing to write --output linked.csv: it is the same file as the input file v.csv");
}

TEST_F(OverwriteCli, TransformRefusesToWriteItsInputOrItsKey) {
  ExpectRefused({"transform", "v.csv", "-o", "v.csv", "--key-file", "k.key"},
                "refusing to write --output v.csv: it is the same file as the input file v.csv");
  // The key does not exist yet: it would be created, then replaced by the output.
  ExpectRefused({"transform", "v.csv", "-o", "k.key", "--key-file", "./k.key"},
                "refusing to write --output k.key: it is the same file as --key-file ./k.key");
}

TEST_F(OverwriteCli, ReportRefusesCollidingOutputsAndProfileItsMetadata) {
  ExpectRefused({"report", "--real", "v.csv", "--synthetic", "v.csv", "-o", "r.html", "--json", "./r.html"},
                "--output r.html and --json ./r.html are the same file: give each output its own name");
  ExpectRefused({"report", "--real", "v.csv", "--synthetic", "v.csv", "-o", "v.csv"},
                "refusing to write --output v.csv: it is the same file as --real v.csv");
  dir_.Write("meta.yaml", "version: 1\ncolumns: []\n");
  before_ = Snapshot();
  ExpectRefused({"profile", "v.csv", "--metadata", "meta.yaml", "--write-metadata", "./meta.yaml"},
                "refusing to write --write-metadata ./meta.yaml: it is the same file as --metadata meta.yaml");
  ExpectRefused({"audit", "v.csv", "--json", "v.csv"},
                "refusing to write --json v.csv: it is the same file as the input file v.csv");
}

TEST_F(OverwriteCli, AConfigFileIsAnInputToo) {
  dir_.Write("c.yaml", "output: c.yaml\nmax-epochs: 1\n");
  before_ = Snapshot();
  ExpectRefused({"fit", "v.csv", "--config", "c.yaml"},
                "refusing to write --output c.yaml: it is the same file as --config c.yaml");
}

TEST_F(OverwriteCli, AnOutputThatCannotBeWrittenIsRefusedBeforeTraining) {
  ExpectRefused({"fit", "v.csv", "-o", "nowhere/m.ersatz"},
                "--output nowhere/m.ersatz: the folder nowhere does not exist", 4);
  std::filesystem::create_directory("models");
  before_ = Snapshot();
  ExpectRefused({"fit", "v.csv", "-o", "m2.ersatz", "--holdout-csv", "models"},
                "--holdout-csv models: is a folder; expected the name of a file to write", 4);
  ExpectRefused({"sample", "m.ersatz", "-n", "10", "-o", "/dev/null"},
                "--output /dev/null: is not a regular file (a device, pipe or socket); outputs are "
                "written whole to a new file", 4);
}

}  // namespace
}  // namespace ersatz::testing
