// `ersatz scan` and `ersatz transform` end to end: exit codes, exact config errors, consistency
// across files and runs, no original value and no key in the output, no partial output file.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <sys/stat.h>

#include <fstream>
#include <map>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

const char* kPeople =
    "id,first_name,email,ssn,notes,amount\n"
    "1,Alice,alice.martin@example.org,123-45-6789,Call Alice Johnson at (212) 734-5678 about the invoice please,100\n"
    "2,Robert,bob.smith@corp.com,234-56-7890,Customer asked for a refund by mail to bob.smith@corp.com today,250\n"
    "3,Alice,alice.martin@example.org,345-67-8901,Nothing special to report about this order for the customer,75\n";

TEST(TransformCli, DefaultPolicyIsPrintedAndNoOriginalValueSurvives) {
  TempDir dir;
  const std::string in = dir.Write("people.csv", kPeople);
  const std::string key = dir.File("k.key");
  auto r = RunCli({"transform", in, "-o", dir.File("out.csv"), "--key-file", key});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("using the default policy"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("created a new secret key"), std::string::npos);
  const std::string out = ReadText(dir.File("out.csv"));
  for (const char* original : {"Alice", "alice.martin@example.org", "123-45-6789", "Robert", "bob.smith@corp.com",
                               "734-5678", "Johnson"}) {
    EXPECT_EQ(out.find(original), std::string::npos) << original << " survived in:\n" << out;
  }
  // The key is neither in the output nor in what was printed.
  const std::string key_text = ReadText(key).substr(0, 64);
  EXPECT_EQ(out.find(key_text), std::string::npos);
  EXPECT_EQ(r.err.find(key_text), std::string::npos);
  EXPECT_EQ(r.out.find(key_text), std::string::npos);
  struct stat st {};
  ASSERT_EQ(stat(key.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
}

TEST(TransformCli, SameKeySameOutputAcrossRunsAndFilesAnotherKeyDiffers) {
  TempDir dir;
  const std::string in = dir.Write("people.csv", kPeople);
  const std::string other_table = dir.Write("other.csv", "first_name,score\nAlice,1\nAlice,2\nMaria,3\nJohn,4\nLinda,5\n");
  ASSERT_EQ(RunCli({"transform", in, "-o", dir.File("a.csv"), "--key-file", dir.File("k1")}).exit_code, 0);
  ASSERT_EQ(RunCli({"transform", in, "-o", dir.File("b.csv"), "--key-file", dir.File("k1")}).exit_code, 0);
  ASSERT_EQ(RunCli({"transform", in, "-o", dir.File("c.csv"), "--key-file", dir.File("k2")}).exit_code, 0);
  ASSERT_EQ(RunCli({"transform", other_table, "-o", dir.File("d.csv"), "--key-file", dir.File("k1")}).exit_code, 0);
  const std::string a = ReadText(dir.File("a.csv"));
  EXPECT_EQ(a, ReadText(dir.File("b.csv")));
  EXPECT_NE(a, ReadText(dir.File("c.csv")));
  // "Alice" became the same fake first name in both tables.
  auto second_line_field = [](const std::string& text, int field) {
    std::string line = text.substr(text.find('\n') + 1);
    line = line.substr(0, line.find('\n'));
    for (int i = 0; i < field; ++i) line = line.substr(line.find(',') + 1);
    return line.substr(0, line.find(','));
  };
  EXPECT_EQ(second_line_field(a, 1), second_line_field(ReadText(dir.File("d.csv")), 0));
}

TEST(TransformCli, RulesPickOperatorsByColumnPatternAndEntity) {
  TempDir dir;
  const std::string in = dir.Write("people.csv", kPeople);
  const std::string config = dir.Write("t.yaml",
                                       "rules:\n"
                                       "  - column: \"amount\"\n    operator: round\n    step: 100\n"
                                       "  - entity: US_SSN\n    operator: mask\n    keep_last: 4\n"
                                       "  - column: \"email\"\n    operator: hash\n    length: 8\n"
                                       "  - column: notes\n    operator: drop\n");
  auto r = RunCli({"transform", in, "-o", dir.File("out.csv"), "--config", config, "--key-file", dir.File("k")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::string out = ReadText(dir.File("out.csv"));
  EXPECT_EQ(out.substr(0, out.find('\n')), "id,first_name,email,ssn,amount");
  EXPECT_NE(out.find(",***-**-6789,100\n"), std::string::npos) << out;
  EXPECT_NE(out.find(",***-**-7890,300\n"), std::string::npos) << out;
  EXPECT_NE(out.find("1,Alice,"), std::string::npos);  // no rule for first_name: kept
}

TEST(TransformCli, BadConfigsFailWithExactMessagesAndNoOutputFile) {
  TempDir dir;
  const std::string in = dir.Write("people.csv", kPeople);
  struct Case {
    std::string yaml, message;
  };
  const std::vector<Case> cases = {
      {"rules:\n  - colum: email\n    operator: hash\n",
       "t.yaml:2:5: unknown key 'colum' in rule 1: expected one of column, entity, free_text, operator, "
       "keep_first, keep_last, mask_char, text, length, max_days, entity_column, scale, step, with"},
      {"rules:\n  - column: email\n    operator: fak\n",
       "t.yaml:3:15: unknown operator 'fak': expected one of keep, drop, fake, hash, mask, redact, date_shift, "
       "noise, round, bucket, replace_entities"},
      {"rules:\n  - column: \"emial*\"\n    operator: hash\n",
       "t.yaml:2: column pattern 'emial*' matches no column of " + in +
           " (columns: id, first_name, email, ssn, notes, amount)"},
      {"rules:\n  - entity: PASSPORT\n    operator: hash\n",
       "t.yaml:2:13: unknown entity 'PASSPORT': expected any or one of EMAIL, PHONE"},
      {"colour: blue\nrules: []\n", "t.yaml:1: colour: unknown parameter"},
  };
  for (const auto& c : cases) {
    const std::string config = dir.Write("t.yaml", c.yaml);
    auto r = RunCli({"transform", in, "-o", dir.File("out.csv"), "--config", config, "--key-file", dir.File("k")});
    EXPECT_EQ(r.exit_code, 2) << c.yaml;
    EXPECT_NE(r.err.find(c.message), std::string::npos) << "expected: " << c.message << "\nfound: " << r.err;
    EXPECT_FALSE(std::ifstream(dir.File("out.csv")).good()) << "partial output for " << c.yaml;
  }
}

TEST(TransformCli, MalformedDataExitsThreeAndLeavesNoOutput) {
  TempDir dir;
  const std::string in = dir.Write("bad.csv", "a,b\n1,\"unterminated\n");
  auto r = RunCli({"transform", in, "-o", dir.File("out.csv"), "--key-file", dir.File("k")});
  EXPECT_EQ(r.exit_code, 3) << r.err;
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"bad.csv", "k"}));
}

TEST(ScanCli, JsonListsEveryColumnWithEntityConfidenceAndReasons) {
  TempDir dir;
  const std::string in = dir.Write("people.csv", kPeople);
  auto r = RunCli({"scan", in, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto doc = nlohmann::json::parse(r.out);
  ASSERT_EQ(doc.at("columns").size(), 6u);
  std::map<std::string, nlohmann::json> by_name;
  for (const auto& c : doc.at("columns")) by_name[c.at("column").get<std::string>()] = c;
  EXPECT_EQ(by_name["email"].at("entity"), "EMAIL");
  EXPECT_EQ(by_name["ssn"].at("entity"), "US_SSN");
  EXPECT_EQ(by_name["first_name"].at("entity"), "FIRST_NAME");
  EXPECT_TRUE(by_name["amount"].at("entity").is_null());
  EXPECT_TRUE(by_name["notes"].at("free_text").get<bool>());
  EXPECT_FALSE(by_name["email"].at("reasons").empty());
  EXPECT_GT(by_name["email"].at("confidence").get<double>(), 0.9);
}

}  // namespace
}  // namespace ersatz::testing
