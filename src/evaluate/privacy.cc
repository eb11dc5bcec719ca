#include "evaluate/privacy.h"

#include <algorithm>
#include <bit>
#include <cmath>
#include <fmt/format.h>
#include <limits>

#include "evaluate/sampling.h"

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::uint64_t kSyntheticRowsStream = 0x9b1;
constexpr std::uint64_t kTrainingRowsStream = 0x9b2;
constexpr std::uint64_t kDcrTrainingStream = 0x9b3;
constexpr std::uint64_t kDcrHoldoutStream = 0x9b4;

// One cell as 64 bits for exact comparison: NaN (null) gets one pattern, -0 equals +0.
std::uint64_t CellKey(const EvalColumn& column, Side side, std::size_t row) {
  if (!column.numeric) return std::uint64_t(std::int64_t(column.codes[side][row]));
  const double v = column.values[side][row];
  if (std::isnan(v)) return 0x7ff8dead0000beefull;
  return std::bit_cast<std::uint64_t>(v == 0 ? 0.0 : v);
}

// SplitMix64's finaliser (Steele, Lea & Flood 2014) as a hash mix.
std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

std::uint64_t RowHash(const EvalData& data, Side side, std::size_t row) {
  std::uint64_t h = 0x5eed;
  for (const EvalColumn& column : data.columns) h = Mix64(h ^ CellKey(column, side, row));
  return h;
}

bool RowsEqual(const EvalData& data, Side a, std::size_t row_a, Side b, std::size_t row_b) {
  for (const EvalColumn& column : data.columns) {
    if (CellKey(column, a, row_a) != CellKey(column, b, row_b)) return false;
  }
  return true;
}

double Median(std::vector<double> values) {
  if (values.empty()) return kNaN;
  const std::size_t mid = values.size() / 2;
  std::nth_element(values.begin(), values.begin() + mid, values.end());
  return values[mid];
}

double Quantile(std::vector<double> values, double q) {
  if (values.empty()) return kNaN;
  const std::size_t at = static_cast<std::size_t>(q * (values.size() - 1));
  std::nth_element(values.begin(), values.begin() + at, values.end());
  return values[at];
}

}  // namespace

PointSet MakePoints(const EvalData& data, Side side, std::span<const std::size_t> rows) {
  PointSet points(data.columns.size(), rows.size());
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    const EvalColumn& column = data.columns[c];
    if (!column.numeric) {
      for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto code = column.codes[side][rows[i]];
        points.at(i, c) = code < 0 ? PointSet::kNullCoordinate : float(code);
      }
      continue;
    }
    double lo = std::numeric_limits<double>::infinity(), hi = -lo;
    for (double v : column.values[kReal]) {
      if (!std::isnan(v)) lo = std::min(lo, v), hi = std::max(hi, v);
    }
    // A constant real column compares values by absolute difference (any change counts fully
    // once it reaches 1).
    const double range = hi > lo ? hi - lo : 1.0;
    const double origin = std::isfinite(lo) ? lo : 0.0;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const double v = column.values[side][rows[i]];
      points.at(i, c) =
          std::isnan(v) ? PointSet::kNullCoordinate : float((v - origin) / range);
    }
  }
  return points;
}

double ExactCopyRate(const EvalData& data, Side side) {
  const std::size_t n_real = data.rows[kReal], n = data.rows[side];
  if (n == 0) return kNaN;
  std::vector<std::pair<std::uint64_t, std::size_t>> index(n_real);
  for (std::size_t r = 0; r < n_real; ++r) index[r] = {RowHash(data, kReal, r), r};
  std::sort(index.begin(), index.end());
  std::size_t copies = 0;
  for (std::size_t r = 0; r < n; ++r) {
    const std::uint64_t h = RowHash(data, side, r);
    auto it = std::lower_bound(index.begin(), index.end(), std::make_pair(h, std::size_t{0}));
    for (; it != index.end() && it->first == h; ++it) {
      if (RowsEqual(data, kReal, it->second, side, r)) {
        ++copies;
        break;
      }
    }
  }
  return double(copies) / double(n);
}

void ScorePrivacy(const EvalData& data, const EvaluateOptions& options, EvaluateReport* report) {
  auto& p = report->privacy;
  p.computed = true;
  p.exact_copy_rate = ExactCopyRate(data, kSynthetic);
  p.holdout_exact_copy_rate = data.has_holdout ? ExactCopyRate(data, kHoldout) : kNaN;
  const double dims = std::max<double>(data.columns.size(), 1);

  // NNDR: every (sampled) synthetic row against every (sampled) training row.
  const auto synthetic_rows =
      SampleRows(data.rows[kSynthetic], options.max_privacy_rows, options.seed, kSyntheticRowsStream);
  const auto training_rows =
      SampleRows(data.rows[kReal], options.max_privacy_rows, options.seed, kTrainingRowsStream);
  if (synthetic_rows.size() < data.rows[kSynthetic] || training_rows.size() < data.rows[kReal]) {
    report->notes.push_back(fmt::format(
        "privacy distances use {} of {} synthetic and {} of {} training rows (max_privacy_rows)",
        synthetic_rows.size(), data.rows[kSynthetic], training_rows.size(), data.rows[kReal]));
  }
  p.synthetic_rows_used = synthetic_rows.size();
  p.training_rows_used = training_rows.size();
  const PointSet queries = MakePoints(data, kSynthetic, synthetic_rows);
  const auto nearest =
      FindTwoNearest(queries, MakePoints(data, kReal, training_rows), options.threads);
  std::vector<double> ratios(nearest.size());
  double ratio_sum = 0;
  for (std::size_t i = 0; i < nearest.size(); ++i) {
    // Two equally close records (0 / 0 included): none stands out, the ratio is 1.
    const auto [first, second] = nearest[i];
    ratios[i] = first == second ? 1.0 : std::isinf(second) ? 0.0 : first / second;
    ratio_sum += ratios[i];
  }
  p.nndr = ratios.empty() ? kNaN : ratio_sum / ratios.size();
  p.nndr_p05 = Quantile(ratios, 0.05);

  // DCR share: training and holdout samples of the same size, so a generator that learned only
  // the population is as close to one as to the other (share 0.5).
  p.dcr_share = p.dcr_training_median = p.dcr_holdout_median = kNaN;
  if (data.has_holdout && data.rows[kHoldout] > 0 && data.rows[kReal] > 0) {
    const std::size_t size =
        std::min({data.rows[kHoldout], data.rows[kReal], options.max_privacy_rows});
    const auto train_sample = SampleRows(data.rows[kReal], size, options.seed, kDcrTrainingStream);
    const auto holdout_sample =
        SampleRows(data.rows[kHoldout], size, options.seed, kDcrHoldoutStream);
    p.holdout_rows_used = size;
    const auto to_training =
        FindTwoNearest(queries, MakePoints(data, kReal, train_sample), options.threads);
    const auto to_holdout =
        FindTwoNearest(queries, MakePoints(data, kHoldout, holdout_sample), options.threads);
    double closer = 0;
    std::vector<double> d_train(queries.rows()), d_holdout(queries.rows());
    for (std::size_t i = 0; i < queries.rows(); ++i) {
      const float a = to_training[i].first, b = to_holdout[i].first;
      closer += a < b ? 1.0 : a == b ? 0.5 : 0.0;
      d_train[i] = a / dims;
      d_holdout[i] = b / dims;
    }
    p.dcr_share = queries.rows() > 0 ? closer / queries.rows() : kNaN;
    p.dcr_training_median = Median(d_train);
    p.dcr_holdout_median = Median(d_holdout);
  }

  const double copy_threshold =
      std::max(options.alarm_exact_copy_rate,
               std::isnan(p.holdout_exact_copy_rate) ? 0.0 : 2 * p.holdout_exact_copy_rate);
  if (p.exact_copy_rate > copy_threshold) {
    p.alarm_reasons.push_back(fmt::format(
        "{:.1f}% of synthetic rows are exact copies of training rows (threshold {:.1f}%)",
        100 * p.exact_copy_rate, 100 * copy_threshold));
  }
  if (p.dcr_share > options.alarm_dcr_share) {
    p.alarm_reasons.push_back(fmt::format(
        "{:.1f}% of synthetic rows are closer to a training row than to a holdout row "
        "(threshold {:.1f}%; 50% is what unseen data gets)",
        100 * p.dcr_share, 100 * options.alarm_dcr_share));
  }
  p.alarm = !p.alarm_reasons.empty();
}

}  // namespace ersatz::evaluate
