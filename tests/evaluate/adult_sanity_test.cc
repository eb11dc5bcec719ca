// Sanity checks on UCI Adult (data/adult.csv) that any user would expect of the scores.
#include <gtest/gtest.h>

#include <algorithm>
#include <numeric>

#include "common/random.h"
#include "ersatz/csv.h"
#include "ersatz/evaluate.h"
#include "evaluate/test_tables.h"

namespace ersatz {
namespace {

using evaluate::testing::TakeRows;

const Table& Adult() {
  static const Table table = ReadCsv(std::string(ERSATZ_SOURCE_DIR) + "/data/adult.csv");
  return table;
}

// A seeded permutation of 0..n-1.
std::vector<std::size_t> Permutation(std::size_t n, std::uint64_t seed) {
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  RandomStream rng(seed, 0, 0);
  for (std::size_t i = n; i > 1; --i) std::swap(rows[i - 1], rows[rng.NextBelow(i)]);
  return rows;
}

struct Halves {
  Table first, second;
};

const Halves& AdultHalves() {
  static const Halves halves = [] {
    const std::vector<std::size_t> rows = Permutation(Adult().num_rows(), 7);
    const auto mid = rows.begin() + rows.size() / 2;
    return Halves{TakeRows(Adult(), {rows.begin(), mid}), TakeRows(Adult(), {mid, rows.end()})};
  }();
  return halves;
}

TEST(EvaluateAdult, ReadsAllColumns) {
  ASSERT_EQ(Adult().num_rows(), 32561u);
  ASSERT_EQ(Adult().num_columns(), 15u);
}

TEST(EvaluateAdult, RandomHalfAgainstTheOtherHalfScoresHighFidelityAndNoAlarm) {
  const Halves& h = AdultHalves();
  const EvaluateReport report = Evaluate(h.first, h.second, nullptr, {});
  EXPECT_GE(report.fidelity.overall, 0.97);
  EXPECT_GE(report.fidelity.column_shapes, 0.98);
  EXPECT_GE(report.fidelity.accuracy.overall, 0.97);
  EXPECT_EQ(report.sqs.grade, "Excellent");
  EXPECT_GE(report.sqs.score, 90);
  EXPECT_EQ(report.fidelity.accuracy.triples, 455u);  // C(15, 3): all of them
  EXPECT_EQ(report.pairs.size(), 105u);
  EXPECT_LT(report.privacy.exact_copy_rate, 0.01);  // Adult has a few duplicate people
  EXPECT_FALSE(report.privacy.alarm);
  // A classifier cannot tell two random halves apart.
  EXPECT_LE(report.fidelity.discriminator_auc, 0.55);
  EXPECT_GE(report.fidelity.discriminator_auc, 0.45);
}

TEST(EvaluateAdult, HalfAgainstUnseenHalfHasDcrShareNearOneHalf) {
  const Halves& h = AdultHalves();
  // Training = first half; synthetic = 8k rows of the second half; holdout = the other 8k rows.
  std::vector<std::size_t> a(h.second.num_rows() / 2), b(h.second.num_rows() - a.size());
  std::iota(a.begin(), a.end(), 0);
  std::iota(b.begin(), b.end(), a.size());
  const Table synthetic = TakeRows(h.second, a), holdout = TakeRows(h.second, b);
  const EvaluateReport report = Evaluate(h.first, synthetic, &holdout, {});
  EXPECT_NEAR(report.privacy.dcr_share, 0.5, 0.03);
  EXPECT_FALSE(report.privacy.alarm);
  EXPECT_GT(report.privacy.nndr, 0.5);
}

TEST(EvaluateAdult, ColumnsShuffledIndependentlyKeepShapesButLosePairTrends) {
  const Halves& h = AdultHalves();
  const Table& real = h.first;
  Table shuffled;
  for (std::size_t c = 0; c < real.num_columns(); ++c) {
    shuffled.AddColumn(TakeRows(real.column(c), Permutation(real.num_rows(), 100 + c)));
  }
  EvaluateOptions options;
  options.privacy = false;
  const EvaluateReport report = Evaluate(real, shuffled, nullptr, options);
  const EvaluateReport baseline = Evaluate(real, h.second, nullptr, options);
  EXPECT_DOUBLE_EQ(report.fidelity.column_shapes, 1.0);  // same values, other rows
  EXPECT_LT(report.fidelity.column_pair_trends, baseline.fidelity.column_pair_trends - 0.03);
  EXPECT_LT(report.fidelity.column_pair_trends_important, 0.85);
  EXPECT_GT(baseline.fidelity.column_pair_trends_important, 0.95);
  // Trees see the broken joint distribution even though every column looks right on its own.
  EXPECT_GT(report.fidelity.discriminator_auc, 0.6);
  EXPECT_LE(baseline.fidelity.discriminator_auc, 0.55);
  EXPECT_LT(report.fidelity.accuracy.trivariate, baseline.fidelity.accuracy.trivariate - 0.05);
  EXPECT_LT(report.sqs.field_correlation_stability, baseline.sqs.field_correlation_stability);
}

TEST(EvaluateAdult, TrainingDataAsItsOwnSyntheticCopyRaisesThePrivacyAlarm) {
  const Halves& h = AdultHalves();
  const EvaluateReport report = Evaluate(h.first, h.first, &h.second, {});
  EXPECT_DOUBLE_EQ(report.privacy.exact_copy_rate, 1.0);
  EXPECT_GT(report.privacy.dcr_share, 0.9);
  EXPECT_DOUBLE_EQ(report.fidelity.overall, 1.0);
  EXPECT_TRUE(report.privacy.alarm);
  // Exact copies, DCR share and membership inference each raise it.
  EXPECT_EQ(report.privacy.alarm_reasons.size(), 3u);
  // Every member sits at distance 0 from a synthetic row: the distance attack finds them.
  EXPECT_GT(report.privacy.mia_auc, 0.9);
  EXPECT_GT(report.privacy.distance_attack.tpr_at_fpr_001, 0.5);
  EXPECT_GT(report.privacy.distance_attack.epsilon_lower_95, 1.0);
  // Knowing 3 quasi-identifiers of a member finds the member's own row among the 5 nearest.
  EXPECT_GT(report.privacy.attribute_inference_risk, 0.1);
}

}  // namespace
}  // namespace ersatz
