// What a differentially private fit guarantees, as stated in the model file, the fit output,
// FitSummary and the evaluation report (docs/privacy.md).
#pragma once

#include <string>
#include <vector>

namespace ersatz {

struct PrivacySpendLine {
  std::string name;  // "categories of 'workclass'", "range of 'age'", "DP-SGD"
  double epsilon = 0, delta = 0;
};

struct DifferentialPrivacySummary {
  double epsilon = 0, delta = 0;                // spent in total (basic composition of the lines)
  double epsilon_budget = 0, delta_budget = 0;  // what was asked
  std::string unit = "row";                     // "row" or "entity <column>"
  std::size_t units = 0;                        // rows or entities learned from
  long long steps = 0, planned_steps = 0;       // DP-SGD steps run / planned
  double sampling_rate = 0;                     // q
  double noise_multiplier = 0;                  // σ (noise stddev / max_grad_norm)
  double max_grad_norm = 0;                     // C
  int expected_batch = 0;
  double clipped_share = 0;  // share of examples whose gradient was clipped (not private: diagnostics)
  std::vector<PrivacySpendLine> spending;
};

}  // namespace ersatz
