// DP statistics for the encoders: what they keep, what they spend, and that the spend adds up.
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "ersatz/error.h"
#include "privacy/budget.h"
#include "privacy/dp_counts.h"
#include "privacy/dp_quantiles.h"
#include "privacy/test_bits.h"

namespace ersatz::privacy {
namespace {

using testing::SeededBits;

TEST(SelectCategories, KeepsFrequentCategoriesAndDropsSingletons) {
  for (CountNoise noise : {CountNoise::kLaplace, CountNoise::kGaussian}) {
    SeededBits bits(11);
    // 3 large categories, 50 that hold one record each (a rare diagnosis is one patient).
    std::vector<std::int64_t> counts = {5000, 2000, 800};
    counts.resize(53, 1);
    const CategorySelection s = SelectCategories(counts, {1.0, 1e-6}, noise, bits);
    EXPECT_EQ(s.kept, (std::vector<std::size_t>{0, 1, 2}));
    EXPECT_GT(s.threshold, 1);
    for (std::int64_t c : s.noisy_counts) EXPECT_GE(c, s.threshold);
    EXPECT_LE(s.spent.epsilon, 1.0 + 1e-12);
    EXPECT_EQ(s.spent.delta, 1e-6);
  }
}

TEST(SelectCategories, ThresholdBoundsTheChanceOfRevealingOneRecord) {
  // With ε = 1, δ = 1e-3 the Laplace threshold is 1 + ⌈log(1/(δ(1+e^-1)))/1⌉ = 8.
  SeededBits bits(12);
  std::vector<std::int64_t> singletons(200000, 1);
  const CategorySelection s = SelectCategories(singletons, {1.0, 1e-3}, CountNoise::kLaplace, bits);
  EXPECT_EQ(s.threshold, 8);
  // P(Z ≥ 7) = e^-7/(1+e^-1) ≈ 6.7e-4 ≤ δ: about 134 of 200000 singletons are kept.
  const double p = std::exp(-7.0) / (1 + std::exp(-1.0));
  EXPECT_LE(p, 1e-3);
  EXPECT_NEAR(double(s.kept.size()) / 200000, p, 6 * std::sqrt(p / 200000));
}

TEST(SelectCategories, RefusesAShareWithoutDelta) {
  SeededBits bits(13);
  const std::vector<std::int64_t> counts = {10, 20};
  EXPECT_THROW(SelectCategories(counts, {1.0, 0.0}, CountNoise::kLaplace, bits), ParameterError);
  EXPECT_THROW(SelectCategories(counts, {0.0, 1e-6}, CountNoise::kGaussian, bits), ParameterError);
}

TEST(SelectCategoriesZcdp, ThresholdFromRhoAndDeltaLeavesTheEpsilonToTheCaller) {
  SeededBits bits(16);
  // ρ = 1/8: σ² = 4; threshold 1 + ⌈2·√(2·log(1/1e-3))⌉ = 1 + ⌈7.43⌉ = 9.
  std::vector<std::int64_t> counts = {400, 90};
  counts.resize(20002, 1);
  const CategorySelection s = SelectCategoriesZcdp(counts, 0.125, 1e-3, bits);
  EXPECT_EQ(s.threshold, 9);
  EXPECT_DOUBLE_EQ(s.rho, 0.125);
  EXPECT_EQ(s.spent.epsilon, 0.0);
  EXPECT_EQ(s.spent.delta, 1e-3);
  ASSERT_GE(s.kept.size(), 2u);
  EXPECT_EQ(s.kept[0], 0u);
  EXPECT_EQ(s.kept[1], 1u);
  // A singleton passes only when its noise reaches 8: P ≤ e^{−64/8} ≈ 3.4e-4 ≤ δ; of 20000
  // singletons, far fewer than δ·20000 = 20 + 6 standard deviations get through.
  EXPECT_LE(double(s.kept.size() - 2), 20 + 6 * std::sqrt(20.0));
  EXPECT_THROW(SelectCategoriesZcdp(counts, 0.0, 1e-3, bits), ParameterError);
  EXPECT_THROW(SelectCategoriesZcdp(counts, 0.1, 0.0, bits), ParameterError);
}

TEST(DpQuantile, LandsNearTheTrueQuantileAndInsideTheRange) {
  SeededBits bits(14);
  std::vector<double> values;
  for (int i = 0; i < 10000; ++i) values.push_back(i * 0.01);  // uniform on [0, 100)
  values.push_back(1e12);                                      // one billionaire
  for (int trial = 0; trial < 20; ++trial) {
    const double median = DpQuantile(values, 0.5, 0, 1000, 1.0, bits);
    EXPECT_NEAR(median, 50, 1.0);
    // Each bound gets ε = 2: enough that the empty gap up to the public limit 1e6, 48 ranks from
    // the target, loses to the dense data (a wide public range costs ε or data; docs/privacy.md).
    const DpQuantilesResult bounds = DpBounds(values, -1000, 1e6, 4.0, bits);
    EXPECT_NEAR(bounds.values[0], 0.5, 1.0);
    EXPECT_NEAR(bounds.values[1], 99.5, 1.0);  // the outlier does not set the upper bound
    EXPECT_EQ(bounds.spent.epsilon, 4.0);
    EXPECT_EQ(bounds.spent.delta, 0.0);
  }
}

TEST(DpQuantile, QuantilesComeOutSortedAndCheckTheirArguments) {
  SeededBits bits(15);
  const std::vector<double> values = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  const std::vector<double> qs = {0.9, 0.1, 0.5};
  const DpQuantilesResult r = DpQuantiles(values, qs, 0, 20, 0.3, bits);
  ASSERT_EQ(r.values.size(), 3u);
  EXPECT_TRUE(std::is_sorted(r.values.begin(), r.values.end()));
  for (double v : r.values) {
    EXPECT_GE(v, 0);
    EXPECT_LE(v, 20);
  }
  EXPECT_THROW(DpQuantile(values, 0.5, 5, 5, 1.0, bits), ParameterError);
  EXPECT_THROW(DpQuantile(values, 1.5, 0, 10, 1.0, bits), ParameterError);
  EXPECT_THROW(DpQuantile(values, 0.5, 0, 10, 0.0, bits), ParameterError);
}

TEST(PrivacyBudget, RecordsEachStepAndRefusesToOverspend) {
  PrivacyBudget budget(1.0, 1e-5);
  budget.Charge("categories of 'workclass'", {0.1, 1e-7});
  budget.Charge("bounds of 'age'", {0.2, 0});
  EXPECT_NEAR(budget.Total().epsilon, 0.3, 1e-12);
  EXPECT_NEAR(budget.Remaining().epsilon, 0.7, 1e-12);
  budget.Charge("DP-SGD", {0.7, 9.9e-6});  // exactly the rest: rounding must not refuse it
  EXPECT_EQ(budget.steps().size(), 3u);
  try {
    budget.Charge("one more", {0.01, 0});
    FAIL() << "overspend accepted";
  } catch (const ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("one more"), std::string::npos);
  }
  EXPECT_EQ(budget.steps().size(), 3u);
  EXPECT_NE(budget.Report().find("total"), std::string::npos);
}

TEST(PrivacyBudget, ZcdpConversionsAreInverse) {
  for (double eps : {0.1, 1.0, 8.0}) {
    const double rho = EpsilonToZcdp(eps, 1e-9);
    EXPECT_LE(ZcdpToEpsilon(rho, 1e-9), eps);
    EXPECT_NEAR(ZcdpToEpsilon(rho, 1e-9), eps, 1e-9);
    EXPECT_LE(ZcdpToEpsilon(rho, 1e-9), rho + 2 * std::sqrt(rho * std::log(1e9)));
  }
  // REFERENCE.md §4: ρ ≈ 0.015 for (ε = 1, δ = 1e-9).
  EXPECT_NEAR(EpsilonToZcdp(1.0, 1e-9), 0.015, 0.001);
}

}  // namespace
}  // namespace ersatz::privacy
