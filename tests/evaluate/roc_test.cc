// ROC statistics by hand: AUC with ties, the curve's corners, TPR at a fixed FPR, Clopper–Pearson
// bounds against their closed forms, and the empirical ε of a known curve.
#include "evaluate/roc.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace ersatz::evaluate {
namespace {

TEST(RocAuc, CountsOrderedPairsOfPositiveAndNegative) {
  // Pairs (positive, negative): (0.35, 0.1) yes, (0.35, 0.4) no, (0.8, 0.1) yes, (0.8, 0.4) yes.
  const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8};
  const std::vector<std::uint8_t> labels = {0, 0, 1, 1};
  EXPECT_DOUBLE_EQ(RocAuc(scores, labels), 0.75);
}

TEST(RocAuc, TiesCountHalfAndOneClassIsUndefined) {
  EXPECT_DOUBLE_EQ(RocAuc(std::vector<double>{1, 1}, std::vector<std::uint8_t>{1, 0}), 0.5);
  // positive 2 vs negatives {1, 2, 3}: 1 win, 1 tie, 1 loss → (1 + 0.5) / 3.
  EXPECT_DOUBLE_EQ(RocAuc(std::vector<double>{2, 1, 2, 3}, std::vector<std::uint8_t>{1, 0, 0, 0}),
                   0.5);
  EXPECT_TRUE(std::isnan(RocAuc(std::vector<double>{1, 2}, std::vector<std::uint8_t>{1, 1})));
}

TEST(RocCurve, HasOneCornerPerDistinctScoreAndTprAtFprReadsTheBestAllowedOne) {
  const std::vector<double> scores = {0.1, 0.4, 0.35, 0.8};
  const std::vector<std::uint8_t> labels = {0, 0, 1, 1};
  const auto curve = RocCurve(scores, labels);
  ASSERT_EQ(curve.size(), 5u);
  const double expected[5][2] = {{0, 0}, {0, 0.5}, {0.5, 0.5}, {0.5, 1}, {1, 1}};
  for (int i = 0; i < 5; ++i) {
    EXPECT_DOUBLE_EQ(curve[i].fpr, expected[i][0]) << i;
    EXPECT_DOUBLE_EQ(curve[i].tpr, expected[i][1]) << i;
  }
  EXPECT_DOUBLE_EQ(TprAtFpr(curve, 0.1), 0.5);
  EXPECT_DOUBLE_EQ(TprAtFpr(curve, 0.01), 0.5);
  EXPECT_DOUBLE_EQ(TprAtFpr(curve, 0.5), 1.0);
}

TEST(ClopperPearson, MatchesClosedFormsAtTheEndsAndTheTextbookInterval) {
  // k = 0: upper = 1 − α^(1/n); k = n: lower = α^(1/n).
  EXPECT_NEAR(ClopperPearsonUpper(0, 10, 0.025), 1 - std::pow(0.025, 0.1), 1e-9);
  EXPECT_NEAR(ClopperPearsonLower(10, 10, 0.025), std::pow(0.025, 0.1), 1e-9);
  // 5 of 10, 95% two-sided: [0.1871, 0.8129].
  EXPECT_NEAR(ClopperPearsonLower(5, 10, 0.025), 0.18709, 1e-4);
  EXPECT_NEAR(ClopperPearsonUpper(5, 10, 0.025), 0.81291, 1e-4);
  EXPECT_EQ(ClopperPearsonLower(0, 10, 0.025), 0.0);
  EXPECT_EQ(ClopperPearsonUpper(10, 10, 0.025), 1.0);
}

TEST(EmpiricalEpsilon, IsTheLogRatioOfTheBestThresholdAndItsBoundIsSmaller) {
  // 100 members, 100 non-members: the top threshold catches 50 members and 10 non-members.
  std::vector<double> scores;
  std::vector<std::uint8_t> labels;
  for (int i = 0; i < 100; ++i) scores.push_back(i < 50 ? 2 : 0), labels.push_back(1);
  for (int i = 0; i < 100; ++i) scores.push_back(i < 10 ? 2 : 0), labels.push_back(0);
  const auto curve = RocCurve(scores, labels);
  const EpsilonBound eps = EmpiricalEpsilon(curve, 100, 100);
  EXPECT_NEAR(eps.estimate, std::log(5.0), 1e-12);
  const double expected_low = std::log(ClopperPearsonLower(50, 100, 0.025) /
                                       ClopperPearsonUpper(10, 100, 0.025));
  EXPECT_NEAR(eps.lower_95, expected_low, 1e-9);
  EXPECT_GT(eps.lower_95, 0.5);
  EXPECT_LT(eps.lower_95, eps.estimate);
}

TEST(EmpiricalEpsilon, IsZeroForAnAttackNoBetterThanChance) {
  std::vector<double> scores;
  std::vector<std::uint8_t> labels;
  for (int i = 0; i < 200; ++i) scores.push_back(i % 100), labels.push_back(i < 100);
  const EpsilonBound eps = EmpiricalEpsilon(RocCurve(scores, labels), 100, 100);
  EXPECT_NEAR(eps.estimate, 0.0, 1e-12);
  EXPECT_EQ(eps.lower_95, 0.0);
}

}  // namespace
}  // namespace ersatz::evaluate
