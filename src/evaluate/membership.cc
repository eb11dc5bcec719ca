#include <fmt/format.h>

#include <algorithm>

#include <cmath>
#include <limits>
#include <numeric>

#include "common/random.h"
#include "evaluate/attacks.h"
#include "evaluate/privacy.h"
#include "evaluate/roc.h"
#include "evaluate/sampling.h"

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kMembersStream = 0x3a1;
constexpr std::uint64_t kHoldoutSplitStream = 0x3a2;
constexpr std::uint64_t kSyntheticStream = 0x3a3;
// Added to distances before taking logs: a small fraction of one column's range, so that
// exact matches (distance 0) rank first without dividing by zero.
constexpr double kDistanceFloor = 1e-3;
constexpr double kAlarmMiaAuc = 0.6;

double LogDensityRadius(const TwoNearest& nearest) {
  const double second = std::isinf(nearest.second) ? nearest.first : nearest.second;
  return 0.5 * (std::log(nearest.first + kDistanceFloor) + std::log(second + kDistanceFloor));
}

EvaluateReport::Attack Score(std::span<const double> scores, std::span<const std::uint8_t> labels,
                             std::size_t members, std::size_t non_members) {
  EvaluateReport::Attack attack;
  attack.auc = RocAuc(scores, labels);
  const auto curve = RocCurve(scores, labels);
  attack.tpr_at_fpr_01 = TprAtFpr(curve, 0.1);
  attack.tpr_at_fpr_001 = TprAtFpr(curve, 0.01);
  const EpsilonBound eps = EmpiricalEpsilon(curve, members, non_members);
  attack.epsilon = eps.estimate;
  attack.epsilon_lower_95 = eps.lower_95;
  return attack;
}

}  // namespace

void ScoreMembershipInference(const EvalData& data, const EvaluateOptions& options,
                              EvaluateReport* report) {
  auto& p = report->privacy;
  p.mia_auc = kNaN;
  const EvaluateReport::Attack none{kNaN, kNaN, kNaN, kNaN, kNaN};
  p.distance_attack = p.density_attack = none;
  const std::size_t holdout = data.has_holdout ? data.rows[kHoldout] : 0;
  const std::size_t n = std::min({data.rows[kReal], holdout / 2, options.max_attack_rows});
  if (n < 10) {
    report->notes.push_back(
        "membership inference not computed: it needs a holdout of at least 20 rows");
    return;
  }
  // Holdout: a seeded shuffle; the first n rows are the non-members, the rest the reference.
  std::vector<std::size_t> shuffled(holdout);
  std::iota(shuffled.begin(), shuffled.end(), 0);
  Shuffle(std::span(shuffled), options.seed, kHoldoutSplitStream, 0);
  const std::vector<std::size_t> non_members(shuffled.begin(), shuffled.begin() + long(n));
  const std::vector<std::size_t> reference(shuffled.begin() + long(n), shuffled.end());
  const auto members = SampleRows(data.rows[kReal], n, options.seed, kMembersStream);
  const auto synthetic_rows = SampleRows(data.rows[kSynthetic], options.max_privacy_rows,
                                         options.seed, kSyntheticStream);
  p.attack_members = n;
  p.attack_non_members = n;
  p.attack_reference = reference.size();

  const PointSet synthetic = MakePoints(data, kSynthetic, synthetic_rows);
  const PointSet reference_points = MakePoints(data, kHoldout, reference);
  std::vector<double> distance_scores, density_scores;
  std::vector<std::uint8_t> labels;
  for (const auto& [side, rows, label] :
       {std::tuple{kReal, &members, 1}, std::tuple{kHoldout, &non_members, 0}}) {
    const PointSet queries = MakePoints(data, side, *rows);
    const auto to_synthetic = FindTwoNearest(queries, synthetic, options.threads);
    const auto to_reference = FindTwoNearest(queries, reference_points, options.threads);
    for (std::size_t i = 0; i < queries.rows(); ++i) {
      distance_scores.push_back(-double(to_synthetic[i].first));
      // log p_syn − log p_ref; a k-NN density is ∝ radius^−dims, and the constant factors
      // (sample sizes, dims) do not change the ranking, so the log radii suffice.
      density_scores.push_back(LogDensityRadius(to_reference[i]) -
                               LogDensityRadius(to_synthetic[i]));
      labels.push_back(std::uint8_t(label));
    }
  }
  p.distance_attack = Score(distance_scores, labels, n, n);
  p.density_attack = Score(density_scores, labels, n, n);
  p.mia_auc = std::max(p.distance_attack.auc, p.density_attack.auc);
  if (p.mia_auc > kAlarmMiaAuc) {
    p.alarm_reasons.push_back(fmt::format(
        "a membership-inference attack tells training rows from unseen ones with AUC {:.3f} "
        "(threshold {:.2f}; 0.5 is chance)", p.mia_auc, kAlarmMiaAuc));
    p.alarm = true;
  }
}

}  // namespace ersatz::evaluate
