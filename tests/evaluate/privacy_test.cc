// Privacy distances on hand-sized tables, and the nearest-neighbour search against brute force.
#include "evaluate/privacy.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "common/random.h"
#include "ersatz/evaluate.h"
#include "evaluate/nn_search.h"
#include "evaluate/test_tables.h"

namespace ersatz {
namespace {

using evaluate::testing::Categories;
using evaluate::testing::Floats;
using evaluate::testing::MakeTable;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<std::size_t> AllRows(std::size_t n) {
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  return rows;
}

TEST(PrivacyDistance, ScalesNumbersByTheRealRangeCapsAtOneAndCountsCategoryMismatchesAsOne) {
  // Real rows (0, a) and (10, b): range 10. Synthetic (5, a): to row 0 |5−0|/10 + 0 = 0.5,
  // to row 1 0.5 + 1 = 1.5. Synthetic (30, b): to row 1 min(20/10, 1) + 0 = 1; to row 0 1 + 1 = 2.
  const Table real = MakeTable({Floats("x", {0, 10}), Categories("c", {"a", "b"})});
  const Table syn = MakeTable({Floats("x", {5, 30}), Categories("c", {"a", "b"})});
  const auto data = evaluate::PrepareColumns(real, syn, nullptr, {});
  const auto nearest = evaluate::FindTwoNearest(evaluate::MakePoints(data, evaluate::kSynthetic, AllRows(2)),
                                                evaluate::MakePoints(data, evaluate::kReal, AllRows(2)));
  EXPECT_FLOAT_EQ(nearest[0].first, 0.5f);
  EXPECT_FLOAT_EQ(nearest[0].second, 1.5f);
  EXPECT_FLOAT_EQ(nearest[1].first, 1.0f);
  EXPECT_FLOAT_EQ(nearest[1].second, 2.0f);
  // NNDR = mean(0.5/1.5, 1/2) = (⅓ + ½) / 2.
  const EvaluateReport r = Evaluate(real, syn, nullptr, {});
  EXPECT_NEAR(r.privacy.nndr, (1.0 / 3 + 0.5) / 2, 1e-6);
}

TEST(PrivacyDistance, TreatsNullAsEqualToNullAndOneAwayFromAnyValue) {
  const Table real = MakeTable({Floats("x", {0, 10}), Categories("c", {std::nullopt, "b"})});
  const Table syn = MakeTable({Floats("x", {kNaN}), Categories("c", {std::nullopt})});
  const auto data = evaluate::PrepareColumns(real, syn, nullptr, {});
  const auto nearest = evaluate::FindTwoNearest(evaluate::MakePoints(data, evaluate::kSynthetic, AllRows(1)),
                                                evaluate::MakePoints(data, evaluate::kReal, AllRows(2)));
  EXPECT_FLOAT_EQ(nearest[0].first, 1.0f);   // x null vs 0: 1; c null vs null: 0
  EXPECT_FLOAT_EQ(nearest[0].second, 2.0f);  // x null vs 10: 1; c null vs b: 1
}

TEST(DcrShare, CountsRowsCloserToTrainingThanHoldoutWithTiesAsHalf) {
  // Range 10. Synthetic 0: training 0 vs holdout 0 → tie, ½. Synthetic 9: training 0.1 (to 10)
  // vs holdout 0.5 (to 4) → 1. Synthetic 3: training 0.3 vs holdout 0.1 → 0. Share = 1.5 / 3.
  const Table real = MakeTable({Floats("x", {0, 10})});
  const Table holdout = MakeTable({Floats("x", {0, 4})});
  const Table syn = MakeTable({Floats("x", {0, 9, 3})});
  const EvaluateReport r = Evaluate(real, syn, &holdout, {});
  EXPECT_DOUBLE_EQ(r.privacy.dcr_share, 0.5);
  EXPECT_EQ(r.privacy.holdout_rows_used, 2u);
}

// Rows of one distribution: three numbers and a category.
Table Population(std::size_t rows, std::uint64_t seed) {
  RandomStream rng(seed, 7, 0);
  std::vector<double> x, y, z;
  std::vector<std::optional<std::string>> c;
  for (std::size_t r = 0; r < rows; ++r) {
    x.push_back(rng.NextDouble());
    y.push_back(rng.NextDouble() + x.back());
    z.push_back(static_cast<double>(rng.NextBelow(20)));
    c.push_back(std::string(1, static_cast<char>('a' + rng.NextBelow(4))));
  }
  return MakeTable({Floats("x", x), Floats("y", y), Floats("z", z), Categories("c", c)});
}

TEST(DcrShare, ComparesEqualSizedSamplesSoASmallHoldoutStillGivesOneHalf) {
  // The default holdout is small next to the training rows (2,000 of 30,000 on Adult). Rows
  // drawn afresh from the population (a perfect generator) are as near the training rows as the
  // holdout rows only when both sides are samples of the same size: against all 20,000 training
  // rows they would look memorised.
  const Table train = Population(20'000, 1), holdout = Population(500, 2), fresh = Population(2'000, 3);
  const EvaluateReport r = Evaluate(train, fresh, &holdout, {});
  EXPECT_EQ(r.privacy.holdout_rows_used, 500u);
  EXPECT_NEAR(r.privacy.dcr_share, 0.5, 0.03);
  EXPECT_NEAR(r.privacy.mia_auc, 0.5, 0.06);  // 250 members against 250 holdout rows
  EXPECT_EQ(r.privacy.attack_members, r.privacy.attack_non_members);
  // The price of a small holdout: copies of training rows move the share only as far as the
  // training sample holds them (500 of 20,000 here); the exact-copy rate, against every
  // training row, is what catches them.
  const EvaluateReport copied = Evaluate(train, Population(2'000, 1), &holdout, {});
  EXPECT_NEAR(copied.privacy.dcr_share, 0.5 + 0.5 * 500 / 20'000, 0.03);
  EXPECT_DOUBLE_EQ(copied.privacy.exact_copy_rate, 1.0);
}

TEST(ExactCopyRate, CountsSyntheticRowsEqualToSomeTrainingRowOnEveryColumn) {
  const Table real = MakeTable({Floats("x", {1, kNaN, 3}), Categories("c", {"a", "b", std::nullopt})});
  // (1,a) copy; (nan,b) copy (nulls equal); (3,a) not; (3,null) copy.
  const Table syn = MakeTable({Floats("x", {1, kNaN, 3, 3}), Categories("c", {"a", "b", "a", std::nullopt})});
  const EvaluateReport r = Evaluate(real, syn, nullptr, {});
  EXPECT_DOUBLE_EQ(r.privacy.exact_copy_rate, 0.75);
  EXPECT_TRUE(r.privacy.alarm);  // 75% copies is far over the 1% threshold
}

// Random mixed points with nulls, for comparisons with a brute-force search.
evaluate::PointSet RandomPoints(std::size_t rows, std::size_t dims, std::uint64_t seed) {
  evaluate::PointSet p(dims, rows);
  RandomStream rng(seed, 1, 0);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t d = 0; d < dims; ++d) {
      const double u = rng.NextDouble();
      p.at(r, d) = u < 0.05 ? evaluate::PointSet::kNullCoordinate
                   : d % 2  ? float(rng.NextBelow(4))  // categorical code
                            : float(rng.NextDouble() * 1.2 - 0.1);
    }
  }
  return p;
}

TEST(FindTwoNearest, AgreesWithBruteForceIncludingPartialBlocks) {
  const std::size_t dims = 5;
  const auto queries = RandomPoints(37, dims, 1);
  const auto points = RandomPoints(101, dims, 2);  // not a multiple of 8
  const auto found = evaluate::FindTwoNearest(queries, points);
  for (std::size_t q = 0; q < queries.rows(); ++q) {
    std::vector<float> d;
    for (std::size_t j = 0; j < points.rows(); ++j) {
      float sum = 0;
      for (std::size_t c = 0; c < dims; ++c) {
        sum += std::min(std::abs(queries.at(q, c) - points.at(j, c)), 1.0f);
      }
      d.push_back(sum);
    }
    std::sort(d.begin(), d.end());
    EXPECT_FLOAT_EQ(found[q].first, d[0]) << q;
    EXPECT_FLOAT_EQ(found[q].second, d[1]) << q;
  }
}

TEST(FindTwoNearest, GivesTheSameDistancesWhateverTheThreadCount) {
  const auto queries = RandomPoints(203, 7, 3);
  const auto points = RandomPoints(999, 7, 4);
  const auto one = evaluate::FindTwoNearest(queries, points, 1);
  const auto two = evaluate::FindTwoNearest(queries, points, 2);
  const auto three = evaluate::FindTwoNearest(queries, points, 3);
  for (std::size_t q = 0; q < queries.rows(); ++q) {
    EXPECT_EQ(one[q].first, two[q].first);
    EXPECT_EQ(one[q].second, two[q].second);
    EXPECT_EQ(one[q].first, three[q].first);
    EXPECT_EQ(one[q].second, three[q].second);
  }
}

TEST(FindTwoNearest, ReportsInfinityForTheSecondOfASinglePoint) {
  const auto found = evaluate::FindTwoNearest(RandomPoints(2, 3, 5), RandomPoints(1, 3, 6));
  EXPECT_TRUE(std::isinf(found[0].second));
}

}  // namespace
}  // namespace ersatz
