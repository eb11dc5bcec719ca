#include "privacy/budget.h"

#include <fmt/format.h>

#include <cmath>

#include "ersatz/error.h"

namespace ersatz::privacy {

namespace {
// Rounding in the sums must not refuse a split that adds up exactly on paper (e.g. 0.1 + 0.2 + 0.7):
// a step may exceed what is left by this share of the budget.
constexpr double kSlack = 1e-12;
}  // namespace

PrivacyBudget::PrivacyBudget(double epsilon, double delta) : limit_{epsilon, delta} {
  if (!(epsilon > 0) || std::isinf(epsilon)) {
    throw ParameterError(fmt::format("epsilon must be a finite number > 0, got {}", epsilon));
  }
  if (!(delta >= 0 && delta < 1)) throw ParameterError(fmt::format("delta must be in [0, 1), got {}", delta));
}

void PrivacyBudget::Charge(std::string name, Spend spend) {
  if (!(spend.epsilon >= 0) || !(spend.delta >= 0)) {
    throw ParameterError(fmt::format("privacy step '{}': spend must be ≥ 0, got ε = {}, δ = {}", name,
                                     spend.epsilon, spend.delta));
  }
  const Spend left = Remaining();
  if (spend.epsilon > left.epsilon + kSlack * limit_.epsilon ||
      spend.delta > left.delta + kSlack * limit_.delta) {
    throw ParameterError(fmt::format(
        "privacy step '{}' needs ε = {}, δ = {} but only ε = {}, δ = {} of the budget (ε = {}, δ = {}) "
        "is left",
        name, spend.epsilon, spend.delta, left.epsilon, left.delta, limit_.epsilon, limit_.delta));
  }
  steps_.push_back({std::move(name), spend});
}

Spend PrivacyBudget::Total() const {
  Spend total;
  for (const auto& step : steps_) {
    total.epsilon += step.spend.epsilon;
    total.delta += step.spend.delta;
  }
  return total;
}

Spend PrivacyBudget::Remaining() const {
  const Spend total = Total();
  return {std::max(0.0, limit_.epsilon - total.epsilon), std::max(0.0, limit_.delta - total.delta)};
}

std::string PrivacyBudget::Report() const {
  std::string text;
  for (const auto& step : steps_) {
    text += fmt::format("  {:<40} ε = {:.4g}, δ = {:.3g}\n", step.name, step.spend.epsilon, step.spend.delta);
  }
  const Spend total = Total();
  text += fmt::format("  {:<40} ε = {:.4g}, δ = {:.3g} (budget ε = {:.4g}, δ = {:.3g})\n", "total",
                      total.epsilon, total.delta, limit_.epsilon, limit_.delta);
  return text;
}

double ZcdpToEpsilon(double rho, double delta) {
  if (rho <= 0) return 0;
  const double log_delta = std::log(delta);
  auto epsilon_at = [&](double log_alpha_minus_1) {
    const double alpha = 1 + std::exp(log_alpha_minus_1);
    return alpha * rho + std::log1p(-1 / alpha) - (log_delta + std::log(alpha)) / (alpha - 1);
  };
  // A grid over log(α − 1) finds the basin, golden-section search refines it.
  double best_x = -10, best = epsilon_at(best_x);
  for (double x = -10; x <= 20; x += 0.01) {
    const double e = epsilon_at(x);
    if (e < best) best = e, best_x = x;
  }
  double lo = best_x - 0.01, hi = best_x + 0.01;
  for (int i = 0; i < 60; ++i) {
    const double m1 = lo + (hi - lo) * 0.381966, m2 = hi - (hi - lo) * 0.381966;
    if (epsilon_at(m1) < epsilon_at(m2)) hi = m2;
    else lo = m1;
  }
  best = std::min(best, epsilon_at((lo + hi) / 2));
  const double bun_steinke = rho + 2 * std::sqrt(rho * std::log(1 / delta));
  return std::max(0.0, std::min(best, bun_steinke));
}

double EpsilonToZcdp(double epsilon, double delta) {
  double lo = 0, hi = epsilon;  // ZcdpToEpsilon(ρ) ≥ ρ, so ρ ≤ ε
  for (int i = 0; i < 100; ++i) {
    const double mid = (lo + hi) / 2;
    (ZcdpToEpsilon(mid, delta) <= epsilon ? lo : hi) = mid;
  }
  return lo;  // the safe side
}

}  // namespace ersatz::privacy
