// End-to-end runs of the `ersatz` binary: what a user types and what they read back.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

using nlohmann::json;

std::map<std::string, std::string> TypesFromJson(const std::string& text) {
  std::map<std::string, std::string> types;
  // Keep the document alive: a range-for over a member of a temporary dangles before C++23.
  const json doc = json::parse(text);
  for (const auto& c : doc.at("columns")) {
    types[c.at("name").get<std::string>()] = c.at("type").get<std::string>();
  }
  return types;
}

TEST(Cli, VersionAndHelpExitZero) {
  auto r = RunCli({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, "ersatz " ERSATZ_VERSION "\n");
  r = RunCli({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("profile"), std::string::npos);
  r = RunCli({"profile", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--write-metadata"), std::string::npos);
  EXPECT_NE(r.out.find("--skip-bad-rows"), std::string::npos);
}

TEST(Cli, UsageErrorsExitTwoWithAClearMessage) {
  auto r = RunCli({"profile"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("ersatz: data.csv is required"), std::string::npos) << r.err;
  r = RunCli({"frobnicate"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: unknown verb 'frobnicate': expected one of profile, fit, sample, impute, "
            "privacy, audit, scan, transform, report\n");
  r = RunCli({"profile", SourcePath("data/adult.csv"), "--delimiter", "colon"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: --delimiter: expected one of auto, comma, semicolon, tab, pipe, found "
            "\"colon\"\n");
  r = RunCli({"profile", SourcePath("data/adult.csv"), "--no-such-flag"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--no-such-flag"), std::string::npos) << r.err;
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, MissingFileExitsFourNamingIt) {
  const auto r = RunCli({"profile", "/nonexistent/x.csv"});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "ersatz: /nonexistent/x.csv: cannot open: No such file or directory\n");
}

TEST(Cli, MalformedCsvExitsThreeNamingLineAndColumn) {
  TempDir dir;
  const std::string path = dir.Write("bad.csv", "a,b\n1,2\n3,\"four\n");
  const auto r = RunCli({"profile", path});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_EQ(r.err, "ersatz: " + path + ":3:3: unterminated quoted field (opened here)\n");
  EXPECT_TRUE(r.out.empty());
}

TEST(Cli, ProfileOfAdultHasTheExpectedKinds) {
  const auto r = RunCli({"profile", SourcePath("data/adult.csv"), "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto types = TypesFromJson(r.out);
  const std::map<std::string, std::string> expected = {
      {"age", "integer"},          {"workclass", "categorical"},   {"fnlwgt", "integer"},
      {"education", "categorical"}, {"education-num", "integer"},    {"marital-status", "categorical"},
      {"occupation", "categorical"}, {"relationship", "categorical"}, {"race", "categorical"},
      {"sex", "categorical"},       {"capital-gain", "integer"},     {"capital-loss", "integer"},
      {"hours-per-week", "integer"}, {"native-country", "categorical"}, {"income", "categorical"}};
  EXPECT_EQ(types, expected);
  EXPECT_EQ(json::parse(r.out).at("rows"), 32561);
}

TEST(Cli, ProfileTextHasOneLinePerColumn) {
  const auto r = RunCli({"profile", SourcePath("data/adult.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  for (const char* name : {"age", "workclass", "fnlwgt", "native-country", "income"}) {
    EXPECT_NE(r.out.find(name), std::string::npos) << name;
  }
  EXPECT_NE(r.out.find("integer"), std::string::npos);
  EXPECT_NE(r.out.find("categorical"), std::string::npos);
}

TEST(Cli, WrittenMetadataReadsBackAndOverridesInference) {
  TempDir dir;
  const std::string csv = dir.Write("t.csv", "id,score,when\n1,5,2024-01-02\n2,7,2024-02-03\n3,9,2024-03-04\n");
  const std::string meta = dir.File("t.yaml");
  auto r = RunCli({"profile", csv, "--json", "--write-metadata", meta});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto inferred = TypesFromJson(r.out);
  EXPECT_EQ(inferred.at("when"), "datetime");

  // Passing the file back changes nothing.
  r = RunCli({"profile", csv, "--json", "--metadata", meta});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(TypesFromJson(r.out), inferred);

  // An edited type wins over inference.
  const std::string edited = dir.Write(
      "e.json", R"({"version": 1, "columns": [{"name": "score", "type": "float"}]})");
  r = RunCli({"profile", csv, "--json", "--metadata", edited});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(TypesFromJson(r.out).at("score"), "float");
}

TEST(Cli, FailedMetadataWriteLeavesNothingBehind) {
  TempDir dir;
  const std::string csv = dir.Write("t.csv", "a\n1\n2\n");
  const auto r = RunCli({"profile", csv, "--write-metadata", dir.File("missing/m.yaml")});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_EQ(r.err, "ersatz: --write-metadata " + dir.File("missing/m.yaml") + ": the folder " +
                       dir.File("missing") + " does not exist\n");
  EXPECT_EQ(dir.List(), std::vector<std::string>{"t.csv"});
}

TEST(Cli, SkipBadRowsReportsHowMany) {
  TempDir dir;
  const std::string csv = dir.Write("r.csv", "a,b\n1,2\n3\n5,6\n7,8,9\n");
  auto r = RunCli({"profile", csv});
  EXPECT_EQ(r.exit_code, 3);
  r = RunCli({"profile", csv, "--skip-bad-rows", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(json::parse(r.out).at("rows"), 2);
  EXPECT_NE(r.err.find("skipped 2 row(s)"), std::string::npos) << r.err;
}

TEST(Cli, ConfigFileSetsParametersAndRejectsUnknownKeys) {
  TempDir dir;
  const std::string csv = dir.Write("s.csv", "a;b\n1;x\n2;y\n");
  const std::string good = dir.Write("good.yaml", "delimiter: semicolon\njson: true\n");
  auto r = RunCli({"profile", csv, "--config", good});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(TypesFromJson(r.out).size(), 2u);
  const std::string bad = dir.Write("bad.yaml", "delimeter: semicolon\n");
  r = RunCli({"profile", csv, "--config", bad});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, "ersatz: " + bad + ":1: delimeter: unknown parameter 'delimeter'\n");
}

TEST(Cli, ReferenceDocsAreUpToDate) {
  const auto r = RunCli({"help-markdown"});
  ASSERT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out, ReadText(SourcePath("docs/cli.md")))
      << "docs/cli.md is stale: run `make docs`";
}

}  // namespace
}  // namespace ersatz::testing
