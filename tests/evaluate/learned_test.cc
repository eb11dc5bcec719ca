// The trained scores: TSTR utility on Adult (classification and regression), the target's
// errors, and determinism of the discriminator across runs and thread counts.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "common/random.h"
#include "ersatz/csv.h"
#include "ersatz/error.h"
#include "ersatz/evaluate.h"
#include "evaluate/test_tables.h"

namespace ersatz {
namespace {

using evaluate::testing::TakeRows;

struct Split {
  Table train, synthetic, holdout;
};

// Adult in three seeded parts: "synthetic" is a disjoint sample of real people, so a perfect
// generator's utility (ratio ≈ 1) is what it should score.
const Split& AdultSplit() {
  static const Split split = [] {
    const Table adult = ReadCsv(std::string(ERSATZ_SOURCE_DIR) + "/data/adult.csv");
    std::vector<std::size_t> rows(adult.num_rows());
    std::iota(rows.begin(), rows.end(), 0);
    RandomStream rng(11, 0, 0);
    for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.NextBelow(i)]);
    auto part = [&](std::size_t from, std::size_t to) {
      return TakeRows(adult, std::vector<std::size_t>(rows.begin() + long(from), rows.begin() + long(to)));
    };
    return Split{part(0, 12000), part(12000, 24000), part(24000, 30000)};
  }();
  return split;
}

EvaluateOptions Only(const std::string& target) {
  EvaluateOptions options;
  options.target = target;
  options.privacy = false;
  options.discriminator = false;
  return options;
}

TEST(Utility, RealPeopleAsSyntheticDataAreAsUsefulAsTheTrainingData) {
  const Split& s = AdultSplit();
  const EvaluateReport report = Evaluate(s.train, s.synthetic, &s.holdout, Only("income"));
  ASSERT_TRUE(report.utility.computed);
  EXPECT_EQ(report.utility.task, "classification");
  EXPECT_EQ(report.utility.metric, "roc_auc");
  EXPECT_EQ(report.utility.classes, 2u);
  EXPECT_EQ(report.utility.test_rows, 6000u);
  EXPECT_GT(report.utility.real, 0.9);  // XGBoost on Adult: ≈ 0.92
  EXPECT_NEAR(report.utility.ratio, 1.0, 0.02);
  EXPECT_DOUBLE_EQ(report.utility.ratio, report.utility.synthetic / report.utility.real);
}

TEST(Utility, NumericTargetIsScoredWithRSquaredAndMultiClassWithMacroAuc) {
  const Split& s = AdultSplit();
  const EvaluateReport age = Evaluate(s.train, s.synthetic, &s.holdout, Only("age"));
  EXPECT_EQ(age.utility.metric, "r2");
  EXPECT_GT(age.utility.real, 0.2);
  EXPECT_LT(age.utility.real, 1.0);
  EXPECT_NEAR(age.utility.ratio, 1.0, 0.1);
  const EvaluateReport race = Evaluate(s.train, s.synthetic, &s.holdout, Only("race"));
  EXPECT_EQ(race.utility.metric, "roc_auc");
  EXPECT_EQ(race.utility.classes, 5u);  // one-vs-rest over Adult's 5 races
  EXPECT_GT(race.utility.real, 0.6);
}

TEST(Utility, NeedsAHoldoutAndAnEvaluatedTargetColumn) {
  const Split& s = AdultSplit();
  const EvaluateReport no_holdout = Evaluate(s.train, s.synthetic, nullptr, Only("income"));
  EXPECT_FALSE(no_holdout.utility.computed);
  EXPECT_NE(no_holdout.ToJson().find("\"utility\": null"), std::string::npos);
  try {
    Evaluate(s.train, s.synthetic, &s.holdout, Only("salary"));
    FAIL() << "expected a ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "evaluate: target column 'salary' is not a column of the real table");
  }
}

TEST(Discriminator, GivesTheSameAucEveryRunWhateverTheThreadCount) {
  const Split& s = AdultSplit();
  EvaluateOptions options;
  options.privacy = false;
  options.max_discriminator_rows = 4000;
  options.threads = 1;
  const double one = Evaluate(s.train, s.synthetic, nullptr, options).fidelity.discriminator_auc;
  options.threads = 3;
  const double three = Evaluate(s.train, s.synthetic, nullptr, options).fidelity.discriminator_auc;
  EXPECT_EQ(one, three);
  EXPECT_NEAR(one, 0.5, 0.05);
}

}  // namespace
}  // namespace ersatz
