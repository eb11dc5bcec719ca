#include "encode/table_encoder.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>

#include "ersatz/error.h"

namespace ersatz::encode {
namespace {

Table SmallTable() {
  Table t;
  Column id("id", ColumnKind::kInteger);
  Column code("code", ColumnKind::kText);
  Column age("age", ColumnKind::kInteger);
  Column sex("sex", ColumnKind::kCategorical);
  for (int i = 0; i < 200; ++i) {
    id.AppendInteger(1000 + i);
    code.AppendString(fmt::format("AB-{:04d}x", i * 7));
    age.AppendInteger(18 + (i * 13) % 60);
    sex.AppendString(i % 3 ? "Male" : "Female");
  }
  t.AddColumn(id);
  t.AddColumn(code);
  t.AddColumn(age);
  t.AddColumn(sex);
  return t;
}

Metadata SmallSchema() {
  Metadata m;
  m.columns = {{.name = "id", .type = SemanticType::kIdentifier, .storage = ColumnKind::kInteger},
               {.name = "code", .type = SemanticType::kIdentifier, .storage = ColumnKind::kText},
               {.name = "age", .type = SemanticType::kInteger, .storage = ColumnKind::kInteger},
               {.name = "sex", .type = SemanticType::kCategorical, .storage = ColumnKind::kCategorical}};
  return m;
}

TEST(TableEncoder, LearnsOnlyNonIdentifierColumnsAndDecodesAllInOrder) {
  const Table t = SmallTable();
  const TableEncoder te = TableEncoder::Fit(t, SmallSchema(), {.value_protection = false});
  ASSERT_EQ(te.num_columns(), 2u);
  EXPECT_EQ(te.FindColumn("age"), 0);
  EXPECT_EQ(te.FindColumn("id"), -1);
  const EncodedTable enc = te.Encode(t);
  std::vector<std::span<const std::int32_t>> spans(enc.codes.begin(), enc.codes.end());
  const Table back = te.Decode(spans, enc.rows, 42, 0, 42);
  EXPECT_EQ(back.ColumnNames(), t.ColumnNames());
  for (std::size_t r = 0; r < t.num_rows(); ++r) {
    EXPECT_EQ(back.column(2).integers()[r], t.column(2).integers()[r]);
    EXPECT_EQ(back.column(3).text(r), t.column(3).text(r));
  }
}

TEST(TableEncoder, IdentifiersAreUniqueAndShapedLikeTheOriginals) {
  const Table t = SmallTable();
  const TableEncoder te = TableEncoder::Fit(t, SmallSchema(), {});
  const EncodedTable enc = te.Encode(t);
  std::vector<std::span<const std::int32_t>> spans(enc.codes.begin(), enc.codes.end());
  // Two batches: ids continue across them and never repeat.
  std::set<std::int64_t> ints;
  std::set<std::string> codes;
  for (std::uint64_t first : {0u, 200u}) {
    const Table back = te.Decode(spans, enc.rows, 7, first, 7);
    for (std::size_t r = 0; r < back.num_rows(); ++r) {
      ints.insert(back.column(0).integers()[r]);
      const std::string code(back.column(1).text(r));
      codes.insert(code);
      ASSERT_EQ(code.size(), 8u) << code;
      // "AB-0049x" has the shape upper, upper, '-', 4 digits, lower.
      EXPECT_TRUE(std::isupper(code[0]) && std::isupper(code[1])) << code;
      EXPECT_EQ(code[2], '-');
      EXPECT_EQ(code.substr(3, 4).find_first_not_of("0123456789"), std::string::npos) << code;
      EXPECT_TRUE(std::islower(code[7])) << code;
    }
  }
  EXPECT_EQ(ints.size(), 400u);
  EXPECT_EQ(*ints.begin(), 1000);
  EXPECT_EQ(codes.size(), 400u);
}

TEST(TableEncoder, ARowDecodedAgainUnderAnotherSeedKeepsItsId) {
  // Sampling draws a rejected row again under the attempt's seed; its id must not change, or it
  // could take another row's.
  const Table t = SmallTable();
  const TableEncoder te = TableEncoder::Fit(t, SmallSchema(), {});
  const EncodedTable enc = te.Encode(t);
  std::vector<std::span<const std::int32_t>> all(enc.codes.begin(), enc.codes.end()), row5;
  for (const auto& c : enc.codes) row5.emplace_back(c.data() + 5, 1);
  const Table first = te.Decode(all, enc.rows, 7, 0, 7);
  const Table again = te.Decode(row5, 1, 99, 5, 7);
  EXPECT_EQ(again.column(0).integers()[0], first.column(0).integers()[5]);
  EXPECT_EQ(again.column(1).text(0), first.column(1).text(5));
}

TEST(TableEncoder, HighCardinalityTextIsRefusedWithAHint) {
  Table t;
  Column title("title", ColumnKind::kText), medium("medium", ColumnKind::kText);
  for (int i = 0; i < 600; ++i) {
    title.AppendString(fmt::format("A painting number {}", i));
    medium.AppendString(fmt::format("Oil on canvas {}", i % 501));
  }
  t.AddColumn(title);
  try {
    TableEncoder::Fit(t, Metadata{}, {});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(),
                 "column is free text: 'title' (600 distinct values); ersatz cannot learn free text "
                 "yet: leave it out with --drop title, or declare it categorical in the metadata "
                 "file");
  }
  t.AddColumn(medium);
  try {
    TableEncoder::Fit(t, Metadata{}, {});
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(),
                 "columns are free text: 'title' (600 distinct values), 'medium' (501 distinct "
                 "values); ersatz cannot learn free text yet: leave them out with --drop "
                 "title,medium, or declare them categorical in the metadata file");
  }
}

TEST(TableEncoder, SurvivesJsonRoundTrip) {
  const Table t = SmallTable();
  const TableEncoder te = TableEncoder::Fit(t, SmallSchema(), {.seed = 4});
  const TableEncoder back = TableEncoder::FromJson(te.ToJson());
  EXPECT_EQ(back.ToJson(), te.ToJson());
  EXPECT_EQ(back.Encode(t).codes, te.Encode(t).codes);
}

TEST(TableEncoder, EncodingDataWithAMissingColumnNamesIt) {
  const Table t = SmallTable();
  const TableEncoder te = TableEncoder::Fit(t, SmallSchema(), {});
  Table other;
  other.AddColumn(t.column(2));
  try {
    te.Encode(other);
    FAIL();
  } catch (const DataError& e) {
    EXPECT_STREQ(e.what(), "the data has no column 'sex'");
  }
}

}  // namespace
}  // namespace ersatz::encode
