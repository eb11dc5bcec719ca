// DP-SGD's clipping in the network: the per-example norms the layers report, and the clipped sum
// accumulated from them, equal what one-example-at-a-time backpropagation gives.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "models/argn/network.h"
#include "models/argn/small_network.h"

namespace ersatz::argn {
namespace {

struct Batch {
  std::vector<std::vector<std::int32_t>> storage;
  BatchCodes codes;
};

Batch MakeBatch(const NetworkShape& shape, std::size_t rows, std::size_t first = 0) {
  Batch b;
  for (int k = 0; k < shape.num_sub_columns(); ++k) {
    std::vector<std::int32_t> col(rows);
    for (std::size_t i = 0; i < rows; ++i) {
      const std::size_t r = first + i;
      col[i] = static_cast<std::int32_t>((r * 7 + k * 3 + r / 3) % shape.cardinality[k]);
    }
    b.storage.push_back(std::move(col));
  }
  for (const auto& c : b.storage) b.codes.emplace_back(c);
  return b;
}

std::vector<std::vector<float>> Grads(Network& net) {
  std::vector<std::vector<float>> g;
  for (auto& p : net.Params()) g.emplace_back(p.grad.begin(), p.grad.end());
  return g;
}

// Example r's own gradient over every parameter: a batch of that one example.
std::vector<std::vector<float>> ExampleGradient(Network& net, const OrderPlan& plan, std::size_t r) {
  const Batch one = MakeBatch(net.shape(), 1, r);
  net.ZeroGrad();
  net.TrainStep(one.codes, 1, plan, 0.0f, 1, 0);
  return Grads(net);
}

double SquaredNorm(const std::vector<std::vector<float>>& g) {
  double total = 0;
  for (const auto& p : g) {
    for (float v : p) total += double(v) * v;
  }
  return total;
}

TEST(DpNetwork, PerExampleNormsEqualOneExampleAtATimeGradients) {
  Network net(SmallShape(), 7);
  const int order[] = {2, 0, 1};
  const OrderPlan plan = net.PlanOrder(order);
  const std::size_t rows = 12;
  const Batch batch = MakeBatch(net.shape(), rows);
  std::vector<float> norms;
  net.ZeroGrad();
  net.DpTrainStep(batch.codes, rows, plan, 0.0f, 1, 0, 1e9f, &norms);
  ASSERT_EQ(norms.size(), rows);
  for (std::size_t r = 0; r < rows; ++r) {
    const double expected = SquaredNorm(ExampleGradient(net, plan, r));
    EXPECT_NEAR(norms[r], expected, 1e-4 * expected) << "example " << r;
  }
}

TEST(DpNetwork, ClippedSumEqualsTheSumOfExplicitlyClippedExampleGradients) {
  Network net(SmallShape(), 3);
  const int order[] = {1, 2, 0};
  const OrderPlan plan = net.PlanOrder(order);
  const std::size_t rows = 10;
  const float clip = 0.5f;
  std::vector<std::vector<float>> expected;
  std::size_t clipped = 0;
  for (std::size_t r = 0; r < rows; ++r) {
    auto g = ExampleGradient(net, plan, r);
    const double norm = std::sqrt(SquaredNorm(g));
    const double factor = std::min(1.0, clip / (norm + 1e-6));
    clipped += factor < 1 ? 1 : 0;
    if (expected.empty()) expected.assign(g.size(), {});
    for (std::size_t p = 0; p < g.size(); ++p) {
      expected[p].resize(g[p].size(), 0.0f);
      for (std::size_t i = 0; i < g[p].size(); ++i) expected[p][i] += static_cast<float>(factor * g[p][i]);
    }
  }
  ASSERT_GT(clipped, 0u) << "the test needs some examples above the clipping norm";
  const Batch batch = MakeBatch(net.shape(), rows);
  net.ZeroGrad();
  net.DpTrainStep(batch.codes, rows, plan, 0.0f, 1, 0, clip);
  const auto got = Grads(net);
  for (std::size_t p = 0; p < got.size(); ++p) {
    for (std::size_t i = 0; i < got[p].size(); ++i) {
      EXPECT_NEAR(got[p][i], expected[p][i], 1e-5) << "param " << p << " index " << i;
    }
  }
}

TEST(DpNetwork, OneExtremeExampleMovesTheClippedSumByAtMostTheClippingNorm) {
  // Neighbouring batches (one example changed, however wildly) differ by at most 2C in the
  // clipped sum; here the changed example's gradient alone is at most C.
  Network net(SmallShape(), 11);
  const int order[] = {0, 1, 2};
  const OrderPlan plan = net.PlanOrder(order);
  const std::size_t rows = 8;
  const float clip = 0.25f;
  Batch batch = MakeBatch(net.shape(), rows);
  net.ZeroGrad();
  net.DpTrainStep(batch.codes, rows - 1, plan, 0.0f, 1, 0, clip);
  const auto without = Grads(net);
  net.ZeroGrad();
  net.DpTrainStep(batch.codes, rows, plan, 0.0f, 1, 0, clip);
  const auto with = Grads(net);
  double diff = 0;
  for (std::size_t p = 0; p < with.size(); ++p) {
    for (std::size_t i = 0; i < with[p].size(); ++i) diff += std::pow(double(with[p][i]) - without[p][i], 2);
  }
  EXPECT_LE(std::sqrt(diff), clip * (1 + 1e-4));
  EXPECT_GT(std::sqrt(diff), 0.0);
}

}  // namespace
}  // namespace ersatz::argn
