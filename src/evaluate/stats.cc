#include "evaluate/stats.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::vector<double> SortedPresent(std::span<const double> values) {
  std::vector<double> out;
  out.reserve(values.size());
  for (double v : values) {
    if (!std::isnan(v)) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Joint counts of two code arrays, row-major [a][b].
std::vector<double> JointCounts(std::span<const std::int32_t> a, std::int32_t a_bins,
                                std::span<const std::int32_t> b, std::int32_t b_bins) {
  std::vector<double> counts(static_cast<std::size_t>(a_bins) * b_bins, 0.0);
  for (std::size_t r = 0; r < a.size(); ++r) counts[std::size_t(a[r]) * b_bins + b[r]] += 1;
  return counts;
}

double Entropy(std::span<const double> counts, double total) {
  double h = 0;
  for (double c : counts) {
    if (c > 0) h -= c / total * std::log(c / total);
  }
  return h;
}

}  // namespace

double KsStatistic(std::span<const double> a, std::span<const double> b) {
  const std::vector<double> x = SortedPresent(a), y = SortedPresent(b);
  if (x.empty() || y.empty()) return kNaN;
  std::size_t i = 0, j = 0;
  double d = 0;
  while (i < x.size() && j < y.size()) {
    // Step both empirical CDFs past the next value (ties move together).
    const double v = std::min(x[i], y[j]);
    while (i < x.size() && x[i] == v) ++i;
    while (j < y.size() && y[j] == v) ++j;
    d = std::max(d, std::abs(double(i) / x.size() - double(j) / y.size()));
  }
  return d;
}

double Pearson(std::span<const double> x, std::span<const double> y) {
  double n = 0, mx = 0, my = 0;
  for (std::size_t r = 0; r < x.size(); ++r) {
    if (std::isnan(x[r]) || std::isnan(y[r])) continue;
    n += 1;
    mx += x[r];
    my += y[r];
  }
  if (n < 2) return kNaN;
  mx /= n;
  my /= n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t r = 0; r < x.size(); ++r) {
    if (std::isnan(x[r]) || std::isnan(y[r])) continue;
    const double dx = x[r] - mx, dy = y[r] - my;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx <= 0 || syy <= 0) return kNaN;
  return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

double CramersV(std::span<const std::int32_t> a, std::int32_t a_bins,
                std::span<const std::int32_t> b, std::int32_t b_bins) {
  if (a.empty()) return 0;
  const std::vector<double> counts = JointCounts(a, a_bins, b, b_bins);
  std::vector<double> row(a_bins, 0.0), col(b_bins, 0.0);
  for (std::int32_t i = 0; i < a_bins; ++i) {
    for (std::int32_t j = 0; j < b_bins; ++j) {
      row[i] += counts[std::size_t(i) * b_bins + j];
      col[j] += counts[std::size_t(i) * b_bins + j];
    }
  }
  const double n = static_cast<double>(a.size());
  // χ² = n (Σ n_ij² / (n_i· n_·j) − 1), over the observed rows and columns only.
  double sum = 0;
  for (std::int32_t i = 0; i < a_bins; ++i) {
    for (std::int32_t j = 0; j < b_bins; ++j) {
      const double c = counts[std::size_t(i) * b_bins + j];
      if (c > 0) sum += c * c / (row[i] * col[j]);
    }
  }
  const auto observed = [](const std::vector<double>& m) {
    return std::count_if(m.begin(), m.end(), [](double c) { return c > 0; });
  };
  const double k = static_cast<double>(std::min(observed(row), observed(col)));
  if (k < 2) return 0;
  const double chi2 = n * (sum - 1);
  return std::sqrt(std::max(0.0, chi2 / (n * (k - 1))));
}

double TheilsU(std::span<const std::int32_t> x, std::int32_t x_bins,
               std::span<const std::int32_t> y, std::int32_t y_bins) {
  if (x.empty()) return 1;
  const double n = static_cast<double>(x.size());
  const std::vector<double> joint = JointCounts(x, x_bins, y, y_bins);
  std::vector<double> x_counts(x_bins, 0.0), y_counts(y_bins, 0.0);
  for (std::int32_t i = 0; i < x_bins; ++i) {
    for (std::int32_t j = 0; j < y_bins; ++j) {
      x_counts[i] += joint[std::size_t(i) * y_bins + j];
      y_counts[j] += joint[std::size_t(i) * y_bins + j];
    }
  }
  const double h_x = Entropy(x_counts, n);
  if (h_x <= 0) return 1;
  // H(x | y) = H(x, y) − H(y).
  const double h_x_given_y = Entropy(joint, n) - Entropy(y_counts, n);
  return std::clamp((h_x - h_x_given_y) / h_x, 0.0, 1.0);
}

double CorrelationRatio(std::span<const std::int32_t> x, std::int32_t x_bins,
                        std::span<const double> y) {
  std::vector<double> sums(x_bins, 0.0), counts(x_bins, 0.0);
  double total = 0, n = 0;
  for (std::size_t r = 0; r < y.size(); ++r) {
    if (std::isnan(y[r])) continue;
    sums[x[r]] += y[r];
    counts[x[r]] += 1;
    total += y[r];
    n += 1;
  }
  if (n < 2) return 0;
  const double mean = total / n;
  double between = 0, all = 0;
  for (std::int32_t c = 0; c < x_bins; ++c) {
    if (counts[c] > 0) between += counts[c] * std::pow(sums[c] / counts[c] - mean, 2);
  }
  for (double v : y) {
    if (!std::isnan(v)) all += (v - mean) * (v - mean);
  }
  if (all <= 0) return 0;
  return std::sqrt(std::clamp(between / all, 0.0, 1.0));
}

double JensenShannonDistance(std::span<const double> p, std::span<const double> q) {
  double js = 0;
  for (std::size_t i = 0; i < p.size(); ++i) {
    const double m = 0.5 * (p[i] + q[i]);
    if (p[i] > 0) js += 0.5 * p[i] * std::log2(p[i] / m);
    if (q[i] > 0) js += 0.5 * q[i] * std::log2(q[i] / m);
  }
  return std::sqrt(std::clamp(js, 0.0, 1.0));
}

}  // namespace ersatz::evaluate
