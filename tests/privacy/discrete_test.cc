// The exact samplers' laws, checked on a deterministic bit source with tolerances of 6 standard
// errors (a false alarm has odds below 1e-8 per check), plus the secure source itself.
#include "privacy/discrete.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <vector>

#include "ersatz/error.h"
#include "privacy/grid_gaussian.h"
#include "privacy/random_bits.h"
#include "privacy/test_bits.h"

namespace ersatz::privacy {
namespace {

using testing::SeededBits;

// Frequency of an event of probability p among n draws is within 6 standard errors.
void ExpectShare(long long hits, long long n, double p, const std::string& what) {
  const double se = std::sqrt(p * (1 - p) / double(n));
  EXPECT_NEAR(double(hits) / double(n), p, 6 * se + 1e-12) << what;
}

TEST(DiscreteSamplers, UniformBelowCoversTheRangeEvenly) {
  SeededBits bits(1);
  std::vector<long long> counts(7);
  const int n = 70000;
  for (int i = 0; i < n; ++i) ++counts.at(static_cast<std::size_t>(UniformBelow(7, bits)));
  for (long long c : counts) ExpectShare(c, n, 1.0 / 7, "uniform below 7");
  const UInt128 big = (static_cast<UInt128>(3) << 100) + 12345;  // needs two words
  long long upper_half = 0;
  for (int i = 0; i < 20000; ++i) {
    const UInt128 u = UniformBelow(big, bits);
    ASSERT_LT(u, big);
    upper_half += u >= big / 2;
  }
  ExpectShare(upper_half, 20000, 0.5, "upper half of a 102-bit range");
}

TEST(DiscreteSamplers, BernoulliHitsItsRationalProbability) {
  SeededBits bits(2);
  for (Rational p : {Rational{1, 3}, Rational{0, 5}, Rational{5, 5}, Rational{7, 1024},
                     Rational{(static_cast<UInt128>(1) << 90) / 3, static_cast<UInt128>(1) << 90}}) {
    long long hits = 0;
    const int n = 50000;
    for (int i = 0; i < n; ++i) hits += Bernoulli(p, bits);
    ExpectShare(hits, n, double(p.num) / double(p.den), "Bernoulli");
  }
}

TEST(DiscreteSamplers, BernoulliExpHitsExpMinusGamma) {
  SeededBits bits(3);
  for (Rational gamma : {Rational{0, 1}, Rational{3, 10}, Rational{1, 1}, Rational{5, 2}, Rational{7, 3}}) {
    long long hits = 0;
    const int n = 50000;
    for (int i = 0; i < n; ++i) hits += BernoulliExp(gamma, bits);
    ExpectShare(hits, n, std::exp(-double(gamma.num) / double(gamma.den)), "BernoulliExp");
  }
}

TEST(DiscreteSamplers, DiscreteLaplaceHasTheExactProbabilities) {
  for (Rational scale : {Rational{1, 2}, Rational{1, 1}, Rational{10, 3}}) {
    SeededBits bits(4);
    const double s = double(scale.num) / double(scale.den);
    const double r = std::exp(-1 / s);
    std::map<std::int64_t, long long> counts;
    const int n = 100000;
    for (int i = 0; i < n; ++i) ++counts[DiscreteLaplace(scale, bits)];
    for (std::int64_t k = -4; k <= 4; ++k) {
      ExpectShare(counts[k], n, (1 - r) / (1 + r) * std::pow(r, double(std::abs(k))),
                  "discrete Laplace P(" + std::to_string(k) + ")");
    }
  }
}

// Mass, variance of N_Z(0, σ²) by direct summation (the law the sampler must follow).
double DiscreteGaussianPmf(std::int64_t k, double sigma2) {
  double z = 0;
  for (int j = -2000; j <= 2000; ++j) z += std::exp(-double(j) * j / (2 * sigma2));
  return std::exp(-double(k) * double(k) / (2 * sigma2)) / z;
}

TEST(DiscreteSamplers, DiscreteGaussianHasTheExactProbabilities) {
  for (Rational sigma2 : {Rational{1, 4}, Rational{2, 1}, Rational{37, 5}}) {
    SeededBits bits(5);
    const double s2 = double(sigma2.num) / double(sigma2.den);
    std::map<std::int64_t, long long> counts;
    const int n = 100000;
    for (int i = 0; i < n; ++i) ++counts[DiscreteGaussian(sigma2, bits)];
    for (std::int64_t k = -5; k <= 5; ++k) {
      ExpectShare(counts[k], n, DiscreteGaussianPmf(k, s2), "discrete Gaussian P(" + std::to_string(k) + ")");
    }
  }
}

TEST(DiscreteSamplers, LargeDiscreteGaussianHasTheMomentsAndTailsOfTheNormal) {
  SeededBits bits(6);
  const double sigma = 1 << 20;  // σ² = 2^40: a large whole σ through the general rational path
  const int n = 100000;
  double sum = 0, sum2 = 0;
  long long beyond_2sigma = 0;
  for (int i = 0; i < n; ++i) {
    const double x = double(DiscreteGaussian({static_cast<UInt128>(1) << 40, 1}, bits));
    sum += x;
    sum2 += x * x;
    beyond_2sigma += std::fabs(x) > 2 * sigma;
  }
  EXPECT_NEAR(sum / n, 0, 6 * sigma / std::sqrt(n));
  EXPECT_NEAR(sum2 / n / (sigma * sigma), 1, 6 * std::sqrt(2.0 / n));
  ExpectShare(beyond_2sigma, n, std::erfc(2 / std::sqrt(2.0)), "P(|X| > 2σ)");
}

TEST(DiscreteSamplers, PowerOfTwoDiscreteGaussianHasTheExactProbabilities) {
  for (int log2_sigma : {0, 1, 2}) {
    SeededBits bits(9);
    const double s2 = std::ldexp(1.0, 2 * log2_sigma);
    std::map<std::int64_t, long long> counts;
    const int n = 100000;
    for (int i = 0; i < n; ++i) ++counts[DiscreteGaussianPowerOfTwo(log2_sigma, bits)];
    for (std::int64_t k = -6; k <= 6; ++k) {
      ExpectShare(counts[k], n, DiscreteGaussianPmf(k, s2),
                  "σ = 2^" + std::to_string(log2_sigma) + ": P(" + std::to_string(k) + ")");
    }
  }
}

TEST(DiscreteSamplers, PowerOfTwoDiscreteGaussianHasTheMomentsAndTailsOfTheNormal) {
  for (int log2_sigma : {20, 32, 40}) {
    SeededBits bits(10);
    const double sigma = std::ldexp(1.0, log2_sigma);
    const int n = 100000;
    double sum = 0, sum2 = 0, sum4 = 0;
    long long beyond_2sigma = 0, low_bit = 0;
    for (int i = 0; i < n; ++i) {
      const std::int64_t k = DiscreteGaussianPowerOfTwo(log2_sigma, bits);
      const double x = double(k) / sigma;
      sum += x;
      sum2 += x * x;
      sum4 += x * x * x * x;
      beyond_2sigma += std::fabs(x) > 2;
      low_bit += k & 1;  // the grid's finest step is used: odd and even equally likely
    }
    const std::string what = "σ = 2^" + std::to_string(log2_sigma);
    EXPECT_NEAR(sum / n, 0, 6 / std::sqrt(n)) << what;
    EXPECT_NEAR(sum2 / n, 1, 6 * std::sqrt(2.0 / n)) << what;
    EXPECT_NEAR(sum4 / n, 3, 6 * std::sqrt(96.0 / n)) << what;  // kurtosis of the normal
    ExpectShare(beyond_2sigma, n, std::erfc(2 / std::sqrt(2.0)), what + ": P(|X| > 2σ)");
    ExpectShare(low_bit, n, 0.5, what + ": odd draws");
  }
  SeededBits bits(11);
  EXPECT_THROW(DiscreteGaussianPowerOfTwo(41, bits), ParameterError);
  EXPECT_THROW(DiscreteGaussianPowerOfTwo(-1, bits), ParameterError);
}

TEST(DiscreteSamplers, RationalAtLeastRoundsTowardMoreNoise) {
  const Rational r = RationalAtLeast(0.1);
  EXPECT_GE(double(r.num) / double(r.den), 0.1);
  EXPECT_LT(double(r.num) / double(r.den), 0.1 + 1e-6);
  EXPECT_THROW(RationalAtLeast(-1), ParameterError);
  SeededBits bits(8);
  EXPECT_THROW(DiscreteGaussian({0, 1}, bits), ParameterError);
}

TEST(GridGaussian, OutputsSitOnTheGridWithTheRequestedSpread) {
  SeededBits bits(7);
  const GridGaussianNoise noise(0.5, 32);
  std::vector<float> values(50000, 3.0f);
  noise.Add(values, bits);
  double sum = 0, sum2 = 0;
  for (float v : values) {
    sum += v - 3.0;
    sum2 += (v - 3.0) * (v - 3.0);
  }
  const int n = int(values.size());
  EXPECT_NEAR(sum / n, 0, 6 * 0.5 / std::sqrt(n));
  EXPECT_NEAR(sum2 / n / 0.25, 1, 6 * std::sqrt(2.0 / n));
  EXPECT_EQ(noise.grid_step(), std::ldexp(0.5, -32));
}

TEST(GridGaussian, EffectiveNoiseAccountsForRounding) {
  EXPECT_NEAR(GridGaussianNoise::EffectiveNoiseMultiplier(1.0, 100'000'000), 1 - 1e4 * 0x1p-32, 1e-9);
  EXPECT_LT(GridGaussianNoise::EffectiveNoiseMultiplier(2.0, 1000), 2.0);
  EXPECT_THROW(GridGaussianNoise(0.0), ParameterError);
}

TEST(SecureRandom, OpenSslBitsAreBalancedAndNeverRepeat) {
  OpenSslRandomBits bits;
  long long ones = 0;
  std::uint64_t previous = bits.NextU64();
  const int words = 4096;  // more than one 4 KiB refill
  for (int i = 0; i < words; ++i) {
    const std::uint64_t w = bits.NextU64();
    EXPECT_NE(w, previous);
    previous = w;
    ones += __builtin_popcountll(w);
  }
  ExpectShare(ones, 64LL * words, 0.5, "share of one bits");
}

}  // namespace
}  // namespace ersatz::privacy
