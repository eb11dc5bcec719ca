// Column-level precision and recall per entity type on the labelled corpora (the target:
// ≥ 0.95 both). Each folder's labels.csv names every column's entity ("" for none); the folders
// are scored by `ersatz scan`'s classifier and printed, with every miss:
//
//   build/ersatz_tests --gtest_filter='PiiCorpus.*'
//
// tests/data/pii: hand-picked value lists (scripts/make_pii_corpus.py); tests/data/pii-faker:
// Python Faker values, many header styles and locales (scripts/make_pii_corpus_faker.py);
// tests/data/pii-heldout: the same generator with its own seed and regional locales, made once
// after tuning and never tuned on.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

#include "cli/run_cli.h"
#include "ersatz/transform.h"

namespace ersatz {
namespace {

namespace fs = std::filesystem;

struct Scores {
  std::map<std::string, int> tp, fp, fn;
  int total_tp = 0, total_fp = 0, total_fn = 0;
  std::vector<std::string> misses;  // "file: column: expected 'X', found 'Y'"
  double precision() const { return double(total_tp) / std::max(1, total_tp + total_fp); }
  double recall() const { return double(total_tp) / std::max(1, total_tp + total_fn); }
};

Scores ScoreCorpus(const fs::path& folder) {
  const RawTable labels = ParseCsv(ersatz::testing::ReadText((folder / "labels.csv").string()),
                                   (folder / "labels.csv").string(), {});
  std::map<std::string, std::map<std::string, std::string>> truth;  // file → column → entity
  for (std::size_t r = 0; r < labels.num_rows(); ++r) {
    const bool missing = labels.columns[2][r].flags() & RawField::kNull;
    truth[std::string(labels.Field(0, r))][std::string(labels.Field(1, r))] =
        missing ? std::string() : std::string(labels.Field(2, r));
  }
  Scores s;
  for (const auto& [file, columns] : truth) {
    const ScanReport report = ScanCsvFile((folder / file).string(), {});
    EXPECT_EQ(report.columns.size(), columns.size()) << file;
    for (const auto& f : report.columns) {
      const auto it = columns.find(f.column);
      if (it == columns.end()) {
        ADD_FAILURE() << file << ": column '" << f.column << "' has no label";
        continue;
      }
      const std::string& expected = it->second;
      const std::string found = f.entity ? std::string(EntityName(*f.entity)) : "";
      if (found == expected) {
        if (!expected.empty()) ++s.tp[expected], ++s.total_tp;
        continue;
      }
      if (!found.empty()) ++s.fp[found], ++s.total_fp;
      if (!expected.empty()) ++s.fn[expected], ++s.total_fn;
      s.misses.push_back(file + ": " + f.column + ": expected '" + expected + "', found '" + found + "'");
    }
  }
  return s;
}

void Print(const std::string& name, const Scores& s) {
  std::printf("%s\n", name.c_str());
  std::set<std::string> entities;
  for (const auto* m : {&s.tp, &s.fp, &s.fn}) {
    for (const auto& [e, n] : *m) entities.insert(e);
  }
  auto at = [](const std::map<std::string, int>& m, const std::string& e) {
    const auto it = m.find(e);
    return it == m.end() ? 0 : it->second;
  };
  for (const auto& e : entities) {
    const int tp = at(s.tp, e), fp = at(s.fp, e), fn = at(s.fn, e);
    const double p = tp + fp ? double(tp) / (tp + fp) : 1.0;
    const double r = tp + fn ? double(tp) / (tp + fn) : 1.0;
    std::printf("  %-20s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)\n", e.c_str(), p, r, tp, fp, fn);
  }
  std::printf("  %-20s precision %.3f  recall %.3f  (tp %d, fp %d, fn %d)\n", "ALL", s.precision(), s.recall(),
              s.total_tp, s.total_fp, s.total_fn);
  for (const auto& m : s.misses) std::printf("  miss: %s\n", m.c_str());
}

fs::path Corpus(const std::string& name) { return fs::path(ERSATZ_SOURCE_DIR) / "tests" / "data" / name; }

// Scores tests/data/<name>, prints the scores and misses, and holds them to the floors.
void ExpectScores(const std::string& name, double min_precision, double min_recall) {
  const Scores s = ScoreCorpus(Corpus(name));
  Print("tests/data/" + name, s);
  EXPECT_GE(s.precision(), min_precision) << name;
  EXPECT_GE(s.recall(), min_recall) << name;
}

TEST(PiiCorpus, HandWrittenCorpusHasEveryColumnRight) {
  const Scores s = ScoreCorpus(Corpus("pii"));
  Print("tests/data/pii", s);
  EXPECT_TRUE(s.misses.empty());
}

TEST(PiiCorpus, FakerCorpusReachesTheTarget) {
  ExpectScores("pii-faker", 0.95, 0.95);
}

// Scored once after tuning: precision 1.000, recall 0.947 (71 of 75), short of the 0.95 target.
// Three of the four misses have no header to go on (dates of birth, nine bare digits and single
// coordinates under field_3/field_11/attr_3); the fourth was Swiss surnames the dictionaries lack
// under `family_name`, which the classifier now takes from the header (0.960 since). Having been
// read for its misses, this set is no longer the judge: pii-heldout2 is.
TEST(PiiCorpus, FirstHeldOutCorpusKeepsItsScores) {
  ExpectScores("pii-heldout", 0.95, 0.95);
}

// The second judging set (2026-12-02): the same generator with a new seed, made after the
// `family_name` change and scored once: precision 1.000, recall 0.945 (69 of 73). Misses:
// Irish Eircodes ("D02 X285") under `zip_code`, which no detector knew (0.959 since the Eircode
// pattern, so this set is spent too); Swiss four-digit postcodes and a date of birth under
// meaningless headers (f1, f9, Column1).
TEST(PiiCorpus, SecondHeldOutCorpusKeepsItsMeasuredScores) {
  ExpectScores("pii-heldout2", 0.95, 0.95);
}

// Locales no detector was tuned on (en_NZ, nl_NL, pt_PT, pl_PL, sv_SE, en_IE, en_US: names,
// streets, phones and postcodes from Faker's lists for them), made after the last detector
// change and scored once: precision 0.982, recall 0.889 (56 of 63). Misses: Polish and
// Portuguese surnames and a Swedish street under meaningless or English headers, coordinates,
// a Polish postcode and a date of birth under meaningless headers; a Portuguese decoy taken
// for IP addresses. The floors are the measured figures. Read for its misses since (0.905 after
// the names of 13 more locales), so no longer the judge: pii-judge3 is.
TEST(PiiCorpus, UnseenLocalesCorpusKeepsItsMeasuredScores) {
  ExpectScores("pii-unseen-locales", 0.98, 0.90);
}

// The judge after pii-unseen-locales was read for its misses (and 13 more name locales and the
// repeated-category rule were added): new seed, locales again none was tuned on (fi_FI, no_NO,
// cs_CZ, hu_HU, nl_BE, hr_HR, en_GB, en_US), made and scored once (2026-12-02): precision 1.000,
// recall 0.896 (69 of 77), short of the 0.95 target. Misses: Croatian streets without a street
// type ("Svibovac 3c/5") under addr1/address_line1, a Croatian surname under `l_name`, a Croatian
// phone and postcode, single coordinates under meaningless headers. The floors are the measured
// figures. Read for its misses since (0.948 after the streets without a type and `l_name`), so
// no longer the judge: pii-judge4 is.
TEST(PiiCorpus, ThirdJudgingCorpusKeepsItsMeasuredScores) {
  ExpectScores("pii-judge3", 0.99, 0.94);
}

// The judge after pii-judge3 was read (streets named without a type, then their number, are weak
// addresses; `l_name` / `f_name` headers): new seed, locales none was tuned on (ro_RO, sk_SK,
// sl_SI, lt_LT, et_EE, de_DE, en_AU, es_ES), made and scored once (2026-12-02): precision 1.000,
// recall 0.970 (65 of 67). Misses: a Romanian first-name column under `FIRSTNAME` (names the
// dictionaries lack: the header alone carries half the values), an Australian address under `f5`.
TEST(PiiCorpus, FourthJudgingCorpusKeepsItsMeasuredScores) {
  ExpectScores("pii-judge4", 0.99, 0.95);
}

}  // namespace
}  // namespace ersatz
