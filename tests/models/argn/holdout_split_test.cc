// The holdout `fit` and `audit` keep out of training: seeded, the requested share, and with an
// entity column whole entities, so none is on both sides.
#include "models/argn/fit_inputs.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "ersatz/error.h"

namespace ersatz {
namespace {

// Patients 0..n-1 with patient p on 1 + p % 5 rows, interleaved as visits come in.
Table Visits(int patients) {
  Column id("patient_id", ColumnKind::kInteger);
  Column ward("ward", ColumnKind::kCategorical);
  for (int visit = 0; visit < 5; ++visit) {
    for (int p = 0; p < patients; ++p) {
      if (visit > p % 5) continue;
      id.AppendInteger(p);
      ward.AppendString(visit % 2 == 0 ? "north" : "south");
    }
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(ward);
  return t;
}

std::set<std::int64_t> Patients(const Table& t, const std::vector<std::uint32_t>& rows) {
  std::set<std::int64_t> ids;
  for (std::uint32_t r : rows) ids.insert(t.column(0).integers()[r]);
  return ids;
}

TEST(HoldoutSplit, RowsAreSplitInTheRequestedShareReproducibly) {
  const Table t = Visits(200);  // 600 rows
  const HoldoutSplit a = SplitHoldout(t, 0.2, 7), b = SplitHoldout(t, 0.2, 7), c = SplitHoldout(t, 0.2, 8);
  EXPECT_EQ(a.holdout.size(), 120u);
  EXPECT_EQ(a.train.size() + a.holdout.size(), t.num_rows());
  EXPECT_EQ(a.holdout, b.holdout);
  EXPECT_NE(a.holdout, c.holdout);
  EXPECT_TRUE(std::is_sorted(a.train.begin(), a.train.end()));
  // Row splits ignore entities: with 600 rows of 200 patients some patient lands on both sides.
  std::vector<std::int64_t> both;
  const auto train = Patients(t, a.train), holdout = Patients(t, a.holdout);
  std::set_intersection(train.begin(), train.end(), holdout.begin(), holdout.end(), std::back_inserter(both));
  EXPECT_FALSE(both.empty());
}

TEST(HoldoutSplit, TheDefaultIsTenPercentAtMostTwoThousand) {
  EXPECT_EQ(DefaultHoldoutCount(150), 15u);
  EXPECT_EQ(DefaultHoldoutCount(19'999), 1'999u);
  EXPECT_EQ(DefaultHoldoutCount(32'561), 2'000u);  // Adult: 6.1%
  EXPECT_EQ(SplitHoldout(Visits(200), std::nullopt, 7).holdout.size(), 60u);  // 600 rows
  EXPECT_EQ(SplitHoldout(Visits(10'000), std::nullopt, 7).holdout.size(), 2'000u);  // 30,000 rows
  // With an entity column the rule counts entities: 20 of 200 patients, all their rows.
  const Table t = Visits(200);
  const HoldoutSplit s = SplitHoldout(t, std::nullopt, 7, "patient_id");
  EXPECT_EQ(Patients(t, s.holdout).size(), 20u);
  EXPECT_EQ(s.train.size() + s.holdout.size(), t.num_rows());
}

TEST(HoldoutSplit, AnEntityColumnKeepsEachEntityOnOneSide) {
  const Table t = Visits(200);
  const HoldoutSplit s = SplitHoldout(t, 0.2, 7, "patient_id");
  const auto train = Patients(t, s.train), holdout = Patients(t, s.holdout);
  EXPECT_EQ(holdout.size(), 40u) << "20% of the 200 patients";
  EXPECT_EQ(train.size(), 160u);
  std::vector<std::int64_t> both;
  std::set_intersection(train.begin(), train.end(), holdout.begin(), holdout.end(), std::back_inserter(both));
  EXPECT_TRUE(both.empty());
  EXPECT_EQ(s.train.size() + s.holdout.size(), t.num_rows()) << "every row on exactly one side";
  EXPECT_TRUE(std::is_sorted(s.holdout.begin(), s.holdout.end()));
  EXPECT_EQ(SplitHoldout(t, 0.2, 7, "patient_id").holdout, s.holdout);
  EXPECT_TRUE(SplitHoldout(t, 0.0, 7, "patient_id").holdout.empty());
  try {
    SplitHoldout(t, 0.2, 7, "nobody");
    FAIL() << "expected a ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "entity-column: the table has no column 'nobody'");
  }
}

}  // namespace
}  // namespace ersatz
