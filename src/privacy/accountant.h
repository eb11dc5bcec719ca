// The privacy accountant of DP-SGD: RDP of the Poisson-subsampled Gaussian composed over steps,
// converted to (ε, δ), and the noise multiplier σ that reaches a target ε. Formulas, test vectors
// and the calibration procedure: docs/privacy.md and ../shared/REFERENCE.md §4.
#pragma once

#include <span>
#include <string_view>
#include <vector>

namespace ersatz::privacy {

// RDP → (ε, δ). kImproved is Balle et al. 2020 ("Hypothesis testing interpretations and Rényi
// differential privacy", Thm. 21): ε = RDP(α) + log(1 − 1/α) − (log δ + log α)/(α − 1).
// kClassic is Mironov 2017 (Prop. 3): ε = RDP(α) + log(1/δ)/(α − 1). Both are valid bounds;
// the improved one is never larger for α ≥ 2 and is the default.
enum class Conversion { kImproved, kClassic };

Conversion ParseConversion(std::string_view text);  // "improved" | "classic", else ParameterError
std::string_view ConversionName(Conversion conversion);

// Opacus's default orders: 1.1, 1.2, …, 10.9 and the integers 12 … 63.
std::vector<double> OpacusOrders();
// OpacusOrders() plus the integers 64 … 256: the same ε wherever the best order is below 64, a
// smaller (still valid) one at very small ε, where the best order is larger.
std::vector<double> DefaultOrders();

struct PrivacySpent {
  double epsilon = 0;
  double order = 0;  // the order at which the minimum was reached
};

// min over orders of the conversion; ε is clamped at 0. `rdp` holds the composed RDP per order.
PrivacySpent RdpToEpsilon(std::span<const double> orders, std::span<const double> rdp, double delta,
                          Conversion conversion = Conversion::kImproved);

struct AccountingOptions {
  Conversion conversion = Conversion::kImproved;
  std::vector<double> orders = DefaultOrders();
  // ρ of other mechanisms composed with the steps before the one conversion to (ε, δ): ρ-zCDP is
  // RDP ρα at every order α (Bun & Steinke 2016), so it is added to the curve, not to ε. The fit
  // puts the encoders' statistics here (docs/privacy.md, "one conversion for the whole fit").
  double zcdp_rho = 0;
};

// ε after `steps` steps of sampling rate q and noise multiplier σ (and options.zcdp_rho). Parameters are checked
// (q in (0, 1], σ > 0, steps ≥ 1, δ in (0, 1)) with a ParameterError naming the offender; so is a
// σ so small that ε is infinite at every order.
PrivacySpent ComputeEpsilon(double sampling_rate, double noise_multiplier, long long steps,
                            double delta, const AccountingOptions& options = {});

// The range of noise CalibrateNoise searches, and its most halvings: every search ends.
inline constexpr double kMaxCalibrationNoise = 1 << 20;
inline constexpr double kMinCalibrationNoise = 1.0 / 1024;
inline constexpr int kMaxCalibrationHalvings = 100;

// The noise multiplier to reach `target_epsilon`, by Opacus's procedure (so results match peers'):
// σ_high starts at 10 and doubles until ε(σ_high) ≤ target; then bisection of [0, σ_high] until
// target − ε(σ_high) ≤ tolerance. Returns σ_high, the safe side: its ε never exceeds the target.
// Bounded where Opacus is not: the bisection stops before a σ below kMinCalibrationNoise (a huge
// target then gets the smallest σ tried, with the smaller ε it reaches) and after
// kMaxCalibrationHalvings. Throws ParameterError, with the ε that σ = 2^20 reaches, when even
// that much noise cannot reach the target.
struct Calibration {
  double noise_multiplier = 0;
  double epsilon = 0;  // ε at that σ (≤ target)
  int evaluations = 0;
  // The search stopped at its smallest noise: the target is larger than any σ it tries spends.
  bool smallest_noise = false;
};
Calibration CalibrateNoise(double sampling_rate, double target_epsilon, long long steps, double delta,
                           const AccountingOptions& options = {}, double epsilon_tolerance = 0.01);

// Composition of steps that may differ (σ or q changed mid-training): add steps as they run,
// ask ε at any time, and ask whether one more step would exceed a budget.
class RdpAccountant {
 public:
  explicit RdpAccountant(AccountingOptions options = {});
  void AddSteps(double sampling_rate, double noise_multiplier, long long steps);
  // ε of the steps and options.zcdp_rho together; 0 when neither has been spent.
  PrivacySpent Spent(double delta) const;
  // The composed RDP of the steps alone (without options.zcdp_rho) at one of the orders.
  double StepsRdp(double order) const;
  // ε after `steps` more steps like the given ones, without recording them.
  PrivacySpent SpentAfter(double sampling_rate, double noise_multiplier, long long steps,
                          double delta) const;
  long long steps() const { return steps_; }

 private:
  AccountingOptions options_;
  std::vector<double> rdp_;  // composed RDP per order
  long long steps_ = 0;
  // One step's RDP per order for the last (q, σ): DP-SGD asks about the same step every step, and
  // the fractional orders' series (lgamma, log1p) were ~3% of a DP fit, all on one thread.
  double cached_rate_ = -1, cached_noise_ = -1;
  std::vector<double> cached_step_rdp_;
};

}  // namespace ersatz::privacy
