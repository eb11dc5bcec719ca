// Numeric bounds and quantile bin edges chosen with differential privacy, by the exponential
// mechanism over the gaps between sorted values (Smith 2011; the "ExponentialQuantile" of
// Gillenwater et al. 2021): the answer is drawn from [lower, upper] with density proportional to
// exp(−ε·|rank − q·n|/2), so no single record moves it much. Unlike min/max read from the data,
// an outlier (the one billionaire) cannot set the bound.
//
// The range [lower, upper] must be public (from metadata, the column's type or a generous
// default): the mechanism can only return values inside it, and values outside are clamped.
// Weights are computed in double precision; the randomness is from the secure source, but the
// selection is not the exact base-2 version of Ilvento 2020 (docs/privacy.md).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "privacy/budget.h"
#include "privacy/random_bits.h"

namespace ersatz::privacy {

// One quantile q in [0, 1] of `values`, spending `epsilon` (pure DP, δ = 0).
double DpQuantile(std::span<const double> values, double quantile, double lower, double upper,
                  double epsilon, RandomBits& bits);

struct DpQuantilesResult {
  std::vector<double> values;  // one per quantile asked, made non-decreasing
  Spend spent;
};

// Several quantiles at once, ε split evenly between them (basic composition). Sorting the answers
// afterwards is post-processing, so bin edges come out in order at no extra cost.
DpQuantilesResult DpQuantiles(std::span<const double> values, std::span<const double> quantiles,
                              double lower, double upper, double epsilon, RandomBits& bits);

// Bounds for clipping a numeric column: the `tail` and 1 − `tail` quantiles (default 0.5% each),
// so a handful of extreme records never set the range the encoder uses.
DpQuantilesResult DpBounds(std::span<const double> values, double lower, double upper, double epsilon,
                           RandomBits& bits, double tail = 0.005);

// Bounds with no public range at all: a noisy histogram of the values' signed powers of two
// ([0, 1), [−1, 0) and ±[2^(k−1), 2^k) for k = 1..64; each record is in one bucket, so discrete
// Laplace noise of scale 1/ε on all 130 counts is ε-DP), keeping the lowest and highest buckets
// whose noisy count clears a threshold that an empty bucket passes with probability ≤ 1/1000 in
// all. Coarse (a power of two) but never set by an outlier; [0, 0] when no bucket clears it.
struct MagnitudeBounds {
  double lower = 0, upper = 0;
  std::int64_t threshold = 0;
  Spend spent;
};
MagnitudeBounds DpMagnitudeBounds(std::span<const double> values, double epsilon, RandomBits& bits);

// Uniform double in [0, 1) with 53 random bits.
double UniformUnit(RandomBits& bits);

}  // namespace ersatz::privacy
