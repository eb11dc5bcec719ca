// `ersatz fit --transform`: personal data is replaced before the model learns it, the holdout
// is replaced the same way, and a bad transform file stops the fit with a message naming it.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <set>

#include "cli/run_cli.h"
#include "common/random.h"

namespace ersatz::testing {
namespace {

const char* kFirst[] = {"Alice", "Robert", "Maria", "John", "Linda", "James", "Sophie", "Lukas"};
const char* kLast[] = {"Smith", "Johnson", "Martin", "Garcia", "Brown", "Wilson", "Moore", "Taylor"};

// 400 customers: first and last names from short lists, unique e-mails, an age and a plan.
std::string People(std::set<std::string>* originals) {
  RandomStream rng(7, 1, 0);
  std::string text = "first_name,last_name,email,age,plan\n";
  for (int i = 0; i < 400; ++i) {
    const std::string first = kFirst[rng.NextBelow(8)], last = kLast[rng.NextBelow(8)];
    const std::string email = fmt::format("{}.{}{}@corp.com", first, last, i);
    text += fmt::format("{},{},{},{},{}\n", first, last, email, 18 + rng.NextBelow(60),
                        rng.NextBelow(3) == 0 ? "pro" : "basic");
    originals->insert(first);
    originals->insert(last);
    originals->insert(email);
  }
  return text;
}

// The cells of `csv` (simple: no quotes), header excluded.
std::set<std::string> Cells(const std::string& csv) {
  std::set<std::string> cells;
  std::size_t pos = csv.find('\n') + 1;
  std::string cell;
  for (; pos < csv.size(); ++pos) {
    if (csv[pos] == ',' || csv[pos] == '\n') {
      cells.insert(cell);
      cell.clear();
    } else {
      cell.push_back(csv[pos]);
    }
  }
  return cells;
}

TEST(FitTransformCli, AutoLeavesNoOriginalNameOrEmailInTheHoldoutOrTheSamples) {
  TempDir dir;
  std::set<std::string> originals;
  const std::string in = dir.Write("people.csv", People(&originals));
  std::string key_hex;
  for (int i = 0; i < 4; ++i) key_hex += "3f9a1c7e5b2d8046";
  const std::string key = dir.Write("k.key", key_hex + "\n");
  std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  const std::string model = dir.File("m.ersatz");
  const auto fit = RunCli({"fit", in, "-o", model, "--transform", "auto", "--key-file", key, "--max-epochs", "2",
                           "--no-report", "--holdout-csv", dir.File("holdout.csv"), "--threads", "1"});
  ASSERT_EQ(fit.exit_code, 0) << fit.err;
  // Which columns were replaced, and how, in `ersatz transform`'s words.
  EXPECT_NE(fit.err.find("first_name               FIRST_NAME         fake             (default policy)"),
            std::string::npos) << fit.err;
  EXPECT_NE(fit.err.find("email                    EMAIL              fake             (default policy)"),
            std::string::npos) << fit.err;
  EXPECT_NE(fit.err.find("age                      -                  keep             (no rule)"),
            std::string::npos) << fit.err;
  const auto sample = RunCli({"sample", model, "-n", "400", "-o", dir.File("s.csv"), "--seed", "3"});
  ASSERT_EQ(sample.exit_code, 0) << sample.err;
  for (const char* file : {"s.csv", "holdout.csv"}) {
    const std::string text = ReadText(dir.File(file));
    const std::set<std::string> cells = Cells(text);
    ASSERT_GT(cells.size(), 20u) << file;
    for (const auto& original : originals) {
      EXPECT_EQ(cells.count(original), 0u) << original << " appears in " << file;
    }
    EXPECT_EQ(text.find("@corp.com"), std::string::npos) << file;
  }
  // The key is in none of the outputs or messages.
  EXPECT_EQ(ReadText(model).find(key_hex), std::string::npos);
  EXPECT_EQ(fit.err.find(key_hex), std::string::npos);
  EXPECT_EQ(fit.out.find(key_hex), std::string::npos);
}

TEST(FitTransformCli, ABadTransformFileStopsTheFitNamingTheFile) {
  TempDir dir;
  std::set<std::string> originals;
  const std::string in = dir.Write("people.csv", People(&originals));
  const std::string missing = dir.File("missing.yaml");
  auto r = RunCli({"fit", in, "-o", dir.File("m.ersatz"), "--transform", missing, "--key-file", dir.File("k")});
  EXPECT_EQ(r.exit_code, 4) << r.err;
  EXPECT_NE(r.err.find(missing), std::string::npos) << r.err;

  const std::string bad = dir.Write("t.yaml", "rules:\n  - column: email\n    operator: fak\n");
  r = RunCli({"fit", in, "-o", dir.File("m.ersatz"), "--transform", bad, "--key-file", dir.File("k")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(bad + ":3:15: unknown operator 'fak'"), std::string::npos) << r.err;

  const std::string unmatched = dir.Write("u.yaml", "rules:\n  - column: \"emial*\"\n    operator: hash\n");
  r = RunCli({"fit", in, "-o", dir.File("m.ersatz"), "--transform", unmatched, "--key-file", dir.File("k")});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find(unmatched + ":2: column pattern 'emial*' matches no column of " + in), std::string::npos)
      << r.err;
  // Nothing was trained or written (the key was created by the runs that got that far).
  EXPECT_FALSE(std::ifstream(dir.File("m.ersatz")).good());
}

TEST(FitTransformCli, AConfigFileSetsRulesLocaleAndScope) {
  TempDir dir;
  std::set<std::string> originals;
  const std::string in = dir.Write("people.csv", People(&originals));
  const std::string config = dir.Write(
      "t.yaml", "locale: de\nscope: crm\nrules:\n  - column: email\n    operator: hash\n    length: 12\n"
                "  - entity: any\n    operator: fake\n");
  const auto r = RunCli({"fit", in, "-o", dir.File("m.ersatz"), "--transform", config, "--key-file",
                         dir.File("k"), "--max-epochs", "1", "--no-report", "--holdout-csv", dir.File("h.csv")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("created a new secret key in " + dir.File("k")), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("email                    EMAIL              hash             (" + config + ":4)"),
            std::string::npos) << r.err;
  // The held-out e-mails are 12 hex digits (third field of each row).
  const std::string holdout = ReadText(dir.File("h.csv"));
  EXPECT_EQ(holdout.find("@corp.com"), std::string::npos);
  std::size_t line = holdout.find('\n') + 1;
  for (int row = 0; row < 3; ++row) {
    std::size_t b = holdout.find(',', holdout.find(',', line) + 1) + 1;
    const std::string email = holdout.substr(b, holdout.find(',', b) - b);
    EXPECT_EQ(email.size(), 12u) << email;
    EXPECT_EQ(email.find_first_not_of("0123456789abcdef"), std::string::npos) << email;
    line = holdout.find('\n', line) + 1;
  }
}

}  // namespace
}  // namespace ersatz::testing
