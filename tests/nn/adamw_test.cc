#include "nn/adamw.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "nn/clip.h"

namespace ersatz::nn {
namespace {

// Two steps worked by hand from the AdamW definition (PyTorch's order), lr 0.1, λ 0.01.
TEST(NnAdamW, MatchesTwoHandComputedSteps) {
  std::vector<float> w = {1.0f}, gw = {0.5f}, b = {1.0f}, gb = {0.5f};
  AdamWOptions options;
  options.learning_rate = 0.1f;
  options.weight_decay = 0.01f;
  AdamW adam({{w, gw, true}, {b, gb, false}}, options);
  adam.Step();
  // Step 1: m = 0.05, v = 0.00025; m̂ = 0.5, v̂ = 0.25; update = 0.1·0.5/(0.5 + 1e-8).
  // Decayed: 1·(1 − 0.1·0.01) − update = 0.999 − 0.09999999800 = 0.899000002.
  EXPECT_NEAR(w[0], 0.899000002, 1e-6);
  EXPECT_NEAR(b[0], 0.900000002, 1e-6);  // biases are not decayed
  gw[0] = -0.25f;
  adam.Step();
  // Step 2: m = 0.9·0.05 − 0.1·0.25 = 0.02; v = 0.999·0.00025 + 0.001·0.0625 = 0.00031225;
  // m̂ = 0.02/0.19 = 0.105263158; v̂ = 0.00031225/0.001999 = 0.156203102, √ = 0.395225381;
  // update = 0.1·0.105263158/0.395225391 = 0.026633719; w = 0.899000002·0.999 − 0.026633719.
  EXPECT_NEAR(w[0], 0.899000002 * 0.999 - 0.026633719, 1e-6);
  EXPECT_EQ(adam.step_count(), 2);
}

TEST(NnAdamW, ZeroGradClearsEveryGradient) {
  std::vector<float> w = {1.0f, 2.0f}, g = {3.0f, 4.0f};
  AdamW adam({{w, g, true}}, AdamWOptions{});
  adam.ZeroGrad();
  EXPECT_EQ(g, (std::vector<float>{0.0f, 0.0f}));
}

TEST(NnClip, ScalesOnlyExamplesWhoseNormExceedsTheBound) {
  const std::vector<float> squared = {0.25f, 4.0f, 0.0f};
  std::vector<float> factors(3);
  ClipFactors(squared, 1.0f, factors);
  EXPECT_FLOAT_EQ(factors[0], 1.0f);
  EXPECT_NEAR(factors[1], 1.0 / (2.0 + 1e-6), 1e-7);
  EXPECT_FLOAT_EQ(factors[2], 1.0f);
}

}  // namespace
}  // namespace ersatz::nn
