#include "evaluate/sqs.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <Eigen/Dense>

#include "evaluate/discretize.h"
#include "evaluate/principal_axes.h"
#include "evaluate/stats.h"

namespace ersatz::evaluate {
namespace {

constexpr int kHistogramBins = 20;  // numeric columns and PCA components

// Categorical codes with null as the last category.
std::vector<std::int32_t> CodesWithNull(const EvalColumn& column, Side side) {
  std::vector<std::int32_t> codes = column.codes[side];
  const auto null_code = static_cast<std::int32_t>(column.categories.size());
  for (auto& c : codes) {
    if (c < 0) c = null_code;
  }
  return codes;
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / values.size();
}

// Real and synthetic rows as a frequency-encoded, standardised matrix: categorical values become
// their frequency in the real data, numeric nulls the real mean; each column is then centred and
// scaled by the real mean and standard deviation.
std::array<Eigen::MatrixXd, 2> EncodeForPca(const EvalData& data) {
  const auto& columns = data.columns;
  std::array<Eigen::MatrixXd, 2> m;
  for (int s = 0; s < 2; ++s) m[s].resize(Eigen::Index(data.rows[s]), Eigen::Index(columns.size()));
  for (std::size_t c = 0; c < columns.size(); ++c) {
    const EvalColumn& column = columns[c];
    if (column.numeric) {
      double sum = 0, n = 0;
      for (double v : column.values[kReal]) {
        if (!std::isnan(v)) sum += v, n += 1;
      }
      const double fill = n > 0 ? sum / n : 0;
      for (int s = 0; s < 2; ++s) {
        for (std::size_t r = 0; r < data.rows[s]; ++r) {
          const double v = column.values[s][r];
          m[s](Eigen::Index(r), Eigen::Index(c)) = std::isnan(v) ? fill : v;
        }
      }
    } else {
      const std::size_t cats = column.categories.size() + 1;
      const std::vector<std::int32_t> real_codes = CodesWithNull(column, kReal);
      std::vector<double> freq(cats, 0.0);
      for (auto code : real_codes) freq[code] += 1.0 / std::max<std::size_t>(data.rows[kReal], 1);
      for (int s = 0; s < 2; ++s) {
        const std::vector<std::int32_t> codes = s == 0 ? real_codes : CodesWithNull(column, kSynthetic);
        for (std::size_t r = 0; r < data.rows[s]; ++r) {
          m[s](Eigen::Index(r), Eigen::Index(c)) = freq[codes[r]];
        }
      }
    }
  }
  const Eigen::RowVectorXd mean = m[0].colwise().mean();
  Eigen::RowVectorXd scale =
      ((m[0].rowwise() - mean).colwise().squaredNorm() / std::max<double>(m[0].rows(), 1)).cwiseSqrt();
  for (Eigen::Index c = 0; c < scale.size(); ++c) {
    if (!(scale[c] > 0)) scale[c] = 1;  // constant in the real data
  }
  for (int s = 0; s < 2; ++s) {
    m[s] = (m[s].rowwise() - mean).array().rowwise() / scale.array();
  }
  return m;
}

// Mean JS distance between real and synthetic along the real data's first two principal axes.
double DeepStructureDistance(const EvalData& data) {
  if (data.columns.empty() || data.rows[kReal] < 2 || data.rows[kSynthetic] == 0) return 0;
  const std::array<Eigen::MatrixXd, 2> m = EncodeForPca(data);
  const Eigen::MatrixXd axes = PrincipalAxes(m[0], 2);
  std::vector<double> distances;
  for (Eigen::Index a = 0; a < axes.cols(); ++a) {
    const Eigen::VectorXd real = m[0] * axes.col(a), syn = m[1] * axes.col(a);
    const auto hist = SharedRangeHistograms({real.data(), std::size_t(real.size())},
                                            {syn.data(), std::size_t(syn.size())}, kHistogramBins);
    distances.push_back(JensenShannonDistance(hist[0], hist[1]));
  }
  return Mean(distances);
}

}  // namespace

double CorrelationStabilityScore(double d) {
  return std::clamp(37.562 * d * d - 35.643 * d + 10.056, 0.0, 10.0);
}
double DistributionStabilityScore(double d) {
  return std::clamp(7.44 * d * d - 16.646 * d + 10.305, 0.0, 10.0);
}
double DeepStructureScore(double d) { return std::clamp(10 * std::exp(-1.6 * d), 0.0, 10.0); }

double SqsScore(double correlation, double distribution, double deep) {
  return 10 * (0.84 * deep + 0.86 * distribution + 1.0 * correlation) / 2.70;
}

std::string SqsGrade(double score) {
  if (score >= 80) return "Excellent";
  if (score >= 60) return "Good";
  if (score >= 40) return "Moderate";
  if (score >= 20) return "Poor";
  return "Very Poor";
}

double Association(const EvalColumn& first, const EvalColumn& second, Side side) {
  const auto bins = [](const EvalColumn& c) { return std::int32_t(c.categories.size() + 1); };
  double value;
  if (first.numeric && second.numeric) {
    value = Pearson(first.values[side], second.values[side]);
  } else if (first.numeric) {
    value = CorrelationRatio(CodesWithNull(second, side), bins(second), first.values[side]);
  } else if (second.numeric) {
    value = CorrelationRatio(CodesWithNull(first, side), bins(first), second.values[side]);
  } else {
    value = TheilsU(CodesWithNull(first, side), bins(first), CodesWithNull(second, side),
                    bins(second));
  }
  return std::isnan(value) ? 0 : value;  // undefined (constant column): no association
}

void ScoreSqs(const EvalData& data, const std::vector<std::array<int, 2>>& pairs,
              EvaluateReport* report) {
  // Correlation: the mean over the off-diagonal matrix entries, i.e. both directions of each pair
  // (they differ only for Theil's U).
  std::vector<double> differences;
  for (const auto& [i, j] : pairs) {
    const EvalColumn &a = data.columns[i], &b = data.columns[j];
    const double forward = std::abs(Association(a, b, kReal) - Association(a, b, kSynthetic));
    const bool asymmetric = !a.numeric && !b.numeric;
    const double backward =
        asymmetric ? std::abs(Association(b, a, kReal) - Association(b, a, kSynthetic)) : forward;
    differences.push_back(0.5 * (forward + backward));
  }
  std::vector<double> js;
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    const Binned binned = SharedRangeBins(data.columns[c], kHistogramBins);
    const double d = JensenShannonDistance(Frequencies(binned.codes[kReal], binned.num_bins),
                                           Frequencies(binned.codes[kSynthetic], binned.num_bins));
    js.push_back(d);
    report->columns[c].js_distance = d;
  }
  auto& sqs = report->sqs;
  // Nothing to compare is no evidence of quality: the score is not computed rather than 100.
  const double nan = std::numeric_limits<double>::quiet_NaN();
  if (data.columns.empty() || data.rows[kReal] < 2) {
    sqs.not_computed = data.columns.empty()
                           ? "no column to compare (identifiers and free text are left out)"
                           : fmt::format("the real data has {} row: distributions need at least 2",
                                         data.rows[kReal]);
    sqs.score = sqs.field_correlation_stability = sqs.field_distribution_stability = nan;
    sqs.deep_structure_stability = sqs.correlation_distance = sqs.distribution_distance = nan;
    sqs.deep_structure_distance = nan;
    sqs.grade.clear();
    return;
  }
  sqs.correlation_distance = Mean(differences);
  sqs.distribution_distance = Mean(js);
  sqs.deep_structure_distance = DeepStructureDistance(data);
  sqs.field_correlation_stability = CorrelationStabilityScore(sqs.correlation_distance);
  sqs.field_distribution_stability = DistributionStabilityScore(sqs.distribution_distance);
  sqs.deep_structure_stability = DeepStructureScore(sqs.deep_structure_distance);
  if (pairs.empty()) {
    // One column has no pair: its correlation is unknown, not perfect; the other two weigh in.
    sqs.not_computed = "field correlation stability: one column, no pair to correlate";
    sqs.correlation_distance = sqs.field_correlation_stability = nan;
    sqs.score = 10 * (0.84 * sqs.deep_structure_stability + 0.86 * sqs.field_distribution_stability) / 1.70;
  } else {
    sqs.score = SqsScore(sqs.field_correlation_stability, sqs.field_distribution_stability,
                         sqs.deep_structure_stability);
  }
  sqs.grade = SqsGrade(sqs.score);
}

}  // namespace ersatz::evaluate
