// `ersatz sample` with validators that reject: the counts are printed, --no-validate turns them
// off, and --max-invalid-fraction stops the run without leaving an output file.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/run_cli.h"
#include "ersatz/generator.h"
#include "models/model_file.h"

namespace ersatz {
namespace {

// A model of age uniform over 20..59 whose stored range was narrowed by hand to [20, 50], as a
// model whose validators disagree with its network would be.
std::string NarrowedModel(const testing::TempDir& dir) {
  Column age("age", ColumnKind::kInteger);
  for (int r = 0; r < 800; ++r) age.AppendInteger(20 + r % 40);
  Table t;
  t.AddColumn(age);
  FitOptions fit;
  fit.max_epochs = 5;
  fit.seed = 1;
  Generator::Fit(t, Metadata{}, fit).Save(dir.File("m.ersatz"));
  ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  for (auto& rule : file.header.at("validators")) {
    if (rule.at("rule") == "range") rule["max"] = 50;
  }
  WriteModelFile(dir.File("narrow.ersatz"), file);
  return dir.File("narrow.ersatz");
}

TEST(SampleCli, PrintsWhatTheValidatorsRejected) {
  testing::TempDir dir;
  const std::string model = NarrowedModel(dir);
  const auto r =
      testing::RunCli({"sample", model, "-n", "2000", "-o", dir.File("s.csv"), "--threads", "1",
                       "--privacy-filter", "off"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ersatz: wrote 2000 rows to " + dir.File("s.csv")), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(" rows drawn again after a rejection\n"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("  age above 50 (the largest value learned)\n"), std::string::npos) << r.err;
  const std::string csv = testing::ReadText(dir.File("s.csv"));
  for (int age = 51; age < 60; ++age)
    EXPECT_EQ(csv.find("\n" + std::to_string(age) + "\n"), std::string::npos) << age;

  const auto off =
      testing::RunCli({"sample", model, "-n", "2000", "-o", dir.File("t.csv"), "--no-validate",
                       "--privacy-filter", "off"});
  ASSERT_EQ(off.exit_code, 0) << off.err;
  EXPECT_EQ(off.err.find("rejected"), std::string::npos) << off.err;
}

TEST(SampleCli, TooManyRejectionsStopWithExitCode3AndNoFile) {
  testing::TempDir dir;
  const std::string model = NarrowedModel(dir);
  const auto r = testing::RunCli(
      {"sample", model, "-n", "2000", "-o", dir.File("s.csv"), "--max-invalid-fraction", "0.01",
       "--privacy-filter", "off"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("ersatz: stopped: "), std::string::npos) << r.err;
  EXPECT_NE(
      r.err.find("% of generated rows were rejected (age above 50 (the largest value learned): "),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("), above --max-invalid-fraction 0.01; the model may be undertrained; raise "
                       "--max-invalid-fraction, or pass --no-validate (validators) or --privacy-filter off (copies)"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"m.ersatz", "narrow.ersatz"}));
}

}  // namespace
}  // namespace ersatz
