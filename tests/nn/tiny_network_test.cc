// A miniature of the generator's head: two categorical inputs through embeddings, concatenated,
// Linear → ReLU → dropout → Linear → softmax cross-entropy. Checks that the layers compose: whole-
// network gradients, DP per-example norms over all parameters, learning, and determinism.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <vector>

#include "nn/activation.h"
#include "nn/adamw.h"
#include "nn/clip.h"
#include "nn/embedding.h"
#include "nn/linear.h"
#include "nn/parallel.h"
#include "nn/reduce.h"
#include "nn/softmax_cross_entropy.h"
#include "nn_test_util.h"

namespace ersatz::nn {
namespace {

struct Batch {
  std::vector<std::int32_t> a, b, target;
};

// Rows cycling through all 16 pairs (a, b) ∈ {0..3}², target = a XOR b: a pure interaction that no
// sum of per-column effects can fit.
Batch XorBatch(std::size_t rows) {
  Batch batch;
  for (std::size_t i = 0; i < rows; ++i) {
    batch.a.push_back(std::int32_t(i % 4));
    batch.b.push_back(std::int32_t(i / 4 % 4));
    batch.target.push_back(batch.a.back() ^ batch.b.back());
  }
  return batch;
}

class TinyNetwork {
 public:
  explicit TinyNetwork(std::uint64_t seed) : seed_(seed) {
    emb_a_.Init(seed, 0);
    emb_b_.Init(seed, 1);
    hidden_.Init(seed, 2);
    output_.Init(seed, 3);
  }

  std::vector<ParamRef> Params() {
    std::vector<ParamRef> all;
    for (auto* p : {&emb_a_, &emb_b_})
      for (auto& r : p->Params()) all.push_back(r);
    for (auto* p : {&hidden_, &output_})
      for (auto& r : p->Params()) all.push_back(r);
    return all;
  }
  void ZeroGrad() {
    emb_a_.ZeroGrad(), emb_b_.ZeroGrad(), hidden_.ZeroGrad(), output_.ZeroGrad();
  }

  // Returns scale·Σ per-example loss; scale also multiplies dlogits.
  double Forward(const Batch& batch, float scale, float dropout = 0.0f, std::uint64_t step = 0) {
    const std::size_t rows = batch.a.size();
    context_.Resize(rows, 8);
    emb_a_.Forward(batch.a, 1, context_, 0);
    emb_b_.Forward(batch.b, 1, context_, 4);
    hidden_.Forward(context_, h_);
    ReluForward(h_);
    dropout_ = dropout;
    if (dropout > 0) DropoutForward(h_, dropout, CounterRng(seed_, step), 0, mask_);
    output_.Forward(h_, logits_);
    loss_.assign(rows, 0.0f);
    SoftmaxCrossEntropy(logits_, batch.target, scale, loss_, dlogits_);
    return scale * std::accumulate(loss_.begin(), loss_.end(), 0.0);
  }

  // Propagates the last Forward's gradient. With norms non-empty, adds each example's squared
  // gradient norm over all parameters; weights (may be empty) scale each example's contribution.
  void Backward(const Batch& batch, std::span<float> norms, std::span<const float> weights) {
    output_.BackwardInput(dlogits_, dh_);
    if (dropout_ > 0) DropoutBackward(mask_, dh_);
    ReluBackward(h_, dh_);
    hidden_.BackwardInput(dh_, dcontext_);
    if (!norms.empty()) {
      output_.AddPerExampleSquaredNorms(h_, dlogits_, norms);
      hidden_.AddPerExampleSquaredNorms(context_, dh_, norms);
      emb_a_.AddPerExampleSquaredNorms(batch.a, 1, dcontext_, 0, norms);
      emb_b_.AddPerExampleSquaredNorms(batch.b, 1, dcontext_, 4, norms);
    }
    output_.AccumulateGrads(h_, dlogits_, weights);
    hidden_.AccumulateGrads(context_, dh_, weights);
    emb_a_.AccumulateGrads(batch.a, 1, dcontext_, 0, weights);
    emb_b_.AccumulateGrads(batch.b, 1, dcontext_, 4, weights);
  }

 private:
  std::uint64_t seed_;
  Embedding emb_a_{4, 4}, emb_b_{4, 4};
  Linear hidden_{8, 16}, output_{16, 4};
  Matrix context_, h_, mask_, logits_, dlogits_, dh_, dcontext_;
  std::vector<float> loss_;
  float dropout_ = 0.0f;
};

std::vector<float> ConcatGrads(TinyNetwork& net) {
  std::vector<float> g;
  for (const ParamRef& p : net.Params()) g.insert(g.end(), p.grad.begin(), p.grad.end());
  return g;
}

TEST(NnTinyNetwork, GradientsOfEveryParameterMatchFiniteDifferences) {
  TinyNetwork net(3);
  const Batch batch = XorBatch(6);
  const float scale = 1.0f / 6;
  net.ZeroGrad();
  net.Forward(batch, scale);
  net.Backward(batch, {}, {});
  auto loss = [&] { return net.Forward(batch, scale); };
  // A smaller step than the single-layer tests: a ReLU between parameter and loss has kinks, and a
  // 1e-2 step pushed some hidden units across zero. At 1e-3 the float rounding of this O(1) loss,
  // ≈1e-7, divided by 2h is ≈5e-5, still far inside the tolerance.
  for (const ParamRef& p : net.Params()) {
    const std::vector<float> analytic(p.grad.begin(), p.grad.end());
    testing::ExpectMatchesFiniteDifferences(p.value, analytic, loss, "param", 1e-3f);
  }
}

TEST(NnTinyNetwork, ClippedGradientIsSumOfClippedOneExampleAtATimeGradients) {
  TinyNetwork net(4);
  const Batch batch = XorBatch(5);
  const float max_norm = 0.5f;
  std::vector<float> expected_norms, expected_sum;
  for (std::size_t i = 0; i < 5; ++i) {
    const Batch one{{batch.a[i]}, {batch.b[i]}, {batch.target[i]}};
    net.ZeroGrad();
    net.Forward(one, 1.0f);
    net.Backward(one, {}, {});
    const std::vector<float> g = ConcatGrads(net);
    const double norm = std::sqrt(SquaredNorm(g.data(), g.size()));
    expected_norms.push_back(float(norm * norm));
    const double factor = std::min(1.0, max_norm / (norm + 1e-6));
    expected_sum.resize(g.size(), 0.0f);
    for (std::size_t k = 0; k < g.size(); ++k) expected_sum[k] += float(factor * g[k]);
  }
  // DP-SGD's two passes: norms first (no accumulation), then clipped accumulation.
  std::vector<float> norms(5, 0.0f), factors(5);
  net.ZeroGrad();
  net.Forward(batch, 1.0f);
  net.Backward(batch, norms, {});
  for (std::size_t i = 0; i < 5; ++i) EXPECT_NEAR(norms[i], expected_norms[i], 1e-4 * expected_norms[i]) << i;
  ClipFactors(norms, max_norm, factors);
  net.ZeroGrad();
  net.Backward(batch, {}, factors);
  const std::vector<float> clipped = ConcatGrads(net);
  ASSERT_EQ(clipped.size(), expected_sum.size());
  for (std::size_t k = 0; k < clipped.size(); ++k) EXPECT_NEAR(clipped[k], expected_sum[k], 1e-5) << k;
}

double TrainXor(int threads, std::size_t steps, std::vector<float>* final_params) {
  SetNumThreads(threads);
  TinyNetwork net(7);
  AdamWOptions options;
  options.learning_rate = 0.02f;
  AdamW adam(net.Params(), options);
  const Batch batch = XorBatch(512);
  for (std::size_t step = 0; step < steps; ++step) {
    adam.ZeroGrad();
    net.Forward(batch, 1.0f / 512, 0.1f, step);
    net.Backward(batch, {}, {});
    adam.Step();
  }
  SetNumThreads(0);
  if (final_params) {
    for (const ParamRef& p : net.Params()) final_params->insert(final_params->end(), p.value.begin(), p.value.end());
  }
  return net.Forward(batch, 1.0f / 512);  // mean loss without dropout
}

TEST(NnTinyNetwork, LearnsAnXorOfTwoCategoricalColumns) {
  // Chance is ln 4 ≈ 1.386 nats; a model that ignores the interaction cannot go below it.
  EXPECT_LT(TrainXor(0, 300, nullptr), 0.05);
}

TEST(NnTinyNetwork, TrainingGivesSameBitsWhateverTheThreadCount) {
  std::vector<float> one, two;
  TrainXor(1, 20, &one);
  TrainXor(2, 20, &two);
  ASSERT_EQ(one.size(), two.size());
  EXPECT_EQ(0, std::memcmp(one.data(), two.data(), one.size() * sizeof(float)));
}

}  // namespace
}  // namespace ersatz::nn
