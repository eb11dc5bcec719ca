#include "privacy/dp_counts.h"

#include <fmt/format.h>

#include <cmath>

#include "ersatz/error.h"
#include "privacy/discrete.h"

namespace ersatz::privacy {

namespace {

double ToDouble(Rational r) { return static_cast<double>(r.num) / static_cast<double>(r.den); }

// Adds `noise()` to every observed count and keeps the categories that reach result->threshold.
template <typename Noise>
void KeepNoisyCountsAboveThreshold(std::span<const std::int64_t> counts, Noise noise,
                                   CategorySelection* result) {
  for (std::size_t i = 0; i < counts.size(); ++i) {
    if (counts[i] <= 0) continue;  // never observed: releasing it would not depend on the data
    const std::int64_t noisy = counts[i] + noise();
    if (noisy >= result->threshold) {
      result->kept.push_back(i);
      result->noisy_counts.push_back(noisy);
    }
  }
}

}  // namespace

CategorySelection SelectCategories(std::span<const std::int64_t> counts, Spend share,
                                   CountNoise noise, RandomBits& bits) {
  if (!(share.epsilon > 0) || std::isinf(share.epsilon)) {
    throw ParameterError(fmt::format("category selection: epsilon must be a finite number > 0, got {}",
                                     share.epsilon));
  }
  if (!(share.delta > 0 && share.delta < 1)) {
    throw ParameterError(fmt::format(
        "category selection: delta must be in (0, 1), got {} (declare the categories public instead "
        "to spend no delta)",
        share.delta));
  }
  if (noise == CountNoise::kGaussian) {
    // δ/2 for the threshold, δ/2 for converting the counts' ρ to ε.
    CategorySelection result =
        SelectCategoriesZcdp(counts, EpsilonToZcdp(share.epsilon, share.delta / 2), share.delta / 2, bits);
    result.spent = {ZcdpToEpsilon(result.rho, share.delta / 2), share.delta};
    return result;
  }
  CategorySelection result;
  // Scale rounded up to an exact rational, so the ε actually spent is 1/scale ≤ the share.
  const Rational laplace_scale = RationalAtLeast(1 / share.epsilon);
  result.noise_scale = ToDouble(laplace_scale);
  const double eps = 1 / result.noise_scale;
  // P(Z ≥ k) = e^{−εk}/(1 + e^{−ε}) for the discrete Laplace: k ≥ log(1/(δ(1 + e^{−ε})))/ε.
  const double k = std::log(1 / (share.delta * (1 + std::exp(-eps)))) / eps;
  result.threshold = 1 + static_cast<std::int64_t>(std::ceil(std::max(0.0, k)));
  result.spent = {eps, share.delta};
  KeepNoisyCountsAboveThreshold(counts, [&] { return DiscreteLaplace(laplace_scale, bits); }, &result);
  return result;
}

CategorySelection SelectCategoriesZcdp(std::span<const std::int64_t> counts, double rho,
                                       double threshold_delta, RandomBits& bits) {
  if (!(rho > 0) || std::isinf(rho)) {
    throw ParameterError(fmt::format("category selection: rho must be a finite number > 0, got {}", rho));
  }
  if (!(threshold_delta > 0 && threshold_delta < 1)) {
    throw ParameterError(fmt::format("category selection: delta must be in (0, 1), got {}", threshold_delta));
  }
  CategorySelection result;
  const Rational variance = RationalAtLeast(1 / (2 * rho));  // sensitivity 1: ρ = 1/(2σ²)
  result.noise_scale = std::sqrt(ToDouble(variance));
  result.rho = 1 / (2 * ToDouble(variance));
  // The discrete Gaussian is sub-Gaussian (CKS 2020): P(Z ≥ k) ≤ e^{−k²/(2σ²)}.
  const double k = result.noise_scale * std::sqrt(2 * std::log(1 / threshold_delta));
  result.threshold = 1 + static_cast<std::int64_t>(std::ceil(k));
  result.spent = {0, threshold_delta};
  KeepNoisyCountsAboveThreshold(counts, [&] { return DiscreteGaussian(variance, bits); }, &result);
  return result;
}

}  // namespace ersatz::privacy
