#include "models/argn/network.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "models/argn/small_network.h"
#include "nn/parallel.h"

namespace ersatz::argn {
namespace {

struct SmallBatch {
  std::vector<std::vector<std::int32_t>> storage;
  BatchCodes codes;
  std::size_t rows = 0;
};

SmallBatch MakeBatch(const NetworkShape& shape, std::size_t rows) {
  SmallBatch b;
  b.rows = rows;
  for (int k = 0; k < shape.num_sub_columns(); ++k) {
    std::vector<std::int32_t> col(rows);
    for (std::size_t r = 0; r < rows; ++r) col[r] = static_cast<std::int32_t>((r * 7 + k * 3 + r / 3) % shape.cardinality[k]);
    b.storage.push_back(std::move(col));
  }
  for (const auto& c : b.storage) b.codes.emplace_back(c);
  return b;
}

TEST(ArgnNetwork, OrderPlanGivesEachHeadTheContextOfEverythingBeforeIt) {
  const Network net(SmallShape(), 1);
  const std::vector<int> order = {2, 0, 1};
  const OrderPlan plan = net.PlanOrder(order);
  EXPECT_EQ(plan.sub_order, (std::vector<int>{3, 0, 1, 2}));
  // Column 2 first: no context. Column 0 sees column 2 (width 2). Column 1's first sub-column
  // sees columns 2 and 0 (2 + 2); its second sub-column also sees its first (+ 2).
  EXPECT_EQ(plan.prefix, (std::vector<int>{2, 4, 6, 0}));
  EXPECT_EQ(plan.perm_cols.size(), 9u);
  // Natural layout: sub-column 3 starts at 2 + 2 + 3 = 7.
  EXPECT_EQ(plan.perm_cols[0], 7);
  EXPECT_EQ(plan.perm_cols[2], 0);
}

// Central differences on the mean loss against the analytic gradient, in float: tolerances
// allow for float rounding in a loss of order 1 (h = 1e-2 keeps the truncation error ~1e-4).
TEST(ArgnNetwork, GradientsMatchFiniteDifferencesThroughTheGatheredPrefix) {
  Network net(SmallShape(), 3);
  const SmallBatch batch = MakeBatch(net.shape(), 12);
  const std::vector<int> order = {1, 2, 0};
  const OrderPlan plan = net.PlanOrder(order);
  net.ZeroGrad();
  net.TrainStep(batch.codes, batch.rows, plan, /*dropout=*/0, 0, 0);
  auto params = net.Params();
  int checked = 0;
  for (auto& p : params) {
    for (std::size_t i = 0; i < p.value.size(); i += 3) {
      const float saved = p.value[i];
      const float h = 1e-2f;
      p.value[i] = saved + h;
      const double up = net.Loss(batch.codes, batch.rows, plan);
      p.value[i] = saved - h;
      const double down = net.Loss(batch.codes, batch.rows, plan);
      p.value[i] = saved;
      const double numeric = (up - down) / (2 * h);
      EXPECT_NEAR(p.grad[i], numeric, 2e-3 + 2e-2 * std::fabs(numeric)) << "parameter entry " << i;
      ++checked;
    }
  }
  EXPECT_GT(checked, 80);
}

TEST(ArgnNetwork, MaskedColumnsGetNoGradientFromHeadsThatMustNotSeeThem) {
  // The first column in the order is predicted from nothing: its head's first layer may not
  // depend on any input, so its weight gradient is zero everywhere.
  Network net(SmallShape(), 5);
  const SmallBatch batch = MakeBatch(net.shape(), 16);
  const std::vector<int> order = {0, 1, 2};
  net.ZeroGrad();
  net.TrainStep(batch.codes, batch.rows, net.PlanOrder(order), 0, 0, 0);
  auto params = net.Params();
  // Params: 4 embeddings, then per head: hidden.weight, hidden.bias, output.weight, output.bias.
  const auto& head0_hidden_weight = params[4];
  for (float g : head0_hidden_weight.grad) EXPECT_EQ(g, 0.0f);
}

TEST(ArgnNetwork, TrainingIsIdenticalOnOneAndTwoThreads) {
  auto train = [](int threads) {
    nn::SetNumThreads(threads);
    Network net(SmallShape(), 9);
    const SmallBatch batch = MakeBatch(net.shape(), 300);
    nn::AdamW adam(net.Params(), {});
    for (int step = 0; step < 5; ++step) {
      const std::vector<int> order = {step % 3, (step + 1) % 3, (step + 2) % 3};
      net.ZeroGrad();
      net.TrainStep(batch.codes, batch.rows, net.PlanOrder(order), 0.25f, 4, static_cast<std::uint64_t>(step));
      adam.Step();
    }
    std::vector<float> values;
    for (auto& p : net.Params()) values.insert(values.end(), p.value.begin(), p.value.end());
    return values;
  };
  const auto one = train(1);
  const auto two = train(2);
  nn::SetNumThreads(0);
  EXPECT_EQ(one, two);
}

TEST(ArgnNetwork, SamplingKeepsFixedCodesAndStaysInRange) {
  Network net(SmallShape(), 2);
  const std::size_t rows = 50;
  std::vector<std::vector<std::int32_t>> out(4, std::vector<std::int32_t>(rows, 0));
  for (std::size_t r = 0; r < rows; ++r) out[0][r] = static_cast<std::int32_t>(r % 3);
  const std::vector<bool> fixed = {true, false, false, false};
  const std::vector<int> order = {0, 1, 2};
  const std::vector<float> temperature(4, 1.0f);
  std::vector<std::span<std::int32_t>> spans(out.begin(), out.end());
  Network::Workspace workspace;
  net.Sample(workspace, net.PlanOrder(order), rows, temperature, 1.0f, 11, 0, fixed, spans);
  for (std::size_t r = 0; r < rows; ++r) {
    EXPECT_EQ(out[0][r], static_cast<std::int32_t>(r % 3));
    for (int k = 1; k < 4; ++k) {
      EXPECT_GE(out[k][r], 0);
      EXPECT_LT(out[k][r], net.shape().cardinality[k]);
    }
  }
}

}  // namespace
}  // namespace ersatz::argn
