// `ersatz sample --seed-data / --where / --rebalance / --temperature col=t` and `ersatz impute`,
// run as a user would.
#include <gtest/gtest.h>

#include <sstream>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

std::vector<std::vector<std::string>> Cells(const std::string& csv) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream in(csv);
  std::string line;
  while (std::getline(in, line)) {
    std::vector<std::string> cells;
    std::string cell;
    std::istringstream fields(line);
    while (std::getline(fields, cell, ',')) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.emplace_back();
    rows.push_back(cells);
  }
  return rows;
}

// A small model over colour, size and a 2-decimal price, fitted once for the whole file.
class ConditionalCli : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new TempDir();
    std::string csv = "colour,size,price\n";
    const char* colours[] = {"red", "green", "blue"};
    const char* sizes[] = {"S", "M", "L"};
    for (int r = 0; r < 600; ++r) {
      const int c = r % 3;
      const int s = r % 10 < 8 ? c : (c + 1) % 3;
      csv += std::string(colours[c]) + "," + sizes[s] + "," + std::to_string(10 * s + r % 7) + "." +
             std::to_string(10 + r % 90) + "\n";
    }
    const std::string data = dir_->Write("data.csv", csv);
    const CliResult fit = RunCli({"fit", data, "-o", dir_->File("m.ersatz"), "--max-epochs", "5",
                                  "--no-report", "--seed", "1"});
    ASSERT_EQ(fit.exit_code, 0) << fit.err;
  }
  static void TearDownTestSuite() { delete dir_; }
  static std::string Model() { return dir_->File("m.ersatz"); }
  static TempDir* dir_;
};
TempDir* ConditionalCli::dir_ = nullptr;

TEST_F(ConditionalCli, SeedColumnsAreWrittenExactlyAsGiven) {
  TempDir dir;
  // Any subset, any order; "10.50" keeps its trailing zero; 'note' is unknown to the model.
  const std::string seeds = dir.Write("seeds.csv", "note,price,colour\nfirst,10.50,blue\nsecond,,red\n");
  const CliResult r = RunCli({"sample", Model(), "--seed-data", seeds, "--per-seed", "2", "-o",
                              dir.File("out.csv"), "--seed", "3"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = Cells(ReadText(dir.File("out.csv")));
  ASSERT_EQ(rows.size(), 5u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"note", "price", "colour", "size"}));
  for (int i : {1, 2}) {
    EXPECT_EQ(rows[i][0], "first");
    EXPECT_EQ(rows[i][1], "10.50");
    EXPECT_EQ(rows[i][2], "blue");
    EXPECT_FALSE(rows[i][3].empty());
  }
  for (int i : {3, 4}) {
    EXPECT_EQ(rows[i][0], "second");
    EXPECT_FALSE(rows[i][1].empty());  // a missing seed cell is generated
    EXPECT_EQ(rows[i][2], "red");
  }
  EXPECT_EQ(r.err.find("warning"), std::string::npos) << r.err;
}

TEST_F(ConditionalCli, UnseenSeedValueWarnsOrFailsWhenStrict) {
  TempDir dir;
  const std::string seeds = dir.Write("seeds.csv", "colour\nred\npurple\n");
  CliResult r = RunCli({"sample", Model(), "--seed-data", seeds, "-o", dir.File("out.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ersatz: warning: " + seeds +
                       ":3:1: value 'purple' of column 'colour' was never seen by the model; its "
                       "rows are conditioned on the nearest value the model knows\n"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(Cells(ReadText(dir.File("out.csv")))[2][0], "purple");
  r = RunCli({"sample", Model(), "--seed-data", seeds, "-o", dir.File("strict.csv"), "--strict"});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "ersatz: " + seeds +
                       ":3:1: value 'purple' of column 'colour' was never seen by the model; its "
                       "rows are conditioned on the nearest value the model knows (--strict)\n");
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"out.csv", "seeds.csv"}));  // no partial output
}

TEST_F(ConditionalCli, WhereConditionsEveryRow) {
  TempDir dir;
  const CliResult r = RunCli({"sample", Model(), "-n", "300", "-o", dir.File("out.csv"), "--where",
                              "colour=red,green", "--where", "price=5..12.5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = Cells(ReadText(dir.File("out.csv")));
  ASSERT_EQ(rows.size(), 301u);
  for (std::size_t i = 1; i < rows.size(); ++i) {
    EXPECT_NE(rows[i][0], "blue");
    const double price = std::stod(rows[i][2]);
    EXPECT_GE(price, 5);
    EXPECT_LE(price, 12.5);
  }
}

TEST_F(ConditionalCli, ImputeFillsNullsAndKeepsPresentCells) {
  TempDir dir;
  const std::string gappy = dir.Write(
      "gappy.csv", "size,colour,price,id\nS,,1.50,a\n,blue,,b\nL,red,33.10,c\n,,,d\n");
  const CliResult r = RunCli({"impute", Model(), gappy, "-o", dir.File("filled.csv"), "--seed", "2"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto in = Cells(ReadText(gappy));
  const auto out = Cells(ReadText(dir.File("filled.csv")));
  ASSERT_EQ(out.size(), in.size());
  EXPECT_EQ(out[0], in[0]);  // same columns, same order
  for (std::size_t i = 1; i < in.size(); ++i) {
    ASSERT_EQ(out[i].size(), 4u);
    for (std::size_t j = 0; j < 4; ++j) {
      if (!in[i][j].empty()) {
        EXPECT_EQ(out[i][j], in[i][j]) << i << "," << j;
      } else {
        EXPECT_FALSE(out[i][j].empty()) << i << "," << j;
      }
    }
  }
}

TEST_F(ConditionalCli, ParameterErrorsAreExact) {
  TempDir dir;
  const std::string out = dir.File("out.csv");
  CliResult r = RunCli({"sample", Model(), "-o", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ersatz: --rows is required unless --seed-data is given\n");
  r = RunCli({"sample", Model(), "-n", "5", "-o", out, "--temperature", "size=0"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ersatz: --temperature 'size=0': expected a value in [0.01, 100], found 0\n");
  r = RunCli({"sample", Model(), "-n", "5", "-o", out, "--temperature", "size=hot"});
  EXPECT_EQ(r.err, "ersatz: --temperature 'size=hot': expected a number or column=number\n");
  r = RunCli({"sample", Model(), "-n", "5", "-o", out, "--temperature", "weight=0.5"});
  EXPECT_EQ(r.err, "ersatz: temperature: the model has no column 'weight'\n");
  r = RunCli({"sample", Model(), "-n", "5", "-o", out, "--where", "colour=purple"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: --where 'colour=purple': column 'colour' has no category 'purple' (never "
            "seen, or too rare to be kept)\n");
  const std::string seeds = dir.Write("seeds.csv", "colour\nred\n");
  r = RunCli({"sample", Model(), "--seed-data", seeds, "-o", out, "--where", "colour=blue"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: column 'colour' is both given (seed data) and conditioned (--where / "
            "--rebalance)\n");
  r = RunCli({"sample", Model(), "--seed-data", seeds, "-n", "5", "-o", out});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: --rows and --seed-data exclude each other: with seed data, the row count is "
            "the seed rows times --per-seed\n");
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"seeds.csv"}));
  r = RunCli({"sample", Model(), "-n", "50", "-o", out, "--temperature", "0.5", "--temperature",
              "colour=2"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

}  // namespace
}  // namespace ersatz::testing
