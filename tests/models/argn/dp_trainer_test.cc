// DP-SGD's sampling and accounting: Poisson batches at rate q, one row per sampled entity, and a
// budget the training never exceeds.
#include "models/argn/dp_trainer.h"

#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "models/argn/small_network.h"
#include "privacy/accountant.h"
#include "privacy/test_bits.h"

namespace ersatz::argn {
namespace {

using privacy::testing::SeededBits;

TEST(DpSampling, PoissonSampleTakesEachUnitWithProbabilityQ) {
  SeededBits bits(5);
  const std::size_t units = 20000;
  const double q = 0.03;
  std::vector<std::size_t> hits(units, 0);
  const int steps = 200;
  std::size_t total = 0;
  for (int s = 0; s < steps; ++s) {
    const auto batch = PoissonSample(units, q, bits);
    for (std::size_t i = 1; i < batch.size(); ++i) ASSERT_LT(batch[i - 1], batch[i]);
    for (auto u : batch) ++hits[u];
    total += batch.size();
  }
  // Total draws: binomial(units·steps, q); 5 standard deviations.
  const double n = static_cast<double>(units) * steps;
  EXPECT_NEAR(static_cast<double>(total), n * q, 5 * std::sqrt(n * q * (1 - q)));
  // Batch sizes vary (not a fixed batch): over 200 steps some sizes differ.
  std::set<std::size_t> sizes;
  for (int s = 0; s < 20; ++s) sizes.insert(PoissonSample(units, q, bits).size());
  EXPECT_GT(sizes.size(), 5u);
  // Units at the start and end are sampled alike (no position bias): compare halves.
  std::size_t first_half = 0;
  for (std::size_t u = 0; u < units / 2; ++u) first_half += hits[u];
  EXPECT_NEAR(static_cast<double>(first_half) / static_cast<double>(total), 0.5, 0.01);
}

TEST(DpSampling, EntitySamplingGivesAtMostOneRowPerEntityPerStep) {
  PrivacyUnits units;
  std::vector<std::uint32_t> entity_of;
  std::uint32_t row = 0;
  for (std::uint32_t e = 0; e < 300; ++e) {
    units.rows_of.emplace_back();
    for (std::uint32_t i = 0; i < 1 + e % 7; ++i) {
      units.rows_of.back().push_back(row++);
      entity_of.push_back(e);
    }
  }
  SeededBits bits(9);
  std::set<std::uint32_t> rows_seen;
  for (int s = 0; s < 100; ++s) {
    const auto rows = SampleStepRows(units, row, 0.2, bits);
    std::set<std::uint32_t> entities;
    for (auto r : rows) {
      ASSERT_LT(r, row);
      EXPECT_TRUE(entities.insert(entity_of[r]).second) << "entity " << entity_of[r] << " twice in a step";
      rows_seen.insert(r);
    }
  }
  // Every row of a many-row entity gets its turn: the row is chosen at random, not always the first.
  EXPECT_GT(rows_seen.size(), static_cast<std::size_t>(0.9 * row));
}

TEST(DpTraining, SpendsAtMostTheBudgetOverThePlannedSteps) {
  const auto data = TinyData(600);
  Network net(TinyShape(), 1);
  TrainOptions options;
  options.max_epochs = 4;
  DpSgdOptions dp;
  dp.epsilon = 1.5;
  dp.delta = 1e-4;
  dp.expected_batch = 60;
  DpSgdReport report;
  std::vector<double> spent;
  TrainDp(net, data, options, dp, &report, [&](const EpochProgress& p) { spent.push_back(p.epsilon_spent); });
  EXPECT_DOUBLE_EQ(report.sampling_rate, 0.1);
  EXPECT_EQ(report.planned_steps, 40);
  EXPECT_EQ(report.steps, 40);
  EXPECT_LE(report.epsilon, dp.epsilon);
  EXPECT_GT(report.epsilon, 0.97 * dp.epsilon);  // calibrated to within the search's tolerance
  ASSERT_EQ(spent.size(), 4u);
  for (std::size_t i = 1; i < spent.size(); ++i) EXPECT_GT(spent[i], spent[i - 1]);
  // The accountant's figure is the one ComputeEpsilon gives for the multiplier it used.
  EXPECT_NEAR(report.epsilon,
              privacy::ComputeEpsilon(0.1, report.accounted_multiplier, 40, dp.delta).epsilon, 1e-9);
  EXPECT_LE(report.accounted_multiplier, report.noise_multiplier);
}

TEST(DpTraining, StopsWhenTheNextStepWouldExceedTheBudget) {
  // σ fixed below what 50 epochs need: training stops at the last step the budget allows.
  const auto data = TinyData(300);
  Network net(TinyShape(), 2);
  TrainOptions options;
  options.max_epochs = 50;
  DpSgdOptions dp;
  dp.epsilon = 1.0;
  dp.delta = 1e-4;
  dp.expected_batch = 30;
  dp.noise_multiplier = 2.0;  // ε ≈ 0.76 after 10 steps, 1.56 after 50
  DpSgdReport report;
  const TrainReport train = TrainDp(net, data, options, dp, &report, {});
  EXPECT_EQ(train.stop_reason, "privacy budget");
  ASSERT_GT(report.steps, 0);
  EXPECT_LT(report.steps, report.planned_steps);
  EXPECT_LE(report.epsilon, dp.epsilon);
  const double one_more =
      privacy::ComputeEpsilon(0.1, report.accounted_multiplier, report.steps + 1, dp.delta).epsilon;
  EXPECT_GT(one_more, dp.epsilon);
}

TEST(DpTraining, StopsOnTimeHavingSpentOnlyWhatItsStepsCost) {
  // A max time of ~0 stops after the first step: the ε reported is what that step spent.
  const auto data = TinyData(300);
  Network net(TinyShape(), 2);
  TrainOptions options;
  options.max_epochs = 50;
  options.max_seconds = 1e-9;
  DpSgdOptions dp;
  dp.epsilon = 0.5;
  dp.delta = 1e-4;
  dp.expected_batch = 30;
  DpSgdReport report;
  const TrainReport train = TrainDp(net, data, options, dp, &report, {});
  EXPECT_EQ(train.stop_reason, "max time");
  EXPECT_EQ(report.steps, 1);
  EXPECT_LT(report.epsilon, dp.epsilon);
  EXPECT_NEAR(report.epsilon, privacy::ComputeEpsilon(0.1, report.accounted_multiplier, 1, dp.delta).epsilon, 1e-9);
}

}  // namespace
}  // namespace ersatz::argn
