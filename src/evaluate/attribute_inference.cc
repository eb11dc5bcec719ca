#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

#include "ersatz/error.h"
#include "evaluate/attacks.h"
#include "evaluate/discretize.h"
#include "evaluate/privacy.h"
#include "evaluate/sampling.h"
#include <map>
#include <omp.h>

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr int kNeighbours = 5;
constexpr std::size_t kAttackRows = 2000;  // per side: the brute-force search is rows × synthetic
constexpr std::uint64_t kMembersStream = 0xa71;
constexpr std::uint64_t kHoldoutStream = 0xa72;
constexpr std::uint64_t kSyntheticStream = 0xa73;

// A column's value as a class to predict: categories by code, numeric values by real decile;
// null its own class.
class Classes {
 public:
  explicit Classes(const EvalColumn& column) : column_(column) {
    if (!column.numeric) return;
    std::vector<double> sorted;
    for (double v : column.values[kReal]) {
      if (!std::isnan(v)) sorted.push_back(v);
    }
    std::sort(sorted.begin(), sorted.end());
    for (int d = 1; d < 10 && !sorted.empty(); ++d) {
      const double edge = sorted[std::size_t(d * (sorted.size() - 1) / 10)];
      if (edges_.empty() || edge > edges_.back()) edges_.push_back(edge);
    }
  }
  std::int32_t Of(Side side, std::size_t row) const {
    if (!column_.numeric) return column_.codes[side][row];  // -1: null
    const double v = column_.values[side][row];
    if (std::isnan(v)) return -1;
    return std::int32_t(std::lower_bound(edges_.begin(), edges_.end(), v) - edges_.begin());
  }

 private:
  const EvalColumn& column_;
  std::vector<double> edges_;
};

std::vector<int> ChooseQuasiIdentifiers(const EvalData& data, const EvaluateOptions& options) {
  std::vector<int> qis;
  for (const std::string& name : options.quasi_identifiers) {
    auto it = std::find_if(data.columns.begin(), data.columns.end(),
                           [&](const EvalColumn& c) { return c.name == name; });
    if (it == data.columns.end()) {
      throw ParameterError(fmt::format(
          "evaluate: quasi-identifier '{}' is not an evaluated column of the real table", name));
    }
    qis.push_back(int(it - data.columns.begin()));
  }
  if (!qis.empty()) return qis;
  // Default: the 3 columns whose ≤ 10-bin real distribution has the most entropy (the ones that
  // split people into the most, evenly sized groups).
  std::vector<std::pair<double, int>> entropy;
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    const Binned binned = AccuracyBins(data.columns[c]);
    double h = 0;
    for (double f : Frequencies(binned.codes[kReal], binned.num_bins)) {
      if (f > 0) h -= f * std::log2(f);
    }
    entropy.push_back({-h, int(c)});
  }
  std::sort(entropy.begin(), entropy.end());
  for (std::size_t i = 0; i < std::min<std::size_t>(3, entropy.size()); ++i) {
    qis.push_back(entropy[i].second);
  }
  std::sort(qis.begin(), qis.end());
  return qis;
}

}  // namespace

void ScoreAttributeInference(const EvalData& data, const EvaluateOptions& options,
                             EvaluateReport* report) {
  auto& p = report->privacy;
  p.attribute_inference_risk = kNaN;
  if (data.columns.size() < 2 || data.rows[kSynthetic] == 0) return;
  std::vector<int> qis = ChooseQuasiIdentifiers(data, options);
  if (qis.size() >= data.columns.size()) {
    report->notes.push_back("attribute inference not computed: no column left to predict");
    return;
  }
  for (int q : qis) p.quasi_identifiers.push_back(data.columns[q].name);
  const auto synthetic = SampleRows(data.rows[kSynthetic], options.max_privacy_rows, options.seed,
                                    kSyntheticStream);
  // Members and holdout rows in equal numbers (a small holdout sets both), like every comparison
  // of training with holdout rows in the report.
  std::size_t attack_rows = std::min(kAttackRows, options.max_attack_rows);
  if (data.has_holdout && data.rows[kHoldout] > 0) attack_rows = std::min(attack_rows, data.rows[kHoldout]);
  const auto members = SampleRows(data.rows[kReal], attack_rows, options.seed, kMembersStream);
  const auto holdout = data.has_holdout ? SampleRows(data.rows[kHoldout], attack_rows,
                                                     options.seed, kHoldoutStream)
                                        : std::vector<std::size_t>{};

  // Distances on the quasi-identifiers alone: the privacy distance of REFERENCE.md §3 (points
  // built as for the nearest-neighbour search, privacy.h) over those columns.
  EvalData qi_data;
  for (int q : qis) qi_data.columns.push_back(data.columns[q]);
  qi_data.rows = data.rows;
  qi_data.has_holdout = data.has_holdout;
  const PointSet synthetic_points = MakePoints(qi_data, kSynthetic, synthetic);

  // The 5 nearest synthetic rows of each attacked row (ties broken by row order).
  auto neighbours_of = [&](Side side, const std::vector<std::size_t>& rows) {
    const PointSet queries = MakePoints(qi_data, side, rows);
    std::vector<std::array<std::size_t, kNeighbours>> out(rows.size());
    const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
    const std::size_t dims = qis.size();
    // Plain arithmetic on in-memory vectors: nothing in the loop throws.
#pragma omp parallel for schedule(dynamic, 16) num_threads(threads)
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::array<std::pair<float, std::size_t>, kNeighbours> best;
      best.fill({std::numeric_limits<float>::infinity(), 0});
      for (std::size_t s = 0; s < synthetic_points.rows(); ++s) {
        float d = 0;
        for (std::size_t c = 0; c < dims; ++c) {
          d += std::min(std::fabs(queries.at(i, c) - synthetic_points.column(c)[s]), 1.0f);
        }
        if (d >= best.back().first) continue;
        best.back() = {d, synthetic[s]};
        std::sort(best.begin(), best.end());
      }
      for (int k = 0; k < kNeighbours; ++k) out[i][k] = best[k].second;
    }
    return out;
  };
  const auto member_neighbours = neighbours_of(kReal, members);
  const auto holdout_neighbours = neighbours_of(kHoldout, holdout);

  auto accuracy = [&](const Classes& classes, Side side, const std::vector<std::size_t>& rows,
                      const std::vector<std::array<std::size_t, kNeighbours>>& neighbours) {
    if (rows.empty()) return kNaN;
    std::size_t correct = 0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      std::array<std::int32_t, kNeighbours> votes;
      for (int k = 0; k < kNeighbours; ++k) votes[k] = classes.Of(kSynthetic, neighbours[i][k]);
      std::sort(votes.begin(), votes.end());
      std::int32_t guess = votes[0];
      int best_count = 0;
      for (int k = 0; k < kNeighbours;) {  // the most frequent vote; ties to the smaller class
        int j = k;
        while (j < kNeighbours && votes[j] == votes[k]) ++j;
        if (j - k > best_count) best_count = j - k, guess = votes[k];
        k = j;
      }
      correct += guess == classes.Of(side, rows[i]);
    }
    return double(correct) / double(rows.size());
  };

  double risk = -std::numeric_limits<double>::infinity();
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    if (std::find(qis.begin(), qis.end(), int(c)) != qis.end()) continue;
    const Classes classes(data.columns[c]);
    EvaluateReport::AttributeRisk r;
    r.column = data.columns[c].name;
    r.member_accuracy = accuracy(classes, kReal, members, member_neighbours);
    r.holdout_accuracy = accuracy(classes, kHoldout, holdout, holdout_neighbours);
    std::map<std::int32_t, std::size_t> counts;
    for (std::size_t row = 0; row < data.rows[kReal]; ++row) ++counts[classes.Of(kReal, row)];
    std::size_t most = 0;
    for (const auto& [cls, count] : counts) most = std::max(most, count);
    r.baseline_accuracy = double(most) / double(data.rows[kReal]);
    if (!std::isnan(r.holdout_accuracy)) risk = std::max(risk, r.member_accuracy - r.holdout_accuracy);
    p.attribute_risks.push_back(r);
  }
  p.attribute_inference_risk = std::isinf(risk) ? kNaN : risk;
}

}  // namespace ersatz::evaluate
