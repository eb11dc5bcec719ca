#include "privacy/accountant.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ersatz/error.h"
#include "privacy/rdp.h"

namespace ersatz::privacy {

namespace {

void CheckSamplingRate(double q) {
  if (!(q > 0 && q <= 1)) {
    throw ParameterError(fmt::format("sampling-rate must be in (0, 1], got {}", q));
  }
}
void CheckNoise(double sigma) {
  if (!(sigma > 0) || std::isinf(sigma)) {
    throw ParameterError(fmt::format("noise must be a finite number > 0, got {}", sigma));
  }
}
void CheckSteps(long long steps) {
  if (steps < 1) throw ParameterError(fmt::format("steps must be ≥ 1, got {}", steps));
}
void CheckDelta(double delta) {
  if (!(delta > 0 && delta < 1)) throw ParameterError(fmt::format("delta must be in (0, 1), got {}", delta));
}

}  // namespace

Conversion ParseConversion(std::string_view text) {
  if (text == "improved") return Conversion::kImproved;
  if (text == "classic") return Conversion::kClassic;
  throw ParameterError(fmt::format("conversion: expected 'improved' or 'classic', got '{}'", text));
}

std::string_view ConversionName(Conversion conversion) {
  return conversion == Conversion::kImproved ? "improved" : "classic";
}

std::vector<double> OpacusOrders() {
  std::vector<double> orders;
  // Computed as 1 + x/10 exactly like Opacus, so the orders are the same doubles.
  for (int x = 1; x < 100; ++x) orders.push_back(1 + x / 10.0);
  for (int a = 12; a < 64; ++a) orders.push_back(a);
  return orders;
}

std::vector<double> DefaultOrders() {
  std::vector<double> orders = OpacusOrders();
  for (int a = 64; a <= 256; ++a) orders.push_back(a);
  return orders;
}

PrivacySpent RdpToEpsilon(std::span<const double> orders, std::span<const double> rdp, double delta,
                          Conversion conversion) {
  CheckDelta(delta);
  PrivacySpent best{std::numeric_limits<double>::infinity(), 0};
  const double log_delta = std::log(delta);
  for (std::size_t k = 0; k < orders.size() && k < rdp.size(); ++k) {
    const double alpha = orders[k];
    if (!(alpha > 1)) continue;
    const double eps =
        conversion == Conversion::kImproved
            ? rdp[k] + std::log1p(-1 / alpha) - (log_delta + std::log(alpha)) / (alpha - 1)
            : rdp[k] - log_delta / (alpha - 1);
    if (std::isnan(eps)) continue;
    if (eps < best.epsilon) best = {eps, alpha};
  }
  best.epsilon = std::max(0.0, best.epsilon);
  return best;
}

PrivacySpent ComputeEpsilon(double sampling_rate, double noise_multiplier, long long steps,
                            double delta, const AccountingOptions& options) {
  CheckSamplingRate(sampling_rate);
  CheckNoise(noise_multiplier);
  CheckSteps(steps);
  CheckDelta(delta);
  auto rdp = SubsampledGaussianRdp(sampling_rate, noise_multiplier, steps, options.orders);
  for (std::size_t k = 0; k < rdp.size(); ++k) rdp[k] += options.zcdp_rho * options.orders[k];
  const PrivacySpent spent = RdpToEpsilon(options.orders, rdp, delta, options.conversion);
  if (!std::isfinite(spent.epsilon)) {
    throw ParameterError(fmt::format(
        "noise {} is too small to bound epsilon for sampling-rate {}, {} steps, delta {}: the "
        "privacy loss overflows at every order; expected a larger noise (e.g. {} or more)",
        noise_multiplier, sampling_rate, steps, delta, kMinCalibrationNoise));
  }
  return spent;
}

Calibration CalibrateNoise(double sampling_rate, double target_epsilon, long long steps, double delta,
                           const AccountingOptions& options, double epsilon_tolerance) {
  CheckSamplingRate(sampling_rate);
  CheckSteps(steps);
  CheckDelta(delta);
  if (!(target_epsilon > 0) || std::isinf(target_epsilon)) {
    throw ParameterError(fmt::format("epsilon must be a finite number > 0, got {}", target_epsilon));
  }
  Calibration result;
  auto epsilon_at = [&](double sigma) {
    ++result.evaluations;
    auto rdp = SubsampledGaussianRdp(sampling_rate, sigma, steps, options.orders);
    for (std::size_t k = 0; k < rdp.size(); ++k) rdp[k] += options.zcdp_rho * options.orders[k];
    return RdpToEpsilon(options.orders, rdp, delta, options.conversion).epsilon;
  };
  double sigma_low = 0, sigma_high = 10;
  double eps_high = std::numeric_limits<double>::infinity();
  while (eps_high > target_epsilon) {  // at most log2(kMaxCalibrationNoise / 10) ≈ 17 doublings
    sigma_high *= 2;
    if (sigma_high > kMaxCalibrationNoise) {
      const double least = epsilon_at(kMaxCalibrationNoise);
      throw ParameterError(fmt::format(
          "epsilon {} is out of reach for sampling-rate {}, {} steps, delta {}: even noise {} (the "
          "most the search tries) spends epsilon {:.6g}; expected an epsilon of at least that, or "
          "fewer steps, a smaller sampling rate or a larger delta",
          target_epsilon, sampling_rate, steps, delta, kMaxCalibrationNoise, least));
    }
    eps_high = epsilon_at(sigma_high);
  }
  // Opacus's bisection, bounded: it stops below the smallest noise the search tries (a huge target
  // would otherwise halve σ towards 0 for ever) and after a fixed number of halvings (a target
  // beyond double precision's reach within the tolerance would otherwise never be met).
  for (int halving = 0; halving < kMaxCalibrationHalvings && target_epsilon - eps_high > epsilon_tolerance;
       ++halving) {
    const double sigma = (sigma_low + sigma_high) / 2;
    if (sigma < kMinCalibrationNoise) {
      result.smallest_noise = true;
      break;
    }
    if (sigma == sigma_low || sigma == sigma_high) break;
    const double eps = epsilon_at(sigma);
    if (eps < target_epsilon) {
      sigma_high = sigma;
      eps_high = eps;
    } else {
      sigma_low = sigma;
    }
  }
  result.noise_multiplier = sigma_high;
  result.epsilon = eps_high;
  return result;
}

RdpAccountant::RdpAccountant(AccountingOptions options)
    : options_(std::move(options)), rdp_(options_.orders.size(), 0.0) {
  if (!(options_.zcdp_rho >= 0) || std::isinf(options_.zcdp_rho)) {
    throw ParameterError(fmt::format("zCDP rho must be a finite number ≥ 0, got {}", options_.zcdp_rho));
  }
  for (std::size_t k = 0; k < rdp_.size(); ++k) rdp_[k] = options_.zcdp_rho * options_.orders[k];
}

void RdpAccountant::AddSteps(double sampling_rate, double noise_multiplier, long long steps) {
  CheckSamplingRate(sampling_rate);
  CheckNoise(noise_multiplier);
  CheckSteps(steps);
  if (sampling_rate != cached_rate_ || noise_multiplier != cached_noise_) {
    cached_step_rdp_ = SubsampledGaussianRdp(sampling_rate, noise_multiplier, 1, options_.orders);
    cached_rate_ = sampling_rate;
    cached_noise_ = noise_multiplier;
  }
  // T steps compose to T times one step's RDP (the same product SubsampledGaussianRdp forms).
  for (std::size_t k = 0; k < rdp_.size(); ++k) rdp_[k] += cached_step_rdp_[k] * double(steps);
  steps_ += steps;
}

PrivacySpent RdpAccountant::Spent(double delta) const {
  if (steps_ == 0 && options_.zcdp_rho == 0) return {0, 0};
  return RdpToEpsilon(options_.orders, rdp_, delta, options_.conversion);
}

double RdpAccountant::StepsRdp(double order) const {
  for (std::size_t k = 0; k < rdp_.size(); ++k) {
    if (options_.orders[k] == order) return std::max(0.0, rdp_[k] - options_.zcdp_rho * order);
  }
  throw ParameterError(fmt::format("order {} is not one of the accountant's", order));
}

PrivacySpent RdpAccountant::SpentAfter(double sampling_rate, double noise_multiplier, long long steps,
                                       double delta) const {
  RdpAccountant next = *this;
  next.AddSteps(sampling_rate, noise_multiplier, steps);
  return next.Spent(delta);
}

}  // namespace ersatz::privacy
