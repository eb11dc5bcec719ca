#include "ersatz/metadata.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "common/atomic_file.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

Metadata Sample() {
  Metadata m;
  ColumnSpec age;
  age.name = "age";
  age.type = SemanticType::kInteger;
  age.storage = ColumnKind::kInteger;
  age.reason = "all 3 non-missing values are integers";
  ColumnSpec when;
  when.name = "when: \"quoted\"";
  when.type = SemanticType::kDatetime;
  when.storage = ColumnKind::kDatetime;
  when.datetime_format = DatetimeFormat{"%Y-%m-%d %H:%M", 0};
  when.reason = "all match\nthe format";
  ColumnSpec flag;
  flag.name = "flag";
  flag.type = SemanticType::kBoolean;
  flag.storage = ColumnKind::kBoolean;
  flag.boolean_spelling = BooleanSpelling{"yes", "no"};
  ColumnSpec id;
  id.name = "id";
  id.type = SemanticType::kIdentifier;
  id.storage = ColumnKind::kText;
  m.columns = {age, when, flag, id};
  return m;
}

void ExpectSameColumns(const Metadata& a, const Metadata& b) {
  ASSERT_EQ(a.columns.size(), b.columns.size());
  for (std::size_t i = 0; i < a.columns.size(); ++i) {
    EXPECT_EQ(a.columns[i].name, b.columns[i].name);
    EXPECT_EQ(a.columns[i].type, b.columns[i].type);
    EXPECT_EQ(a.columns[i].datetime_format, b.columns[i].datetime_format);
    EXPECT_EQ(a.columns[i].boolean_spelling, b.columns[i].boolean_spelling);
  }
}

std::string JsonError(const std::string& text) {
  try {
    Metadata::ParseJson(text, "meta.json");
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "no error";
}

std::string YamlError(const std::string& text) {
  try {
    Metadata::ParseYaml(text, "meta.yaml");
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "no error";
}

TEST(Metadata, ReadsTheDocumentedJsonSchema) {
  const Metadata m = Metadata::ParseJson(
      R"({"version": 1, "columns": [{"name": "age", "type": "integer"},
          {"name": "when", "type": "datetime", "format": "%Y-%m-%d"},
          {"name": "flag", "type": "boolean", "true": "yes", "false": "no"}]})",
      "meta.json");
  ASSERT_EQ(m.columns.size(), 3u);
  EXPECT_EQ(m.source, "meta.json");
  EXPECT_EQ(m.columns[0].type, SemanticType::kInteger);
  EXPECT_EQ(m.columns[0].storage, ColumnKind::kInteger);
  EXPECT_EQ(m.columns[1].datetime_format->pattern, "%Y-%m-%d");
  EXPECT_EQ(m.columns[2].boolean_spelling->true_text, "yes");
  EXPECT_EQ(m.Find("flag"), &m.columns[2]);
  EXPECT_EQ(m.Find("nope"), nullptr);
}

TEST(Metadata, ReadsTheSameShapeFromYaml) {
  const Metadata m = Metadata::ParseYaml(
      "version: 1\ncolumns:\n  - name: age\n    type: integer\n"
      "  - {name: flag, type: boolean, true: Y, false: N}\n",
      "meta.yaml");
  ASSERT_EQ(m.columns.size(), 2u);
  EXPECT_EQ(m.columns[1].boolean_spelling, (BooleanSpelling{"Y", "N"}));
}

TEST(Metadata, RoundTripsThroughJson) {
  const Metadata m = Sample();
  ExpectSameColumns(Metadata::ParseJson(m.ToJson(), "m.json"), m);
}

TEST(Metadata, RoundTripsThroughYamlWithReasonsAsComments) {
  const Metadata m = Sample();
  const std::string yaml = m.ToYaml();
  EXPECT_NE(yaml.find("  # all 3 non-missing values are integers\n  - name: \"age\"\n"), std::string::npos)
      << yaml;
  EXPECT_NE(yaml.find("  # all match the format\n"), std::string::npos) << yaml;
  ExpectSameColumns(Metadata::ParseYaml(yaml, "m.yaml"), m);
}

TEST(Metadata, RejectsUnknownKeysNamingFileAndColumn) {
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "age", "type": "integer", "colour": 1}]})"),
            "meta.json: column 'age': unknown key 'colour' (expected name, type, format, true, false, categories, bounds)");
  EXPECT_EQ(JsonError(R"({"version": 1, "colums": []})"),
            "meta.json: unknown key 'colums' (expected version, columns, constraints)");
  EXPECT_EQ(YamlError("version: 1\ncolumns:\n  - name: age\n    typ: integer\n"),
            "meta.yaml: column 'age': unknown key 'typ' (expected name, type, format, true, false, categories, bounds)");
}

TEST(Metadata, RejectsUnknownTypes) {
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "age", "type": "integr"}]})"),
            "meta.json: column 'age': unknown type 'integr' (expected integer, float, boolean, "
            "datetime, categorical, text or identifier)");
}

TEST(Metadata, RejectsDuplicateAndUnnamedColumns) {
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "text"},
                                                     {"name": "a", "type": "integer"}]})"),
            "meta.json: duplicate column 'a'");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "text"}, {"type": "text"}]})"),
            "meta.json: column 2 has no 'name'");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a"}]})"), "meta.json: column 'a' has no 'type'");
}

TEST(Metadata, RejectsOtherVersions) {
  EXPECT_EQ(JsonError(R"({"version": 2, "columns": []})"), "meta.json: unsupported version 2 (expected 1)");
  EXPECT_EQ(JsonError(R"({"columns": []})"), "meta.json: missing key 'version' (expected 1)");
  EXPECT_EQ(YamlError("version: 3\ncolumns: []\n"), "meta.yaml: unsupported version 3 (expected 1)");
}

TEST(Metadata, RejectsKeysThatDoNotApplyToTheType) {
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "text", "format": "%Y"}]})"),
            "meta.json: column 'a': 'format' applies only to datetime columns");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "boolean", "true": "y"}]})"),
            "meta.json: column 'a': 'true' and 'false' go together");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "datetime", "format": "%Q"}]})"),
            "meta.json: column 'a': unknown token '%Q' in format '%Q'");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": 5}]})"),
            "meta.json: column 'a': 'type' must be a string");
}

TEST(Metadata, PublicCategoriesAndBoundsReadAndRoundTripInBothSyntaxes) {
  const Metadata yaml = Metadata::ParseYaml(
      "version: 1\ncolumns:\n  - name: ward\n    type: categorical\n    categories: [north, \"south\"]\n"
      "  - name: age\n    type: integer\n    bounds: [0, 120.5]\n",
      "m.yaml");
  ASSERT_EQ(yaml.columns.size(), 2u);
  EXPECT_EQ(yaml.columns[0].categories, (std::vector<std::string>{"north", "south"}));
  ASSERT_TRUE(yaml.columns[1].bounds.has_value());
  EXPECT_EQ(*yaml.columns[1].bounds, std::make_pair(0.0, 120.5));
  for (const Metadata& again : {Metadata::ParseJson(yaml.ToJson(), "m.json"), Metadata::ParseYaml(yaml.ToYaml(), "m.yaml")}) {
    EXPECT_EQ(again.columns[0].categories, yaml.columns[0].categories);
    EXPECT_EQ(again.columns[1].bounds, yaml.columns[1].bounds);
  }
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "integer", "categories": ["x"]}]})"),
            "meta.json: column 'a': 'categories' applies only to categorical and text columns");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "text", "categories": []}]})"),
            "meta.json: column 'a': 'categories' must be a non-empty list of strings");
  EXPECT_EQ(JsonError(R"({"version": 1, "columns": [{"name": "a", "type": "float", "bounds": [3, 1]}]})"),
            "meta.json: column 'a': 'bounds' must be two numbers [min, max] with min ≤ max");
  EXPECT_EQ(YamlError("version: 1\ncolumns:\n  - name: a\n    type: categorical\n    bounds: [1, 2]\n"),
            "meta.yaml: column 'a': 'bounds' applies only to integer and float columns");
}

TEST(Metadata, RejectsMalformedDocuments) {
  EXPECT_EQ(JsonError("{").rfind("meta.json: invalid JSON: ", 0), 0u);
  EXPECT_EQ(YamlError("version: [1\n").rfind("meta.yaml: invalid YAML: ", 0), 0u);
  EXPECT_EQ(JsonError("[1, 2]"), "meta.json: expected a mapping with keys 'version' and 'columns'");
}

TEST(Metadata, SavesAndLoadsByExtension) {
  const auto dir = std::filesystem::temp_directory_path() / ("ersatz-meta-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const Metadata m = Sample();
  for (const char* name : {"m.json", "m.yaml", "m.yml"}) {
    const std::string path = (dir / name).string();
    m.Save(path);
    const Metadata back = Metadata::Load(path);
    ExpectSameColumns(back, m);
    EXPECT_EQ(back.source, path);
  }
  EXPECT_THROW(m.Save((dir / "m.txt").string()), ParameterError);
  EXPECT_THROW(Metadata::Load((dir / "absent.json").string()), IoError);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace ersatz
