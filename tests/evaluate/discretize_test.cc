// The shared discretisations: what a bin is for each metric family.
#include "evaluate/discretize.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

EvalColumn Numeric(std::vector<double> real, std::vector<double> synthetic) {
  EvalColumn c;
  c.name = "x";
  c.numeric = true;
  c.values[kReal] = std::move(real);
  c.values[kSynthetic] = std::move(synthetic);
  return c;
}

TEST(ContingencyBins, CutsTheRealRangeIntoTenEqualBinsWithOpenEnds) {
  // Real 0..10: inner edges 1, 2, ..., 9. A synthetic 100 lands in the top bin, −5 in the bottom
  // one; a null gets bin 10 of its own.
  const Binned b = ContingencyBins(Numeric({0, 5, 10}, {-5, 1.5, 100, kNaN}));
  EXPECT_EQ(b.num_bins, 11);
  EXPECT_EQ(b.codes[kReal], (std::vector<std::int32_t>{0, 4, 9}));
  EXPECT_EQ(b.codes[kSynthetic], (std::vector<std::int32_t>{0, 1, 9, 10}));
}

TEST(AccuracyBins, CutsNumericColumnsAtTheRealDeciles) {
  // Real 1..20: deciles at sorted[19·d/10] = 2, 4, ..., 18 → ten bins of two values each.
  std::vector<double> real;
  for (int v = 1; v <= 20; ++v) real.push_back(v);
  const Binned b = AccuracyBins(Numeric(real, {1, 2, 3, 19, 20, 50, kNaN}));
  EXPECT_EQ(b.num_bins, 11);  // 10 value bins + (n/a)
  EXPECT_EQ(b.codes[kSynthetic], (std::vector<std::int32_t>{0, 0, 1, 9, 9, 9, 10}));
}

TEST(AccuracyBins, GivesEachValueOfAFewValuedColumnItsOwnBin) {
  // Real {0, 0, 0, 1, 1}: every decile is 0 or 1 → edges {0, 1}: bins "≤0", "≤1", ">1".
  const Binned b = AccuracyBins(Numeric({0, 0, 0, 1, 1}, {0, 1}));
  EXPECT_EQ(b.num_bins, 4);
  EXPECT_EQ(b.codes[kSynthetic], (std::vector<std::int32_t>{0, 1}));
}

TEST(AccuracyBins, KeepsTopCategoriesSeenFiveTimesAndGroupsTheRestAsOther) {
  EvalColumn c;
  c.categories = {"common", "rare", "unseen"};
  c.codes[kReal] = {0, 0, 0, 0, 0, 1, 1, -1};  // "rare" only twice → (other)
  c.codes[kSynthetic] = {0, 1, 2, -1};
  const Binned b = AccuracyBins(c);
  EXPECT_EQ(b.num_bins, 3);  // common, (other), (n/a)
  EXPECT_EQ(b.codes[kReal], (std::vector<std::int32_t>{0, 0, 0, 0, 0, 1, 1, 2}));
  EXPECT_EQ(b.codes[kSynthetic], (std::vector<std::int32_t>{0, 1, 1, 2}));
}

TEST(JointTvComplement, ComparesJointFrequencies) {
  // Pair cells real: (0,0) ½, (1,1) ½; synthetic: (0,0) ½, (0,1) ½ → TV = ½(½ + ½) = ½.
  Binned a, b;
  a.num_bins = b.num_bins = 2;
  a.codes = {std::vector<std::int32_t>{0, 1}, std::vector<std::int32_t>{0, 0}};
  b.codes = {std::vector<std::int32_t>{0, 1}, std::vector<std::int32_t>{0, 1}};
  const Binned* one[] = {&a};
  const Binned* two[] = {&a, &b};
  EXPECT_DOUBLE_EQ(JointTvComplement(one), 0.5);  // real (½, ½) vs synthetic (1, 0)
  EXPECT_DOUBLE_EQ(JointTvComplement(two), 0.5);
}

TEST(JointTvComplement, HandlesJointSpacesTooLargeForADenseTable) {
  Binned a;
  a.num_bins = 1 << 20;  // sorted-key path
  a.codes = {std::vector<std::int32_t>{5, 7, 7, 9}, std::vector<std::int32_t>{7, 9, 9, 11}};
  const Binned* one[] = {&a};
  // real: 5 ¼, 7 ½, 9 ¼; synthetic: 7 ¼, 9 ½, 11 ¼ → Σ|Δ| = ¼ + ¼ + ¼ + ¼ = 1 → 1 − ½.
  EXPECT_DOUBLE_EQ(JointTvComplement(one), 0.5);
}

}  // namespace
}  // namespace ersatz::evaluate
