// ROC statistics of a score that should rank positives (label 1) above negatives (label 0):
// the discriminator, the utility classifiers and the membership-inference attacks all use them.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ersatz::evaluate {

// Area under the ROC curve = P(score of a positive > score of a negative) + ½ P(equal)
// (Mann–Whitney with mid-ranks). NaN when either class is empty.
double RocAuc(std::span<const double> scores, std::span<const std::uint8_t> labels);

struct RocPoint {
  double fpr = 0, tpr = 0;
  std::size_t false_positives = 0, true_positives = 0;
};

// The curve's corners: one point per distinct score, from the highest threshold down (calling
// "positive" every row whose score is ≥ the threshold), starting at (0, 0).
std::vector<RocPoint> RocCurve(std::span<const double> scores, std::span<const std::uint8_t> labels);

// The highest TPR among thresholds whose FPR is ≤ `max_fpr` (no interpolation).
double TprAtFpr(std::span<const RocPoint> curve, double max_fpr);

// Clopper–Pearson bounds of a binomial proportion k / n at one-sided level `alpha`.
double ClopperPearsonLower(std::size_t k, std::size_t n, double alpha);
double ClopperPearsonUpper(std::size_t k, std::size_t n, double alpha);

struct EpsilonBound {
  double estimate = 0;  // max of log(TPR / FPR) over thresholds with ≥ 10 false positives
  // max over thresholds of log(TPR_low / FPR_high) with Clopper–Pearson bounds at 97.5% each,
  // so ≥ 95% confidence for any one threshold (the max over thresholds is optimistic).
  double lower_95 = 0;
};

// An empirical lower bound on the ε of any (ε, 0)-DP guarantee the attacked data could have:
// a differentially private release keeps TPR ≤ e^ε · FPR for every attack.
EpsilonBound EmpiricalEpsilon(std::span<const RocPoint> curve, std::size_t positives,
                              std::size_t negatives);

}  // namespace ersatz::evaluate
