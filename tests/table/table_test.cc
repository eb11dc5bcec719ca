#include "ersatz/table.h"

#include <gtest/gtest.h>

#include "ersatz/error.h"

namespace ersatz {
namespace {

TEST(Column, FixedWidthColumnsCostAboutEightBytesPerRow) {
  constexpr std::size_t kRows = 1'000'000;
  Column ints("n", ColumnKind::kInteger);
  ints.Reserve(kRows + 1);
  for (std::size_t i = 0; i < kRows; ++i) ints.AppendInteger(static_cast<std::int64_t>(i));
  EXPECT_LE(ints.MemoryBytes(), kRows * 8 + 1024);
  // A null adds a bitmap of one bit per row, not a byte or a pointer per row.
  ints.AppendNull();
  EXPECT_LE(ints.MemoryBytes(), (kRows + 1) * 8 + kRows / 8 + 4096);
}

// Adopting values must give the same column as appending them one by one, nulls included.
TEST(Column, AdoptedValuesMatchAppendedOnes) {
  constexpr std::size_t kRows = 200;
  const std::vector<std::size_t> null_rows = {3, 64, 65, 130, 199};
  std::vector<std::int64_t> ints(kRows);
  std::vector<double> floats(kRows);
  Column appended_ints("n", ColumnKind::kInteger), appended_floats("x", ColumnKind::kFloat);
  for (std::size_t r = 0, next = 0; r < kRows; ++r) {
    if (next < null_rows.size() && null_rows[next] == r) {
      ++next;
      appended_ints.AppendNull();
      appended_floats.AppendNull();
      continue;
    }
    ints[r] = static_cast<std::int64_t>(r) * 7;
    floats[r] = static_cast<double>(r) / 4;
    appended_ints.AppendInteger(ints[r]);
    appended_floats.AppendFloat(floats[r]);
  }
  Column adopted_ints("n", ColumnKind::kInteger), adopted_floats("x", ColumnKind::kFloat);
  adopted_ints.AdoptIntegers(ints, null_rows);
  adopted_floats.AdoptFloats(floats, null_rows);
  ASSERT_EQ(adopted_ints.size(), kRows);
  ASSERT_EQ(adopted_floats.size(), kRows);
  EXPECT_EQ(adopted_ints.null_count(), null_rows.size());
  for (std::size_t r = 0; r < kRows; ++r) {
    EXPECT_EQ(adopted_ints.IsNull(r), appended_ints.IsNull(r)) << r;
    EXPECT_EQ(adopted_floats.IsNull(r), appended_floats.IsNull(r)) << r;
    EXPECT_EQ(adopted_ints.integers()[r], appended_ints.integers()[r]) << r;
    EXPECT_EQ(adopted_floats.floats()[r], appended_floats.floats()[r]) << r;
  }
  Column no_nulls("m", ColumnKind::kInteger);
  no_nulls.AdoptIntegers({1, 2, 3}, {});
  EXPECT_EQ(no_nulls.size(), 3u);
  EXPECT_EQ(no_nulls.null_count(), 0u);
  // Only an empty column of the right kind can adopt.
  EXPECT_THROW(no_nulls.AdoptIntegers({4}, {}), ParameterError);
  Column text("t", ColumnKind::kText);
  EXPECT_THROW(text.AdoptFloats({1.0}, {}), ParameterError);
}

TEST(Column, CategoricalColumnsStoreEachDistinctStringOnce) {
  Column c("sex", ColumnKind::kCategorical);
  c.Reserve(100000);
  for (int i = 0; i < 100000; ++i) c.AppendString(i % 3 == 0 ? "Female" : "Male");
  EXPECT_EQ(c.categories(), (std::vector<std::string>{"Female", "Male"}));
  EXPECT_LE(c.MemoryBytes(), 100000 * 4 + 1024);
  EXPECT_EQ(c.text(0), "Female");
  EXPECT_EQ(c.text(1), "Male");
  EXPECT_EQ(c.FindCategory("Male"), 1);
  EXPECT_EQ(c.FindCategory("Other"), -1);
}

TEST(Column, TextColumnsShareOneArena) {
  Column t("note", ColumnKind::kText);
  t.AppendString("hello, world");
  t.AppendNull();
  t.AppendString("");
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.text(0), "hello, world");
  EXPECT_TRUE(t.IsNull(1));
  EXPECT_FALSE(t.IsNull(2));
  EXPECT_EQ(t.text(2), "");
}

TEST(Column, NullsAreExplicitAndCounted) {
  Column f("x", ColumnKind::kFloat);
  f.AppendFloat(1.5);
  for (int i = 0; i < 70; ++i) f.AppendFloat(i);
  f.AppendNull();
  f.AppendFloat(-2.25);
  EXPECT_EQ(f.null_count(), 1u);
  EXPECT_FALSE(f.IsNull(0));
  EXPECT_FALSE(f.IsNull(70));
  EXPECT_TRUE(f.IsNull(71));
  EXPECT_FALSE(f.IsNull(72));
  EXPECT_EQ(f.FormatValue(71), "");
  EXPECT_EQ(f.FormatValue(72), "-2.25");
}

TEST(Column, FloatsFormatToTheShortestTextThatReadsBackExactly) {
  Column f("x", ColumnKind::kFloat);
  f.AppendFloat(0.1);
  f.AppendFloat(1.0 / 3.0);
  f.AppendFloat(1e300);
  EXPECT_EQ(f.FormatValue(0), "0.1");
  EXPECT_EQ(std::stod(f.FormatValue(1)), 1.0 / 3.0);
  EXPECT_EQ(f.FormatValue(2), "1e+300");
}

TEST(Column, BooleansKeepTheirSourceSpelling) {
  Column b("flag", ColumnKind::kBoolean);
  b.boolean_spelling() = {"Yes", "No"};
  b.AppendBoolean(true);
  b.AppendBoolean(false);
  EXPECT_EQ(b.FormatValue(0), "Yes");
  EXPECT_EQ(b.FormatValue(1), "No");
}

TEST(Table, RejectsDuplicateNamesAndMismatchedLengths) {
  Table t;
  Column a("a", ColumnKind::kInteger);
  a.AppendInteger(1);
  t.AddColumn(a);
  try {
    t.AddColumn(a);
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "duplicate column name 'a'");
  }
  Column b("b", ColumnKind::kInteger);
  try {
    t.AddColumn(b);
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "column 'b' has 0 rows, the table has 1");
  }
  EXPECT_EQ(t.FindColumn("a"), 0);
  EXPECT_EQ(t.FindColumn("b"), -1);
}

TEST(ColumnKind, NamesRoundTrip) {
  for (ColumnKind k : {ColumnKind::kInteger, ColumnKind::kFloat, ColumnKind::kBoolean,
                       ColumnKind::kDatetime, ColumnKind::kCategorical, ColumnKind::kText}) {
    ColumnKind back{};
    ASSERT_TRUE(ParseColumnKind(ColumnKindName(k), &back));
    EXPECT_EQ(back, k);
  }
  ColumnKind k{};
  EXPECT_FALSE(ParseColumnKind("string", &k));
}

}  // namespace
}  // namespace ersatz

namespace ersatz {
namespace {

TEST(Table, TakeKeepsKindsNullsAndPresentation) {
  Table t;
  Column d("when", ColumnKind::kDatetime);
  d.datetime_format() = {"%d/%m/%Y", 0};
  Column c("sex", ColumnKind::kCategorical);
  Column x("note", ColumnKind::kText);
  for (int i = 0; i < 5; ++i) {
    d.AppendDatetime(i * 86'400'000'000LL);
    c.AppendString(i % 2 ? "M" : "F");
    if (i == 3) {
      x.AppendNull();
    } else {
      x.AppendString(std::string(static_cast<std::size_t>(i), 'a'));
    }
  }
  t.AddColumn(d);
  t.AddColumn(c);
  t.AddColumn(x);
  const std::vector<std::uint32_t> rows = {4, 3, 1};
  const Table s = t.Take(rows);
  ASSERT_EQ(s.num_rows(), 3u);
  EXPECT_EQ(s.column(0).FormatValue(0), "05/01/1970");
  EXPECT_EQ(s.column(1).text(1), "M");
  EXPECT_TRUE(s.column(2).IsNull(1));
  EXPECT_EQ(s.column(2).text(2), "a");
  Table u = s;
  EXPECT_TRUE(u.RemoveColumn("sex"));
  EXPECT_FALSE(u.RemoveColumn("sex"));
  EXPECT_EQ(u.ColumnNames(), (std::vector<std::string>{"when", "note"}));
}

}  // namespace
}  // namespace ersatz
