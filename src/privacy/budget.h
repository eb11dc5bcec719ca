// A privacy budget split into steps (category sets, numeric bounds, DP-SGD…): each mechanism
// charges what it spent, and the total is what the model file and the report state. Steps
// compose by basic composition (ε and δ add up), valid for any mix of mechanisms.
#pragma once

#include <string>
#include <vector>

namespace ersatz::privacy {

struct Spend {
  double epsilon = 0;
  double delta = 0;
};

struct BudgetStep {
  std::string name;  // what the spend was for: "categories of 'workclass'", "DP-SGD"
  Spend spend;
};

class PrivacyBudget {
 public:
  // The total the steps may spend; ParameterError unless ε > 0 and δ in [0, 1).
  PrivacyBudget(double epsilon, double delta);

  // Records a step. Throws ParameterError (naming the step, what it asked and what was left) when
  // it would take the total past the budget; nothing is recorded then.
  void Charge(std::string name, Spend spend);
  // What is left; a step may ask for at most this.
  Spend Remaining() const;
  Spend Total() const;
  const std::vector<BudgetStep>& steps() const { return steps_; }
  // One line per step and the total, for the fit report.
  std::string Report() const;

 private:
  Spend limit_;
  std::vector<BudgetStep> steps_;
};

// ρ-zCDP → (ε, δ): ρ-zCDP is RDP αρ at every order α > 1, converted as the accountant does
// (Canonne, Kamath & Steinke 2020, Cor. 13 — the same bound as Balle et al. 2020), minimised over
// α. Tighter than Bun & Steinke's ε = ρ + 2√(ρ·log(1/δ)): ρ ≈ 0.015 gives ε = 1 at δ = 1e-9.
double ZcdpToEpsilon(double rho, double delta);
// The largest ρ with ZcdpToEpsilon(ρ, δ) ≤ ε (bisection; ZcdpToEpsilon rises with ρ).
double EpsilonToZcdp(double epsilon, double delta);

}  // namespace ersatz::privacy
