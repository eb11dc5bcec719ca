#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ersatz/profile.h"
#include "profile/test_util.h"

namespace ersatz {
namespace {

using testing::RawFromFile;
using testing::RawFromText;

Profile ProfileOf(const std::string& csv) {
  const RawTable raw = RawFromText(csv, "small.csv");
  const Metadata schema = InferSchema(raw);
  return ProfileTable(BuildTable(raw, schema), schema, "small.csv");
}

const std::string kSmall =
    "n,x,c,ok,when\n"
    "1,1.5,a,yes,2020-01-03\n"
    "3,NA,b,no,2020-01-01\n"
    "NA,2.5,a,yes,NA\n"
    "5,0.5,a,yes,2020-01-02\n";

using TopValues = std::vector<std::pair<std::string, std::size_t>>;

TEST(Profile, CountsMissingDistinctRangeAndMeanOfNumbers) {
  const Profile p = ProfileOf(kSmall);
  EXPECT_EQ(p.rows, 4u);
  const ColumnProfile& n = p.columns[0];
  EXPECT_EQ(n.type, SemanticType::kInteger);
  EXPECT_EQ(n.missing, 1u);
  EXPECT_EQ(n.distinct, 3u);
  EXPECT_EQ(n.min, "1");
  EXPECT_EQ(n.max, "5");
  EXPECT_DOUBLE_EQ(n.mean, 3.0);
  EXPECT_TRUE(n.top_values.empty());
  const ColumnProfile& x = p.columns[1];
  EXPECT_EQ(x.min, "0.5");
  EXPECT_EQ(x.max, "2.5");
  EXPECT_DOUBLE_EQ(x.mean, 1.5);
}

TEST(Profile, GivesDatetimeRangesAsWritten) {
  const Profile profile = ProfileOf(kSmall);  // a reference into the temporary would dangle
  const ColumnProfile& when = profile.columns[4];
  EXPECT_EQ(when.type, SemanticType::kDatetime);
  EXPECT_EQ(when.min, "2020-01-01");
  EXPECT_EQ(when.max, "2020-01-03");
  EXPECT_EQ(when.distinct, 3u);
  EXPECT_EQ(when.missing, 1u);
}

TEST(Profile, ListsMostFrequentValuesWithTiesByValue) {
  const Profile p = ProfileOf(kSmall);
  EXPECT_EQ(p.columns[2].top_values, (TopValues{{"a", 3}, {"b", 1}}));
  EXPECT_EQ(p.columns[2].distinct, 2u);
  EXPECT_EQ(p.columns[3].top_values, (TopValues{{"yes", 3}, {"no", 1}}));
  const Profile ties = ProfileOf("c\nz\ny\nx\ny\nz\nw\nv\nu\n");
  EXPECT_EQ(ties.columns[0].top_values,
            (TopValues{{"y", 2}, {"z", 2}, {"u", 1}, {"v", 1}, {"w", 1}}));
}

TEST(Profile, PrintsOneAlignedLinePerColumn) {
  EXPECT_EQ(ProfileOf(kSmall).ToText(),
            "small.csv: 4 rows, 5 columns\n"
            "column  type         missing  distinct  values\n"
            "n       integer        25.0%         3  1..5\n"
            "x       float          25.0%         3  0.5..2.5\n"
            "c       categorical     0.0%         2  a 75.0%, b 25.0%\n"
            "ok      boolean         0.0%         2  yes 75.0%, no 25.0%\n"
            "when    datetime       25.0%         3  2020-01-01..2020-01-03\n");
}

TEST(Profile, WritesTheDocumentedJsonKeys) {
  const nlohmann::json j = nlohmann::json::parse(ProfileOf(kSmall).ToJson());
  EXPECT_EQ(j["source"], "small.csv");
  EXPECT_EQ(j["rows"], 4);
  const nlohmann::json& n = j["columns"][0];
  EXPECT_EQ(n["name"], "n");
  EXPECT_EQ(n["type"], "integer");
  EXPECT_EQ(n["storage"], "integer");
  EXPECT_EQ(n["missing"], 1);
  EXPECT_DOUBLE_EQ(n["missing_fraction"].get<double>(), 0.25);
  EXPECT_EQ(n["distinct"], 3);
  EXPECT_EQ(n["min"], "1");
  EXPECT_EQ(n["max"], "5");
  EXPECT_DOUBLE_EQ(n["mean"].get<double>(), 3.0);
  EXPECT_EQ(n["top_values"], nlohmann::json::array());
  EXPECT_EQ(n["reason"], "all 3 non-missing values are integers");
  const nlohmann::json& c = j["columns"][2];
  EXPECT_TRUE(c["min"].is_null());
  EXPECT_TRUE(c["mean"].is_null());
  EXPECT_EQ(c["top_values"][0], (nlohmann::json{{"value", "a"}, {"count", 3}}));
}

TEST(Profile, SummarisesAdultWorkclass) {
  const RawTable raw = RawFromFile("data/adult.csv");
  const Metadata schema = InferSchema(raw);
  const Profile p = ProfileTable(BuildTable(raw, schema), schema, "adult.csv");
  const ColumnProfile& workclass = p.columns[1];
  EXPECT_EQ(workclass.missing, 1836u);
  EXPECT_EQ(workclass.distinct, 8u);
  ASSERT_FALSE(workclass.top_values.empty());
  EXPECT_EQ(workclass.top_values[0], (std::pair<std::string, std::size_t>{"Private", 22696}));
  EXPECT_NE(p.ToText().find("Private 69.7%, Self-emp-not-inc 7.8%"), std::string::npos) << p.ToText();
}

}  // namespace
}  // namespace ersatz
