// Each statistic on arrays small enough to compute by hand (the arithmetic is in the comments).
#include "evaluate/stats.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

TEST(KsStatistic, IsTheLargestGapBetweenTheEmpiricalCdfs) {
  // F_a(2) = 0.5, F_b(2) = 0; F_a(3) = 0.75, F_b(3) = 0.25; F_a(4) = 1, F_b(4) = 0.5 → 0.5.
  EXPECT_DOUBLE_EQ(KsStatistic(std::vector<double>{1, 2, 3, 4}, std::vector<double>{3, 4, 5, 6}),
                   0.5);
  EXPECT_DOUBLE_EQ(KsStatistic(std::vector<double>{1, 2}, std::vector<double>{2, 1}), 0.0);
}

TEST(KsStatistic, DropsNullsAndIsUndefinedForAnEmptySide) {
  // {1, NaN} is {1}; {1, 2}: F(1) = 1 vs 0.5 → 0.5.
  EXPECT_DOUBLE_EQ(KsStatistic(std::vector<double>{1, kNaN}, std::vector<double>{1, 2}), 0.5);
  EXPECT_TRUE(std::isnan(KsStatistic(std::vector<double>{kNaN}, std::vector<double>{1})));
}

TEST(Pearson, MatchesTheHandComputedValue) {
  // dx = −1, 0, 1; dy = −7/3, −1/3, 8/3; Σdxdy = 5, Σdx² = 2, Σdy² = 114/9 → 5 / √(228/9).
  EXPECT_NEAR(Pearson(std::vector<double>{1, 2, 3}, std::vector<double>{2, 4, 7}),
              5 / std::sqrt(228.0 / 9), 1e-12);
  EXPECT_NEAR(Pearson(std::vector<double>{1, 2, 3}, std::vector<double>{3, 2, 1}), -1, 1e-12);
}

TEST(Pearson, UsesOnlyRowsWhereBothArePresentAndIsUndefinedForAConstant) {
  EXPECT_NEAR(Pearson(std::vector<double>{1, 2, kNaN, 3}, std::vector<double>{1, 2, 9, 3}), 1,
              1e-12);
  EXPECT_TRUE(std::isnan(Pearson(std::vector<double>{1, 1, 1}, std::vector<double>{1, 2, 3})));
}

TEST(CramersV, IsOneForAPerfectAssociationAndZeroForIndependence) {
  // Diagonal 2×2 table of n = 4: χ² = 4 (Σ n_ij²/(n_i·n_·j) − 1) = 4 (1 + 1 − 1) = 4 → √(4/4).
  EXPECT_DOUBLE_EQ(CramersV(std::vector<int>{0, 0, 1, 1}, 2, std::vector<int>{0, 0, 1, 1}, 2), 1);
  EXPECT_DOUBLE_EQ(CramersV(std::vector<int>{0, 0, 1, 1}, 2, std::vector<int>{0, 1, 0, 1}, 2), 0);
  // A single observed value on one side carries no association.
  EXPECT_DOUBLE_EQ(CramersV(std::vector<int>{0, 0, 0}, 3, std::vector<int>{0, 1, 2}, 3), 0);
}

TEST(TheilsU, IsAsymmetric) {
  const std::vector<int> x = {0, 1, 2, 3}, y = {0, 0, 1, 1};
  // x determines y: U(y | x) = 1. y halves the uncertainty of x: H(x) = 2 bits, H(x | y) = 1 → ½.
  EXPECT_DOUBLE_EQ(TheilsU(y, 2, x, 4), 1);
  EXPECT_NEAR(TheilsU(x, 4, y, 2), 0.5, 1e-12);
  EXPECT_NEAR(TheilsU(std::vector<int>{0, 0, 1, 1}, 2, std::vector<int>{0, 1, 0, 1}, 2), 0, 1e-12);
}

TEST(CorrelationRatio, IsTheShareOfVarianceBetweenCategories) {
  // Mean 4; group means 2 and 6: between = 2·4 + 2·4 = 16; total = 9 + 1 + 1 + 9 = 20 → √0.8.
  EXPECT_NEAR(CorrelationRatio(std::vector<int>{0, 0, 1, 1}, 2, std::vector<double>{1, 3, 5, 7}),
              std::sqrt(0.8), 1e-12);
  EXPECT_DOUBLE_EQ(
      CorrelationRatio(std::vector<int>{0, 1, 0}, 2, std::vector<double>{5, 5, 5}), 0);
}

TEST(JensenShannonDistance, UsesBaseTwoSoDisjointDistributionsAreOneApart) {
  EXPECT_DOUBLE_EQ(JensenShannonDistance(std::vector<double>{1, 0}, std::vector<double>{0, 1}), 1);
  // m = (¾, ¼): KL(p‖m) = ½log2(⅔) + ½log2(2) = 0.2075187; KL(q‖m) = log2(4/3) = 0.4150375;
  // JSD = ½(0.2075187 + 0.4150375) = 0.3112781 → distance 0.5579230.
  EXPECT_NEAR(JensenShannonDistance(std::vector<double>{0.5, 0.5}, std::vector<double>{1, 0}),
              0.5579230, 1e-6);
  EXPECT_DOUBLE_EQ(JensenShannonDistance(std::vector<double>{0.3, 0.7}, std::vector<double>{0.3, 0.7}),
                   0);
}

}  // namespace
}  // namespace ersatz::evaluate
