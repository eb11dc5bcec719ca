// A table with nothing to learn is refused with what is missing; empty and constant columns are
// warned about (issue 13, class 4).
#include "models/argn/learnable.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "ersatz/error.h"

namespace ersatz {
namespace {

using ::testing::HasSubstr;

Column Ints(std::string name, std::vector<std::optional<std::int64_t>> values) {
  Column c(std::move(name), ColumnKind::kInteger);
  for (const auto& v : values) v ? c.AppendInteger(*v) : c.AppendNull();
  return c;
}

std::string RefusalOf(const Table& table) {
  try {
    CheckLearnable(table, Metadata{});
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

TEST(Learnable, RefusesNoColumnsNoRowsAndOnlyEmptyColumns) {
  EXPECT_THAT(RefusalOf(Table{}), HasSubstr("no columns"));
  Table one_row;
  one_row.AddColumn(Ints("a", {1}));
  EXPECT_THAT(RefusalOf(one_row), HasSubstr("1 row(s)"));
  Table empty;
  empty.AddColumn(Ints("a", {std::nullopt, std::nullopt}));
  empty.AddColumn(Ints("b", {std::nullopt, std::nullopt}));
  EXPECT_THAT(RefusalOf(empty), HasSubstr("every column to learn is empty (a, b)"));
}

TEST(Learnable, WarnsAboutEmptyAndSingleValuedColumns) {
  Table t;
  t.AddColumn(Ints("a", {5, 5, 5}));
  t.AddColumn(Ints("b", {std::nullopt, std::nullopt, std::nullopt}));
  const auto warnings = CheckLearnable(t, Metadata{});
  ASSERT_EQ(warnings.size(), 2u);
  EXPECT_THAT(warnings[0], HasSubstr("column 'b': all 3 values are missing"));
  EXPECT_THAT(warnings[1], HasSubstr("single value or none (a)"));
  Table varied;
  varied.AddColumn(Ints("a", {5, 6, 5}));
  EXPECT_TRUE(CheckLearnable(varied, Metadata{}).empty());
}

}  // namespace
}  // namespace ersatz
