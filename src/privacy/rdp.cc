#include "privacy/rdp.h"

#include <cmath>
#include <limits>

namespace ersatz::privacy {

namespace {

constexpr double kMinusInf = -std::numeric_limits<double>::infinity();

double LogAddExp(double a, double b) {
  if (a == kMinusInf) return b;
  if (b == kMinusInf) return a;
  const double hi = std::max(a, b);
  return hi + std::log1p(std::exp(std::min(a, b) - hi));
}

// log(e^a − e^b) for a ≥ b. The fractional series' partial sums stay positive (they converge to
// A_α > 0 from terms that shrink), so a < b only arises from rounding; it is clamped to −∞.
double LogSubExp(double a, double b) {
  if (b == kMinusInf) return a;
  if (b >= a) return kMinusInf;
  return a + std::log1p(-std::exp(b - a));
}

// log(erfc(x)) without underflow: erfc(x) < 1e-300 beyond x ≈ 26, so the asymptotic expansion
// erfc(x) ≈ e^{-x²}/(x√π)·(1 − 1/(2x²) + 3/(4x⁴) − 15/(8x⁶)) takes over at x > 20, where its
// relative error is below 1e-8.
double LogErfc(double x) {
  if (x <= 20.0) return std::log(std::erfc(x));
  const double inv2 = 1.0 / (x * x);
  const double series = 1.0 - 0.5 * inv2 + 0.75 * inv2 * inv2 - 1.875 * inv2 * inv2 * inv2;
  return -x * x - std::log(x) - 0.5 * std::log(M_PI) + std::log(series);
}

// log A_α for integer α: A_α = Σ_{i=0..α} C(α,i) qⁱ (1−q)^{α−i} exp((i²−i)/(2σ²)).
double LogAInteger(double q, double sigma, long long alpha) {
  double log_a = kMinusInf;
  const double log_q = std::log(q), log_1mq = std::log1p(-q);
  for (long long i = 0; i <= alpha; ++i) {
    const double log_binom =
        std::lgamma(double(alpha) + 1) - std::lgamma(double(i) + 1) - std::lgamma(double(alpha - i) + 1);
    const double term = log_binom + double(i) * log_q + double(alpha - i) * log_1mq +
                        (double(i) * double(i) - double(i)) / (2 * sigma * sigma);
    log_a = LogAddExp(log_a, term);
  }
  return log_a;
}

// log A_α for fractional α (Mironov, Talwar & Zhang 2019, §3.3): with z₀ = σ² log(1/q − 1) + ½,
//   A_α = Σ_{i≥0} C(α,i) [ qⁱ(1−q)^{α−i} e^{(i²−i)/(2σ²)} ½erfc((i−z₀)/(√2σ))
//                        + q^{α−i}(1−q)^i e^{((α−i)²−(α−i))/(2σ²)} ½erfc((z₀−(α−i))/(√2σ)) ],
// where the generalised binomial C(α,i) changes sign once i > α.
double LogAFractional(double q, double sigma, double alpha) {
  double log_a0 = kMinusInf, log_a1 = kMinusInf;
  const double log_q = std::log(q), log_1mq = std::log1p(-q);
  const double z0 = sigma * sigma * std::log(1 / q - 1) + 0.5;
  const double two_var = 2 * sigma * sigma;
  const double scale = std::sqrt(2.0) * sigma;
  double log_abs_coef = 0;  // log|C(α, i)|
  bool coef_positive = true;
  for (long long i = 0;; ++i) {
    if (i > 0) {
      const double factor = (alpha - double(i - 1)) / double(i);
      log_abs_coef += std::log(std::fabs(factor));
      if (factor < 0) coef_positive = !coef_positive;
    }
    const double di = double(i), j = alpha - di;
    const double log_t0 = log_abs_coef + di * log_q + j * log_1mq;
    const double log_t1 = log_abs_coef + j * log_q + di * log_1mq;
    const double log_e0 = std::log(0.5) + LogErfc((di - z0) / scale);
    const double log_e1 = std::log(0.5) + LogErfc((z0 - j) / scale);
    const double log_s0 = log_t0 + (di * di - di) / two_var + log_e0;
    const double log_s1 = log_t1 + (j * j - j) / two_var + log_e1;
    if (coef_positive) {
      log_a0 = LogAddExp(log_a0, log_s0);
      log_a1 = LogAddExp(log_a1, log_s1);
    } else {
      log_a0 = LogSubExp(log_a0, log_s0);
      log_a1 = LogSubExp(log_a1, log_s1);
    }
    if (std::max(log_s0, log_s1) < -30 && i > alpha) break;
    if (i > 100000) break;  // unreachable for σ > 0.1; keeps a bad input from spinning forever
  }
  return LogAddExp(log_a0, log_a1);
}

}  // namespace

double SubsampledGaussianRdp(double sampling_rate, double noise_multiplier, double order) {
  const double q = sampling_rate, sigma = noise_multiplier, alpha = order;
  if (q == 0) return 0;
  if (q == 1) return alpha / (2 * sigma * sigma);
  if (std::isinf(alpha)) return std::numeric_limits<double>::infinity();
  const double log_a = alpha == std::floor(alpha) ? LogAInteger(q, sigma, static_cast<long long>(alpha))
                                                  : LogAFractional(q, sigma, alpha);
  return log_a / (alpha - 1);
}

std::vector<double> SubsampledGaussianRdp(double sampling_rate, double noise_multiplier,
                                          long long steps, std::span<const double> orders) {
  std::vector<double> rdp;
  rdp.reserve(orders.size());
  for (double alpha : orders) {
    rdp.push_back(SubsampledGaussianRdp(sampling_rate, noise_multiplier, alpha) * double(steps));
  }
  return rdp;
}

}  // namespace ersatz::privacy
