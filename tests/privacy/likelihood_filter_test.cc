// `--privacy-filter high`'s likelihood floor: rows the model finds less likely than 99.9% of the
// training rows are dropped.
#include "privacy/filter/likelihood_filter.h"

#include <gtest/gtest.h>

#include <numeric>

#include "ersatz/generator.h"

namespace ersatz::privacy {
namespace {

TEST(LikelihoodFilter, FloorIsTheTrainingRowsTenthOfAPercentQuantile) {
  std::vector<double> ll(2001);
  std::iota(ll.begin(), ll.end(), -2000.0);  // −2000 … 0
  EXPECT_DOUBLE_EQ(LikelihoodFloor(ll), -1998.0);  // index floor(0.001 · 2000) = 2
}

TEST(LikelihoodFilter, RejectsRowsBelowTheFloorOnly) {
  Column c("x", ColumnKind::kInteger);
  for (int v : {-10, -3, -5, 0}) c.AppendInteger(v);
  Table batch;
  batch.AddColumn(c);
  const LikelihoodFilter filter(
      [](const Table& t, std::span<double> out) {
        for (std::size_t r = 0; r < t.num_rows(); ++r) out[r] = static_cast<double>(t.column(0).integers()[r]);
      },
      -4.0);
  std::vector<std::uint8_t> reject(4, 0);
  RejectionCounts counts;
  filter.Check(batch, reject, &counts);
  EXPECT_EQ(reject, (std::vector<std::uint8_t>{1, 0, 1, 0}));
  EXPECT_EQ(counts, (RejectionCounts{{std::string(kImplausibleReason), 2}}));
}

TEST(LikelihoodFilter, HighDropsACombinationTheTrainingRowsNeverShow) {
  Column a("a", ColumnKind::kCategorical), b("b", ColumnKind::kCategorical);
  for (int r = 0; r < 400; ++r) {  // b always follows a
    a.AppendString(r % 2 == 0 ? "x" : "y");
    b.AppendString(r % 2 == 0 ? "u" : "v");
  }
  Table train;
  train.AddColumn(a);
  train.AddColumn(b);
  FitOptions fit;
  fit.max_epochs = 5;
  fit.value_protection = false;
  fit.discover_rules = false;  // else b is computed from a, and (x, v) cannot be generated at all
  fit.size = "medium";          // 5 epochs must learn that b follows a: the filter is the subject
  const Generator g = Generator::Fit(train, Metadata{}, fit);
  const auto checks = g.PrivacyFilters("high");
  ASSERT_EQ(checks.size(), 2u);
  Column qa("a", ColumnKind::kCategorical), qb("b", ColumnKind::kCategorical);
  qa.AppendString("x"), qb.AppendString("v");  // never seen together
  qa.AppendString("x"), qb.AppendString("u");  // every other training row
  Table query;
  query.AddColumn(qa);
  query.AddColumn(qb);
  std::vector<std::uint8_t> reject(2, 0);
  RejectionCounts counts;
  checks[1]->Check(query, reject, &counts);
  EXPECT_EQ(reject, (std::vector<std::uint8_t>{1, 0}));
}

}  // namespace
}  // namespace ersatz::privacy
