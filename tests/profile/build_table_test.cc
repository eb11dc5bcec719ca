#include <gtest/gtest.h>

#include "ersatz/error.h"
#include "ersatz/profile.h"
#include "profile/test_util.h"

namespace ersatz {
namespace {

using testing::RawFromFile;
using testing::RawFromText;

Table Typed(const std::string& csv) {
  const RawTable raw = RawFromText(csv);
  return BuildTable(raw, InferSchema(raw));
}

std::string BuildError(const std::string& csv, const std::string& metadata_json) {
  const RawTable raw = RawFromText(csv);
  const Metadata overrides = Metadata::ParseJson(metadata_json, "meta.json");
  try {
    BuildTable(raw, InferSchema(raw, &overrides));
  } catch (const DataError& e) {
    return e.what();
  }
  return "no error";
}

TEST(BuildTable, StoresEachColumnAsItsInferredKind) {
  const Table t = Typed("n,x,ok,when,city\n1,1.5,yes,2020-01-02,Paris\nNA,2.25,no,2020-01-03,Rome\n");
  ASSERT_EQ(t.num_columns(), 5u);
  EXPECT_EQ(t.column(0).kind(), ColumnKind::kInteger);
  EXPECT_EQ(t.column(0).integers()[0], 1);
  EXPECT_TRUE(t.column(0).IsNull(1));
  EXPECT_EQ(t.column(1).kind(), ColumnKind::kFloat);
  EXPECT_EQ(t.column(1).floats()[1], 2.25);
  EXPECT_EQ(t.column(1).float_decimals(), 2);
  EXPECT_EQ(t.column(2).kind(), ColumnKind::kBoolean);
  EXPECT_EQ(t.column(2).FormatValue(0), "yes");
  EXPECT_EQ(t.column(2).FormatValue(1), "no");
  EXPECT_EQ(t.column(3).kind(), ColumnKind::kDatetime);
  EXPECT_EQ(t.column(3).FormatValue(1), "2020-01-03");
  EXPECT_EQ(t.column(4).kind(), ColumnKind::kCategorical);
  EXPECT_EQ(t.column(4).FormatValue(1), "Rome");
}

TEST(BuildTable, KeepsTheWidestFractionOfADatetimeColumn) {
  const Table t = Typed("t\n2020-01-02 03:04:05.1\n2020-01-02 03:04:05.125\n");
  EXPECT_EQ(t.column(0).datetime_format().fraction_digits, 3);
  EXPECT_EQ(t.column(0).FormatValue(0), "2020-01-02 03:04:05.100");
}

TEST(BuildTable, ReadsAdultWithEveryValueInPlace) {
  const RawTable raw = RawFromFile("data/adult.csv");
  const Table t = BuildTable(raw, InferSchema(raw));
  EXPECT_EQ(t.num_rows(), 32561u);
  EXPECT_EQ(t.column(0).integers()[0], 39);
  EXPECT_EQ(t.column(1).FormatValue(0), "State-gov");
  EXPECT_EQ(t.column(t.FindColumn("workclass")).null_count(), 1836u);
}

TEST(BuildTable, NamesTheCellThatIsNotAnInteger) {
  EXPECT_EQ(BuildError("name,age\nann,41\nbob,abc\n",
                       R"({"version": 1, "columns": [{"name": "age", "type": "integer"}]})"),
            "data.csv:3:5: column 'age': expected an integer, found \"abc\"");
}

TEST(BuildTable, NamesCellsThatDoNotFitOtherKinds) {
  EXPECT_EQ(BuildError("x\n1.5\n1.5x\n", R"({"version": 1, "columns": [{"name": "x", "type": "float"}]})"),
            "data.csv:3:1: column 'x': expected a number, found \"1.5x\"");
  EXPECT_EQ(BuildError("f\nyes\nmaybe\n",
                       R"({"version": 1, "columns": [{"name": "f", "type": "boolean", "true": "yes", "false": "no"}]})"),
            "data.csv:3:1: column 'f': expected \"yes\" or \"no\", found \"maybe\"");
  EXPECT_EQ(BuildError("d\n2020-01-01\n2020-02-30\n",
                       R"({"version": 1, "columns": [{"name": "d", "type": "datetime", "format": "%Y-%m-%d"}]})"),
            "data.csv:3:1: column 'd': expected a datetime in the format %Y-%m-%d, found \"2020-02-30\"");
}

TEST(BuildTable, StoresIdentifiersAsIntegersOrText) {
  const Table t = Typed("id,name\n1,a\n2,b\n");
  EXPECT_EQ(t.column(0).kind(), ColumnKind::kInteger);
  Metadata overrides;
  ColumnSpec spec;
  spec.name = "name";
  spec.type = SemanticType::kIdentifier;
  overrides.columns.push_back(spec);
  const RawTable raw = RawFromText("id,name\n1,a\n2,b\n");
  const Table u = BuildTable(raw, InferSchema(raw, &overrides));
  EXPECT_EQ(u.column(1).kind(), ColumnKind::kText);
  EXPECT_EQ(u.column(1).text(1), "b");
}

}  // namespace
}  // namespace ersatz
