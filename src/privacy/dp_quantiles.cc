#include "privacy/dp_quantiles.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ersatz/error.h"
#include "privacy/discrete.h"

namespace ersatz::privacy {

namespace {

void CheckArguments(double lower, double upper, double epsilon) {
  if (!(std::isfinite(lower) && std::isfinite(upper) && lower < upper)) {
    throw ParameterError(fmt::format("DP quantile: the public range must be finite with lower < upper, "
                                     "got [{}, {}]", lower, upper));
  }
  if (!(epsilon > 0) || std::isinf(epsilon)) {
    throw ParameterError(fmt::format("DP quantile: epsilon must be a finite number > 0, got {}", epsilon));
  }
}

double QuantileOfSorted(std::span<const double> sorted, double quantile, double lower, double upper,
                        double epsilon, RandomBits& bits) {
  if (!(quantile >= 0 && quantile <= 1)) {
    throw ParameterError(fmt::format("DP quantile: quantile must be in [0, 1], got {}", quantile));
  }
  // Gap i is [x_i, x_{i+1}] with x_0 = lower, x_{n+1} = upper; a point in gap i has rank i.
  const std::size_t n = sorted.size();
  const double target = quantile * double(n);
  std::vector<double> log_weight(n + 1);
  double max_log_weight = -std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i <= n; ++i) {
    const double left = i == 0 ? lower : sorted[i - 1];
    const double right = i == n ? upper : sorted[i];
    const double width = right - left;
    log_weight[i] = width > 0 ? std::log(width) - epsilon / 2 * std::fabs(double(i) - target)
                              : -std::numeric_limits<double>::infinity();
    max_log_weight = std::max(max_log_weight, log_weight[i]);
  }
  std::vector<double> cumulative(n + 1);
  double total = 0;
  for (std::size_t i = 0; i <= n; ++i) {
    total += std::exp(log_weight[i] - max_log_weight);
    cumulative[i] = total;
  }
  const double u = UniformUnit(bits) * total;
  std::size_t gap = std::upper_bound(cumulative.begin(), cumulative.end(), u) - cumulative.begin();
  gap = std::min(gap, n);
  while (log_weight[gap] == -std::numeric_limits<double>::infinity() && gap > 0) --gap;  // rounding at an edge
  const double left = gap == 0 ? lower : sorted[gap - 1];
  const double right = gap == n ? upper : sorted[gap];
  return left + UniformUnit(bits) * (right - left);
}

std::vector<double> ClampedSorted(std::span<const double> values, double lower, double upper) {
  std::vector<double> sorted;
  sorted.reserve(values.size());
  for (double v : values) {
    if (std::isnan(v)) continue;  // missing values are counted elsewhere
    sorted.push_back(std::clamp(v, lower, upper));
  }
  std::sort(sorted.begin(), sorted.end());
  return sorted;
}

}  // namespace

double UniformUnit(RandomBits& bits) { return static_cast<double>(bits.NextU64() >> 11) * 0x1.0p-53; }

double DpQuantile(std::span<const double> values, double quantile, double lower, double upper,
                  double epsilon, RandomBits& bits) {
  CheckArguments(lower, upper, epsilon);
  const auto sorted = ClampedSorted(values, lower, upper);
  return QuantileOfSorted(sorted, quantile, lower, upper, epsilon, bits);
}

DpQuantilesResult DpQuantiles(std::span<const double> values, std::span<const double> quantiles,
                              double lower, double upper, double epsilon, RandomBits& bits) {
  CheckArguments(lower, upper, epsilon);
  DpQuantilesResult result;
  if (quantiles.empty()) return result;
  const auto sorted = ClampedSorted(values, lower, upper);
  const double each = epsilon / double(quantiles.size());
  for (double q : quantiles) result.values.push_back(QuantileOfSorted(sorted, q, lower, upper, each, bits));
  std::sort(result.values.begin(), result.values.end());
  result.spent = {epsilon, 0};
  return result;
}

DpQuantilesResult DpBounds(std::span<const double> values, double lower, double upper, double epsilon,
                           RandomBits& bits, double tail) {
  const double quantiles[] = {tail, 1 - tail};
  return DpQuantiles(values, quantiles, lower, upper, epsilon, bits);
}

namespace {

constexpr int kMagnitudes = 64;
constexpr int kBuckets = 2 * kMagnitudes + 2;

// Bucket i: i ≥ 65 holds [0, 1) (k = 0) or [2^(k−1), 2^k) with k = i − 65; i ≤ 64 mirrors it
// below zero with k = 64 − i: [−1, 0) or [−2^k, −2^(k−1)). Zero sits with the positives, so a
// column of non-negative values never gets a negative bound.
int MagnitudeBucket(double v) {
  const double a = std::fabs(v);
  const int k = a < 1 ? 0 : std::min(kMagnitudes, std::ilogb(a) + 1);
  return v >= 0 ? kMagnitudes + 1 + k : kMagnitudes - k;
}
double BucketLower(int i) {
  if (i > kMagnitudes) return i == kMagnitudes + 1 ? 0.0 : std::ldexp(1.0, i - kMagnitudes - 2);
  return -std::ldexp(1.0, kMagnitudes - i);
}
double BucketUpper(int i) {
  if (i > kMagnitudes) return std::ldexp(1.0, i - kMagnitudes - 1);
  return i == kMagnitudes ? 0.0 : -std::ldexp(1.0, kMagnitudes - i - 1);
}

}  // namespace

MagnitudeBounds DpMagnitudeBounds(std::span<const double> values, double epsilon, RandomBits& bits) {
  if (!(epsilon > 0) || std::isinf(epsilon)) {
    throw ParameterError(fmt::format("magnitude bounds: epsilon must be a finite number > 0, got {}", epsilon));
  }
  std::vector<std::int64_t> counts(kBuckets, 0);
  for (double v : values) {
    if (!std::isnan(v)) ++counts[static_cast<std::size_t>(MagnitudeBucket(v))];
  }
  const Rational scale = RationalAtLeast(1 / epsilon);
  const double b = static_cast<double>(scale.num) / static_cast<double>(scale.den);
  MagnitudeBounds result;
  // P(Z ≥ k) ≤ e^{−k/b} for the discrete Laplace: 130 buckets all below k with probability ≥ 0.999.
  result.threshold = 1 + static_cast<std::int64_t>(std::ceil(b * std::log(counts.size() / 1e-3)));
  result.spent = {1 / b, 0};
  int lowest = 1, highest = -1;
  for (int i = 0; i < static_cast<int>(counts.size()); ++i) {
    const std::int64_t noisy = counts[static_cast<std::size_t>(i)] + DiscreteLaplace(scale, bits);
    if (noisy < result.threshold) continue;
    if (highest < lowest) lowest = i;
    highest = i;
  }
  if (highest >= lowest) {
    result.lower = BucketLower(lowest);
    result.upper = BucketUpper(highest);
  }
  return result;
}

}  // namespace ersatz::privacy
