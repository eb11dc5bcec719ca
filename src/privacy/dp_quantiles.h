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

// Uniform double in [0, 1) with 53 random bits.
double UniformUnit(RandomBits& bits);

}  // namespace ersatz::privacy
