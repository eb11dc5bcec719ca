// An inequality between integer columns beyond 2^53 is checked and restored in int64, not in
// doubles, which merge neighbouring integers there (issue 13, class 4).
#include <gtest/gtest.h>

#include "constraints/check_data.h"
#include "constraints/plan.h"
#include "ersatz/csv.h"
#include "ersatz/error.h"

namespace ersatz::constraints {
namespace {

Metadata Inequality() {
  return Metadata::ParseJson(
      R"({"version": 1, "columns": [], "constraints": [{"type": "inequality", "low": "lo", "high": "hi"}]})",
      "meta.json");
}

Table Integers(std::vector<std::pair<std::int64_t, std::int64_t>> rows) {
  Column lo("lo", ColumnKind::kInteger), hi("hi", ColumnKind::kInteger);
  for (const auto& [a, b] : rows) {
    lo.AppendInteger(a);
    hi.AppendInteger(b);
  }
  Table t;
  t.AddColumn(lo);
  t.AddColumn(hi);
  return t;
}

TEST(ExactIntegerInequality, ABreakOfOneBeyond2To53IsFound) {
  const Table t = Integers({{9007199254740993, 9007199254740992}});
  EXPECT_THROW(CheckConstraintsHold(t, Inequality(), "d.csv"), DataError);
}

TEST(ExactIntegerInequality, RestoringGivesTheExactIntegersBack) {
  const Table t = Integers({{9007199254740993, 9007199254740995}, {9223372036854775000, 9223372036854775807}});
  Metadata schema = Inequality();
  const ConstraintPlan plan = ConstraintPlan::Fit(t, schema);
  const Table restored = plan.Restore(plan.Prepare(t), std::vector<std::uint64_t>{0, 1});
  for (std::size_t r = 0; r < 2; ++r) {
    EXPECT_EQ(restored.column(1).integers()[r], t.column(1).integers()[r]) << r;
  }
}

}  // namespace
}  // namespace ersatz::constraints
