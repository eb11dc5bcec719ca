// Evaluate() on tables small enough to score by hand, its column rules and its errors.
#include "ersatz/evaluate.h"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <limits>

#include "ersatz/error.h"
#include "evaluate/test_tables.h"

namespace ersatz {
namespace {

using evaluate::testing::Categories;
using evaluate::testing::Floats;
using evaluate::testing::MakeTable;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

EvaluateOptions NoPrivacy() {
  EvaluateOptions o;
  o.privacy = false;
  return o;
}

TEST(Evaluate, ScoresColumnShapesWithKsAndTvComplements) {
  const Table real = MakeTable({Floats("x", {1, 2, 3, 4}), Categories("c", {"a", "a", "b", "b"})});
  const Table syn = MakeTable({Floats("x", {3, 4, 5, 6}), Categories("c", {"a", "b", "b", "b"})});
  const EvaluateReport r = Evaluate(real, syn, nullptr, NoPrivacy());
  ASSERT_EQ(r.columns.size(), 2u);
  EXPECT_EQ(r.columns[0].metric, "KSComplement");
  EXPECT_DOUBLE_EQ(r.columns[0].shape, 0.5);  // KS statistic 0.5 (see stats_test)
  EXPECT_EQ(r.columns[1].metric, "TVComplement");
  EXPECT_DOUBLE_EQ(r.columns[1].shape, 0.75);  // (½, ½) vs (¼, ¾): TV = ¼
  EXPECT_DOUBLE_EQ(r.fidelity.column_shapes, 0.625);
}

TEST(Evaluate, ScoresNumericPairsByCorrelationSimilarity) {
  // Real ρ = 1, synthetic ρ = −1: 1 − |1 − (−1)| / 2 = 0. The pair is important (|ρ| > 0.5).
  const Table real = MakeTable({Floats("x", {1, 2, 3}), Floats("y", {1, 2, 3})});
  const Table syn = MakeTable({Floats("x", {1, 2, 3}), Floats("y", {3, 2, 1})});
  const EvaluateReport r = Evaluate(real, syn, nullptr, NoPrivacy());
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].metric, "CorrelationSimilarity");
  EXPECT_NEAR(r.pairs[0].score, 0, 1e-12);
  EXPECT_TRUE(r.pairs[0].important);
  EXPECT_NEAR(r.fidelity.column_pair_trends_important, 0, 1e-12);
  // Shapes are 1 (same values), trends 0: overall ½.
  EXPECT_NEAR(r.fidelity.overall, 0.5, 1e-12);
}

TEST(Evaluate, ScoresMixedPairsByContingencyOnTenEqualWidthBins) {
  // x in 0..10 → bins of width 1; real (x, c): (0,a) (10,b); synthetic (0.5,a) (9.5,a):
  // cells real {(0,a) ½, (9,b) ½}, synthetic {(0,a) ½, (9,a) ½} → TV ½ → 0.5.
  const Table real = MakeTable({Floats("x", {0, 10}), Categories("c", {"a", "b"})});
  const Table syn = MakeTable({Floats("x", {0.5, 9.5}), Categories("c", {"a", "a"})});
  const EvaluateReport r = Evaluate(real, syn, nullptr, NoPrivacy());
  ASSERT_EQ(r.pairs.size(), 1u);
  EXPECT_EQ(r.pairs[0].metric, "ContingencySimilarity");
  EXPECT_DOUBLE_EQ(r.pairs[0].score, 0.5);
  EXPECT_DOUBLE_EQ(r.pairs[0].real_association, 1);  // Cramér's V of a diagonal table
  EXPECT_TRUE(r.pairs[0].important);
}

TEST(Evaluate, ImportantTrendsAreNullWhenNoPairIsImportant) {
  // Real ρ(x, y) = 0: not important.
  const Table real = MakeTable({Floats("x", {1, 2, 3, 4}), Floats("y", {1, -1, -1, 1})});
  const EvaluateReport r = Evaluate(real, real, nullptr, NoPrivacy());
  EXPECT_FALSE(r.pairs[0].important);
  EXPECT_TRUE(std::isnan(r.fidelity.column_pair_trends_important));
  EXPECT_DOUBLE_EQ(r.fidelity.overall_important, r.fidelity.column_shapes);
  const auto json = nlohmann::json::parse(r.ToJson());
  EXPECT_TRUE(json["fidelity"]["column_pair_trends_important"].is_null());
}

TEST(Evaluate, AccuracyAveragesUnivariateBivariateAndTrivariate) {
  // Identical tables score 1 everywhere; the three-column table has exactly one triple.
  const Table real = MakeTable({Floats("x", {1, 2, 3, 4, 5}), Floats("y", {5, 3, 1, 2, 4}),
                                Categories("c", {"a", "b", "a", "b", std::nullopt})});
  const EvaluateReport r = Evaluate(real, real, nullptr, NoPrivacy());
  EXPECT_DOUBLE_EQ(r.fidelity.accuracy.univariate, 1);
  EXPECT_DOUBLE_EQ(r.fidelity.accuracy.bivariate, 1);
  EXPECT_DOUBLE_EQ(r.fidelity.accuracy.trivariate, 1);
  EXPECT_EQ(r.fidelity.accuracy.triples, 1u);
  EXPECT_DOUBLE_EQ(r.fidelity.accuracy.overall, 1);
  EXPECT_DOUBLE_EQ(r.sqs.score, 100);
}

TEST(Evaluate, UnivariateAccuracyComparesDecileBinFrequencies) {
  // Real 1..10: deciles 1..9 → one value per bin. Synthetic all 1s: bin 0 has 1 vs 0.1 → TV 0.9.
  std::vector<double> real_x, syn_x(10, 1.0);
  for (int v = 1; v <= 10; ++v) real_x.push_back(v);
  const EvaluateReport r =
      Evaluate(MakeTable({Floats("x", real_x)}), MakeTable({Floats("x", syn_x)}), nullptr, NoPrivacy());
  EXPECT_NEAR(r.columns[0].accuracy, 0.1, 1e-12);
}

TEST(Evaluate, LeavesOutTextAndIdentifierColumnsAndSaysWhy) {
  Column text("note", ColumnKind::kText);
  std::vector<std::optional<std::string>> ids;
  for (int i = 0; i < 25; ++i) {
    text.AppendString(fmt::format("free text {}", i % 3));
    ids.push_back(fmt::format("id-{}", i));
  }
  std::vector<double> x(25, 1.0), key(25, 2.0);
  const Table real = MakeTable({Floats("x", x), Floats("key", key), std::move(text), Categories("id", ids)});
  EvaluateOptions options = NoPrivacy();
  options.identifier_columns = {"key"};
  const EvaluateReport r = Evaluate(real, real, nullptr, options);
  ASSERT_EQ(r.columns.size(), 1u);
  EXPECT_EQ(r.columns[0].name, "x");
  ASSERT_EQ(r.excluded_columns.size(), 3u);
  EXPECT_EQ(r.excluded_columns[0].reason, "identifier (declared)");
  EXPECT_EQ(r.excluded_columns[1].reason, "free text");
  EXPECT_EQ(r.excluded_columns[2].reason, "identifier (every real value is distinct)");
}

TEST(Evaluate, ComparesCategoriesByTheirTextNotTheTablesCodes) {
  // Same values, categories first seen in the opposite order: codes differ, the score must not.
  const Table real = MakeTable({Categories("c", {"a", "b", "b"})});
  const Table syn = MakeTable({Categories("c", {"b", "b", "a"})});
  EXPECT_DOUBLE_EQ(Evaluate(real, syn, nullptr, NoPrivacy()).columns[0].shape, 1.0);
}

TEST(Evaluate, NamesTheColumnTheSyntheticTableLacks) {
  const Table real = MakeTable({Floats("x", {1}), Floats("income", {2})});
  const Table syn = MakeTable({Floats("x", {1})});
  EXPECT_THAT([&] { Evaluate(real, syn, nullptr, {}); },
              ::testing::ThrowsMessage<DataError>(::testing::HasSubstr(
                  "the synthetic table lacks column 'income' of the real table")));
}

TEST(Evaluate, RejectsAColumnOfAnotherKind) {
  const Table real = MakeTable({Floats("x", {1, 2})});
  const Table syn = MakeTable({Categories("x", {"a", "b"})});
  EXPECT_THAT([&] { Evaluate(real, syn, nullptr, {}); },
              ::testing::ThrowsMessage<DataError>(::testing::HasSubstr(
                  "column 'x' is float in the real table but categorical in the synthetic table")));
}

TEST(Evaluate, SamplesPairsAndTriplesOfWideTablesAndSaysSo) {
  std::vector<Column> columns;
  for (int c = 0; c < 40; ++c) columns.push_back(Floats(fmt::format("x{}", c), {1, 2, 3, double(c)}));
  const Table t = MakeTable(std::move(columns));
  EvaluateOptions options = NoPrivacy();
  options.max_pairs = 100;
  options.max_triples = 50;
  options.discriminator = false;  // 4 rows: it would only add a note that it cannot run
  const EvaluateReport r = Evaluate(t, t, nullptr, options);
  EXPECT_EQ(r.pairs.size(), 100u);
  EXPECT_EQ(r.fidelity.accuracy.triples, 50u);
  ASSERT_EQ(r.notes.size(), 2u);
  EXPECT_THAT(r.notes[0], ::testing::HasSubstr("40 columns make 780 pairs"));
  // The same seed picks the same pairs.
  const EvaluateReport again = Evaluate(t, t, nullptr, options);
  EXPECT_EQ(again.pairs[17].first, r.pairs[17].first);
  EXPECT_EQ(again.pairs[17].second, r.pairs[17].second);
}

TEST(Evaluate, WritesTheDocumentedJsonKeys) {
  const Table real = MakeTable({Floats("x", {1, 2, 3, 4}), Categories("c", {"a", "a", "b", "b"}),
                                Floats("y", {4, 1, 3, 2})});
  const auto j = nlohmann::json::parse(Evaluate(real, real, &real, {}).ToJson());
  for (const char* key : {"column_shapes", "column_pair_trends", "column_pair_trends_important",
                          "overall", "accuracy", "columns", "pairs"}) {
    EXPECT_TRUE(j["fidelity"].contains(key)) << key;
  }
  for (const char* key : {"univariate", "bivariate", "trivariate", "overall"}) {
    EXPECT_TRUE(j["fidelity"]["accuracy"][key].is_number()) << key;
  }
  EXPECT_EQ(j["sqs"]["grade"], "Excellent");
  for (const char* key : {"exact_copy_rate", "dcr_share", "nndr", "alarm"}) {
    EXPECT_TRUE(j["privacy"].contains(key)) << key;
  }
  EXPECT_EQ(j["fidelity"]["pairs"][0]["columns"][1], "c");
}

}  // namespace
}  // namespace ersatz

#include "evaluate/params.h"

namespace ersatz {
namespace {

TEST(EvaluateParams, DefaultsMatchTheOptionsStructAndValuesReachIt) {
  ParamValues params(kEvaluateParams);
  const EvaluateOptions defaults = EvaluateOptionsFromParams(params);
  const EvaluateOptions plain;
  EXPECT_EQ(defaults.seed, plain.seed);
  EXPECT_EQ(defaults.max_pairs, plain.max_pairs);
  EXPECT_EQ(defaults.max_triples, plain.max_triples);
  EXPECT_EQ(defaults.max_privacy_rows, plain.max_privacy_rows);
  EXPECT_EQ(defaults.privacy, plain.privacy);
  EXPECT_DOUBLE_EQ(defaults.alarm_dcr_share, plain.alarm_dcr_share);
  EXPECT_DOUBLE_EQ(defaults.alarm_exact_copy_rate, plain.alarm_exact_copy_rate);
  EXPECT_TRUE(defaults.identifier_columns.empty());
  params.Set("no-privacy", "true", "--no-privacy");
  params.SetList("identifier-columns", {"id", "key"}, "--identifier-columns");
  const EvaluateOptions set = EvaluateOptionsFromParams(params);
  EXPECT_FALSE(set.privacy);
  EXPECT_EQ(set.identifier_columns, (std::vector<std::string>{"id", "key"}));
  EXPECT_THROW(params.Set("max-pairs", "0", "--max-pairs"), ParameterError);
}

}  // namespace
}  // namespace ersatz

namespace ersatz {
namespace {

TEST(EvaluateDistributions, OverlayBinsAreEqualWidthOverTheRealRangeAndTopCategories) {
  using evaluate::testing::Categories;
  using evaluate::testing::Floats;
  using evaluate::testing::MakeTable;
  const Table real = MakeTable({Floats("x", {0, 10, 20, 20}), Categories("c", {"a", "b", "b", std::nullopt})});
  const Table synthetic = MakeTable({Floats("x", {0, 0, 30, 5}), Categories("c", {"b", "b", "b", "b"})});
  EvaluateOptions options;
  options.privacy = false;
  options.discriminator = false;
  const EvaluateReport r = Evaluate(real, synthetic, nullptr, options);
  const ColumnReport& x = r.columns[0];
  ASSERT_EQ(x.bins.size(), 20u);  // 20 bins of width 1 over [0, 20]; no nulls
  EXPECT_EQ(x.bins[0], "0");
  EXPECT_EQ(x.bins[10], "10");
  EXPECT_DOUBLE_EQ(x.real_frequencies[0], 0.25);
  EXPECT_DOUBLE_EQ(x.real_frequencies[19], 0.5);       // 20 is in the last bin
  EXPECT_DOUBLE_EQ(x.synthetic_frequencies[19], 0.25);  // 30 falls in the outer bin
  EXPECT_DOUBLE_EQ(x.synthetic_frequencies[5], 0.25);
  const ColumnReport& c = r.columns[1];
  EXPECT_EQ(c.bins, (std::vector<std::string>{"b", "a", "(null)"}));  // most frequent first
  EXPECT_EQ(c.real_frequencies, (std::vector<double>{0.5, 0.25, 0.25}));
  EXPECT_EQ(c.synthetic_frequencies, (std::vector<double>{1.0, 0.0, 0.0}));
}

}  // namespace
}  // namespace ersatz
