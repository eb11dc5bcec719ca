#include "common/random.h"

#include <gtest/gtest.h>

#include <array>

namespace ersatz {
namespace {

// Known-answer vectors published with the Philox algorithm (Random123's kat_vectors, philox4x32 with 10 rounds).
TEST(CounterRng, PhiloxMatchesPublishedKnownAnswers) {
  using W = std::array<std::uint32_t, 4>;
  EXPECT_EQ(Philox4x32({0, 0, 0, 0}, {0, 0}), (W{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
  EXPECT_EQ(Philox4x32({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff}, {0xffffffff, 0xffffffff}),
            (W{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
  EXPECT_EQ(Philox4x32({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344}, {0xa4093822, 0x299f31d0}),
            (W{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(CounterRng, DrawsDependOnlyOnSeedStreamRowAndIndex) {
  const CounterRng a(42, 7), b(42, 7), other_stream(42, 8), other_seed(43, 7);
  EXPECT_EQ(a.Uniform(5, 3), b.Uniform(5, 3));
  EXPECT_NE(a.Uniform(5, 3), other_stream.Uniform(5, 3));
  EXPECT_NE(a.Uniform(5, 3), other_seed.Uniform(5, 3));
  EXPECT_NE(a.Uniform(5, 3), a.Uniform(6, 3));
}

TEST(CounterRng, UniformsLieInUnitIntervalWithMeanOneHalf) {
  const CounterRng rng(1, 0);
  double sum = 0.0;
  const int n = 100000;
  for (int i = 0; i < n; ++i) {
    const float u = rng.Uniform(std::uint32_t(i / 16), std::uint32_t(i % 16));
    ASSERT_GE(u, 0.0f);
    ASSERT_LT(u, 1.0f);
    sum += u;
  }
  EXPECT_NEAR(sum / n, 0.5, 0.005);  // 5 standard errors (σ = 1/√12/√n ≈ 0.0009)
}

}  // namespace
}  // namespace ersatz

namespace ersatz {
namespace {

TEST(RandomStream, SameSeedStreamAndRowGiveTheSameSequence) {
  RandomStream a(5, 9, 3), b(5, 9, 3), other_row(5, 9, 4);
  bool differs = false;
  for (int i = 0; i < 20; ++i) {
    const std::uint64_t x = a.NextU64();
    EXPECT_EQ(x, b.NextU64());
    differs |= x != other_row.NextU64();
  }
  EXPECT_TRUE(differs);
}

TEST(RandomStream, NextBelowAndNextDoubleStayInRangeAndCoverIt) {
  RandomStream s(1, 2, 0);
  std::array<int, 7> counts{};
  for (int i = 0; i < 7000; ++i) {
    const auto k = s.NextBelow(7);
    ASSERT_LT(k, 7u);
    ++counts[k];
    const double u = s.NextDouble();
    ASSERT_GE(u, 0.0);
    ASSERT_LT(u, 1.0);
  }
  for (int c : counts) EXPECT_NEAR(c, 1000, 150);  // ±4.7 standard deviations
}

}  // namespace
}  // namespace ersatz
