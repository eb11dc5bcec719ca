#include <gtest/gtest.h>

#include "ersatz/error.h"
#include "ersatz/profile.h"
#include "profile/test_util.h"

namespace ersatz {
namespace {

using testing::RawFromFile;
using testing::RawFromText;
using testing::TypesByName;
using Types = std::map<std::string, std::string>;

const ColumnSpec& Only(const Metadata& schema) {
  EXPECT_EQ(schema.columns.size(), 1u);
  return schema.columns.front();
}

ColumnSpec Spec(std::string name, SemanticType type) {
  ColumnSpec spec;
  spec.name = std::move(name);
  spec.type = type;
  return spec;
}

ColumnSpec InferOne(const std::string& csv) { return Only(InferSchema(RawFromText(csv))); }

std::string Repeat(const std::string& line, int n) {
  std::string out;
  for (int i = 0; i < n; ++i) out += line;
  return out;
}

TEST(TypeInference, DetectsAdultColumnKinds) {
  const Metadata schema = InferSchema(RawFromFile("data/adult.csv"));
  const Types expected = {
      {"age", "integer"},           {"workclass", "categorical"},   {"fnlwgt", "integer"},
      {"education", "categorical"}, {"education-num", "integer"},   {"marital-status", "categorical"},
      {"occupation", "categorical"}, {"relationship", "categorical"}, {"race", "categorical"},
      {"sex", "categorical"},       {"capital-gain", "integer"},    {"capital-loss", "integer"},
      {"hours-per-week", "integer"}, {"native-country", "categorical"}, {"income", "categorical"}};
  EXPECT_EQ(TypesByName(schema), expected);
  EXPECT_EQ(schema.columns[0].storage, ColumnKind::kInteger);
  EXPECT_EQ(schema.columns[1].storage, ColumnKind::kCategorical);
}

TEST(TypeInference, DetectsAirqualityDatesAndNumbers) {
  const Metadata schema = InferSchema(RawFromFile("tests/data/airquality.csv"));
  const Types expected = {{"Date", "datetime"}, {"Ozone", "integer"}, {"Solar.R", "integer"},
                          {"Wind", "float"},    {"Temp", "integer"}};
  EXPECT_EQ(TypesByName(schema), expected);
  EXPECT_EQ(schema.columns[0].datetime_format->pattern, "%Y-%m-%d");
}

TEST(TypeInference, DetectsPbcPatientIdAsIdentifier) {
  const Metadata schema = InferSchema(RawFromFile("tests/data/pbc_patients.csv"));
  const Types types = TypesByName(schema);
  EXPECT_EQ(types.at("id"), "identifier");
  EXPECT_EQ(schema.Find("id")->storage, ColumnKind::kInteger);
  EXPECT_EQ(types.at("sex"), "categorical");  // "f" is a boolean token, "m" is not
  for (const char* name : {"time", "status", "trt", "ascites", "chol", "platelet", "stage"}) {
    EXPECT_EQ(types.at(name), "integer") << name;
  }
  for (const char* name : {"age", "edema", "bili", "albumin", "alk.phos", "ast", "protime"}) {
    EXPECT_EQ(types.at(name), "float") << name;
  }
}

TEST(TypeInference, DetectsTateTitlesAndMediumsAsTextAndArtistsAsCategories) {
  const Metadata schema = InferSchema(RawFromFile("tests/data/tate_text_1000.csv"));
  const Types expected = {{"id", "identifier"}, {"artist", "categorical"}, {"title", "text"},
                          {"medium", "text"},   {"year", "integer"}};
  EXPECT_EQ(TypesByName(schema), expected);
}

TEST(TypeInference, DetectsTxhousingNumbersWrittenInExponentNotation) {
  const Metadata schema = InferSchema(RawFromFile("tests/data/txhousing_1000.csv"));
  const Types expected = {{"city", "categorical"}, {"year", "integer"},     {"month", "integer"},
                          {"sales", "integer"},    {"volume", "integer"},   {"median", "integer"},
                          {"listings", "integer"}, {"inventory", "float"},  {"date", "float"}};
  EXPECT_EQ(TypesByName(schema), expected);
}

// Needs the real tokenizer: sd2011 has commas inside quoted cells.
TEST(TypeInference, DetectsSd2011BooleansCategoriesAndCodes) {
  const Metadata schema = InferSchema(RawFromFile("tests/data/sd2011_1000.csv"));
  const Types types = TypesByName(schema);
  for (const char* name : {"smoke", "sport", "alcabuse", "alcsol", "workab"}) {
    EXPECT_EQ(types.at(name), "boolean") << name;
  }
  EXPECT_EQ(schema.Find("smoke")->boolean_spelling->true_text, "YES");
  EXPECT_EQ(schema.Find("smoke")->boolean_spelling->false_text, "NO");
  for (const char* name : {"sex", "agegr", "placesize", "region", "edu", "eduspec", "socprof",
                           "marital", "ls", "trust", "trustfam", "trustneigh", "englang"}) {
    EXPECT_EQ(types.at(name), "categorical") << name;
  }
  for (const char* name : {"age", "unempdur", "income", "ymarr", "nociga", "wkabdur", "height"}) {
    EXPECT_EQ(types.at(name), "integer") << name;
  }
  EXPECT_EQ(types.at("bmi"), "float");
}

TEST(TypeInference, IgnoresMissingValues) {
  const ColumnSpec spec = InferOne("n\n1\nNA\n\n3\n");
  EXPECT_EQ(spec.type, SemanticType::kInteger);
  EXPECT_EQ(spec.reason, "all 2 non-missing values are integers");
}

TEST(TypeInference, CallsAnAllMissingColumnCategoricalAndSaysWhy) {
  const ColumnSpec spec = InferOne("x\nNA\n\nNA\n");
  EXPECT_EQ(spec.type, SemanticType::kCategorical);
  EXPECT_EQ(spec.reason, "all 3 values are missing");
}

TEST(TypeInference, KeepsCodesWithLeadingZerosAsStrings) {
  EXPECT_EQ(InferOne("zip\n02134\n10001\n02134\n").type, SemanticType::kCategorical);
}

TEST(TypeInference, MixesIntegersAndDecimalsIntoFloat) {
  const ColumnSpec spec = InferOne("x\n1\n2.25\n-3\n1e3\n");
  EXPECT_EQ(spec.type, SemanticType::kFloat);
  EXPECT_EQ(spec.storage, ColumnKind::kFloat);
}

TEST(TypeInference, KeepsZeroOneColumnsInteger) {
  EXPECT_EQ(InferOne("flag\n0\n1\n1\n0\n").type, SemanticType::kInteger);
}

TEST(TypeInference, DetectsBooleansAndTheirSpelling) {
  const ColumnSpec spec = InferOne("ok\nYes\nNo\nNA\nYes\n");
  EXPECT_EQ(spec.type, SemanticType::kBoolean);
  EXPECT_EQ(spec.boolean_spelling->true_text, "Yes");
  EXPECT_EQ(spec.boolean_spelling->false_text, "No");
  // Only one value present: its partner is spelled in the same case.
  EXPECT_EQ(InferOne("ok\nT\nT\n").boolean_spelling->false_text, "F");
}

TEST(TypeInference, RejectsMixedBooleanFamiliesOrSpellings) {
  EXPECT_EQ(InferOne("ok\nyes\nfalse\n").type, SemanticType::kCategorical);
  EXPECT_EQ(InferOne("ok\nyes\nYes\nno\n").type, SemanticType::kCategorical);
}

TEST(TypeInference, DetectsIsoTimestampsWithFractionsAndZones) {
  const ColumnSpec spec =
      InferOne("t\n2021-01-02T03:04:05.5Z\n2021-01-02T03:04:05.125+01:00\n");
  EXPECT_EQ(spec.type, SemanticType::kDatetime);
  EXPECT_EQ(spec.datetime_format->pattern, "%Y-%m-%dT%H:%M:%S.%f%z");
  EXPECT_EQ(spec.datetime_format->fraction_digits, 3);
  EXPECT_EQ(InferOne("t\n2021-01-02 03:04\n").datetime_format->pattern, "%Y-%m-%d %H:%M");
  EXPECT_EQ(InferOne("t\n02.01.2021 10:00:00\n").datetime_format->pattern, "%d.%m.%Y %H:%M:%S");
}

TEST(TypeInference, PrefersUsDatesWhenBothOrdersFitAndSaysSo) {
  const ColumnSpec spec = InferOne("d\n01/02/2020\n03/04/2020\n");
  EXPECT_EQ(spec.datetime_format->pattern, "%m/%d/%Y");
  EXPECT_NE(spec.reason.find("day-first (%d/%m/%Y) fits too"), std::string::npos) << spec.reason;
}

TEST(TypeInference, PicksEuDatesWhenOnlyDayFirstFits) {
  const ColumnSpec spec = InferOne("d\n01/02/2020\n25/04/2020\n");
  EXPECT_EQ(spec.datetime_format->pattern, "%d/%m/%Y");
  EXPECT_EQ(spec.reason, "all 2 non-missing values match %d/%m/%Y");
}

TEST(TypeInference, RejectsImpossibleDates) {
  EXPECT_EQ(InferOne("d\n2023-02-28\n2023-02-29\n").type, SemanticType::kCategorical);
}

TEST(TypeInference, NeverInfersEpochSeconds) {
  EXPECT_EQ(InferOne("t\n1700000000\n1700000060\n").type, SemanticType::kInteger);
}

TEST(TypeInference, DetectsIntegerIdentifiersByNameOrOrder) {
  EXPECT_EQ(InferOne("customer_id\n5\n3\n9\n").type, SemanticType::kIdentifier);
  EXPECT_EQ(InferOne("orderId\n5\n3\n9\n").type, SemanticType::kIdentifier);
  EXPECT_EQ(InferOne("customer_id\n5\n3\n5\n").type, SemanticType::kInteger);  // repeats
  EXPECT_EQ(InferOne("customer_id\n5\nNA\n9\n").type, SemanticType::kInteger);  // missing
  EXPECT_EQ(InferOne("paid\n5\n3\n9\n").type, SemanticType::kInteger);
  std::string increasing = "row\n";
  for (int i = 0; i < 25; ++i) increasing += std::to_string(100 + 3 * i) + "\n";
  const ColumnSpec spec = InferOne(increasing);
  EXPECT_EQ(spec.type, SemanticType::kIdentifier);
  EXPECT_EQ(spec.reason, "integers strictly increasing over all 25 rows");
}

TEST(TypeInference, DetectsStringIdentifiers) {
  std::string csv = "code\n";
  for (int i = 0; i < 30; ++i) csv += "A" + std::to_string(1000 + i * 7) + "x\n";
  const ColumnSpec spec = InferOne(csv);
  EXPECT_EQ(spec.type, SemanticType::kIdentifier);
  EXPECT_EQ(spec.storage, ColumnKind::kText);
}

TEST(TypeInference, SeparatesCategoriesFromText) {
  EXPECT_EQ(InferOne("c\n" + Repeat("red\nblue\ngreen\n", 20)).type, SemanticType::kCategorical);
  std::string many = "note\n";
  for (int i = 0; i < 40; ++i) many += "note number " + std::to_string(i) + "\n";
  const ColumnSpec spec = InferOne(many);
  EXPECT_EQ(spec.type, SemanticType::kText);
  EXPECT_EQ(spec.reason, "40 distinct strings in 40 values (100%): too many for categories");
}

TEST(TypeInference, OverridesFromMetadataWin) {
  Metadata overrides;
  overrides.source = "meta.json";
  overrides.columns.push_back(Spec("age", SemanticType::kCategorical));
  overrides.columns.push_back(Spec("when", SemanticType::kDatetime));
  const Metadata schema = InferSchema(RawFromText("age,when,n\n30,05.01.2020,1\n"), &overrides);
  EXPECT_EQ(schema.columns[0].type, SemanticType::kCategorical);
  EXPECT_EQ(schema.columns[0].storage, ColumnKind::kCategorical);
  EXPECT_EQ(schema.columns[0].reason, "set by meta.json");
  EXPECT_EQ(schema.columns[1].datetime_format->pattern, "%d.%m.%Y");  // format inferred
  EXPECT_EQ(schema.columns[2].type, SemanticType::kInteger);
}

TEST(TypeInference, OverrideNamingAMissingColumnIsAnError) {
  Metadata overrides;
  overrides.source = "meta.yaml";
  overrides.columns.push_back(Spec("wage", SemanticType::kInteger));
  try {
    InferSchema(RawFromText("age\n1\n"), &overrides);
    FAIL() << "expected ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "meta.yaml: column 'wage' is not in data.csv");
  }
}

TEST(TypeInference, IdentifierOverrideStoresIntegersAsIntegers) {
  Metadata overrides;
  overrides.columns.push_back(Spec("k", SemanticType::kIdentifier));
  overrides.columns.push_back(Spec("s", SemanticType::kIdentifier));
  const Metadata schema = InferSchema(RawFromText("k,s\n1,a\n1,b\n"), &overrides);
  EXPECT_EQ(schema.columns[0].storage, ColumnKind::kInteger);
  EXPECT_EQ(schema.columns[1].storage, ColumnKind::kText);
}

}  // namespace
}  // namespace ersatz
