#include "nn/activation.h"

#include <gtest/gtest.h>

#include "nn/parallel.h"
#include "nn_test_util.h"

namespace ersatz::nn {
namespace {

using testing::RandomMatrix;

TEST(NnReluLayer, GradientMatchesFiniteDifferencesAwayFromTheKink) {
  Matrix x = RandomMatrix(4, 5, 1);
  for (float& v : x.Span()) v += v > 0 ? 0.1f : -0.1f;  // keep |x| > step so no difference straddles 0
  const Matrix r = RandomMatrix(4, 5, 2);
  Matrix y = x;
  ReluForward(y);
  Matrix dy = r;
  ReluBackward(y, dy);
  auto loss = [&] {
    Matrix z = x;
    ReluForward(z);
    return testing::Project(z, r);
  };
  testing::ExpectMatchesFiniteDifferences(x.Span(), dy.Span(), loss, "dx");
}

TEST(NnDropoutLayer, SameSeedDropsTheSameEntriesWhateverTheThreadCount) {
  const Matrix x = RandomMatrix(2000, 64, 3);
  const CounterRng rng(2024, 17);
  Matrix a = x, b = x, mask_a, mask_b;
  SetNumThreads(1);
  DropoutForward(a, 0.25f, rng, 0, mask_a);
  SetNumThreads(2);
  DropoutForward(b, 0.25f, rng, 0, mask_b);
  SetNumThreads(0);
  EXPECT_TRUE(testing::SameBits(a, b));
  EXPECT_TRUE(testing::SameBits(mask_a, mask_b));
}

TEST(NnDropoutLayer, RowsDependOnTheirRowNumberNotOnTheBatchTheyArriveIn) {
  const Matrix x = RandomMatrix(10, 8, 4);
  const CounterRng rng(7, 1);
  Matrix whole = x, mask_whole;
  DropoutForward(whole, 0.5f, rng, 100, mask_whole);
  Matrix tail(4, 8), mask_tail;
  std::copy_n(x.Row(6), 4 * 8, tail.data());
  DropoutForward(tail, 0.5f, rng, 106, mask_tail);
  for (std::size_t i = 0; i < tail.size(); ++i) EXPECT_EQ(tail.data()[i], whole.Row(6)[i]);
}

TEST(NnDropoutLayer, DropsAboutPAndScalesSurvivorsByOneOverOneMinusP) {
  Matrix x(500, 100);
  for (float& v : x.Span()) v = 1.0f;
  Matrix mask;
  DropoutForward(x, 0.25f, CounterRng(1, 2), 0, mask);
  std::size_t dropped = 0;
  for (float v : x.Span()) {
    if (v == 0.0f) {
      ++dropped;
    } else {
      EXPECT_FLOAT_EQ(v, 1.0f / 0.75f);
    }
  }
  EXPECT_NEAR(double(dropped) / x.size(), 0.25, 0.01);  // σ ≈ 0.002 for 50,000 draws
  Matrix dy(500, 100);
  for (float& v : dy.Span()) v = 2.0f;
  DropoutBackward(mask, dy);
  for (std::size_t i = 0; i < dy.size(); ++i) EXPECT_EQ(dy.data()[i], 2.0f * x.data()[i]);
}

TEST(NnDropoutLayer, DifferentStreamsDropDifferentEntries) {
  Matrix a(50, 50), b(50, 50), mask_a, mask_b;
  DropoutForward(a, 0.5f, CounterRng(1, 1), 0, mask_a);
  DropoutForward(b, 0.5f, CounterRng(1, 2), 0, mask_b);
  EXPECT_FALSE(testing::SameBits(mask_a, mask_b));
}

}  // namespace
}  // namespace ersatz::nn
