#include "evaluate/discretize.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ersatz::evaluate {
namespace {

// Numeric bins by `upper_edges` (ascending; a value goes to the first bin whose edge is ≥ it, the
// last bin is open); nulls to bin edges.size() + 1.
Binned CutByEdges(const EvalColumn& column, const std::vector<double>& upper_edges) {
  Binned binned;
  const auto value_bins = static_cast<std::int32_t>(upper_edges.size() + 1);
  binned.num_bins = value_bins + 1;
  for (int s = 0; s < 2; ++s) {
    const auto& values = column.values[s];
    auto& codes = binned.codes[s];
    codes.resize(values.size());
    for (std::size_t r = 0; r < values.size(); ++r) {
      if (std::isnan(values[r])) {
        codes[r] = value_bins;
      } else {
        codes[r] = static_cast<std::int32_t>(
            std::lower_bound(upper_edges.begin(), upper_edges.end(), values[r]) -
            upper_edges.begin());
      }
    }
  }
  return binned;
}

// Categories as bins, null as the last bin.
Binned CategoryBins(const EvalColumn& column) {
  Binned binned;
  const auto null_bin = static_cast<std::int32_t>(column.categories.size());
  binned.num_bins = null_bin + 1;
  for (int s = 0; s < 2; ++s) {
    binned.codes[s] = column.codes[s];
    for (auto& code : binned.codes[s]) {
      if (code < 0) code = null_bin;
    }
  }
  return binned;
}

std::pair<double, double> Range(std::span<const double> values) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (double v : values) {
    if (std::isnan(v)) continue;
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  return {lo, hi};
}

// Inner edges of `bins` equal-width bins over [lo, hi]: bins − 1 cut points.
std::vector<double> EqualWidthEdges(double lo, double hi, int bins) {
  std::vector<double> edges;
  if (!(hi > lo)) return edges;  // constant or empty: one bin
  for (int b = 1; b < bins; ++b) edges.push_back(lo + (hi - lo) * b / bins);
  return edges;
}

}  // namespace

Binned ContingencyBins(const EvalColumn& column, int bins) {
  if (!column.numeric) return CategoryBins(column);
  const auto [lo, hi] = Range(column.values[kReal]);
  return CutByEdges(column, EqualWidthEdges(lo, hi, bins));
}

Binned SharedRangeBins(const EvalColumn& column, int bins) {
  if (!column.numeric) return CategoryBins(column);
  const auto [lo_r, hi_r] = Range(column.values[kReal]);
  const auto [lo_s, hi_s] = Range(column.values[kSynthetic]);
  return CutByEdges(column, EqualWidthEdges(std::min(lo_r, lo_s), std::max(hi_r, hi_s), bins));
}

Binned AccuracyBins(const EvalColumn& column) {
  if (column.numeric) {
    std::vector<double> sorted;
    for (double v : column.values[kReal]) {
      if (!std::isnan(v)) sorted.push_back(v);
    }
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> edges;
    if (!sorted.empty()) {
      // Upper edges at the 10%, ..., 90% quantiles (lower-value rule); equal ones merge, which
      // also gives each value of a column with few distinct values a bin of its own.
      for (int d = 1; d < 10; ++d) {
        const double q = sorted[(sorted.size() - 1) * d / 10];
        if (edges.empty() || q > edges.back()) edges.push_back(q);
      }
    }
    return CutByEdges(column, edges);
  }
  // Categorical: top 10 real categories with count ≥ 5 (ties by dictionary order), then
  // (other), then (n/a).
  std::vector<std::size_t> counts(column.categories.size(), 0);
  for (auto code : column.codes[kReal]) {
    if (code >= 0) ++counts[code];
  }
  std::vector<std::int32_t> order(counts.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::int32_t a, std::int32_t b) { return counts[a] > counts[b]; });
  std::vector<std::int32_t> bin_of(counts.size(), -1);
  std::int32_t kept = 0;
  for (auto code : order) {
    if (kept == 10 || counts[code] < 5) break;
    bin_of[code] = kept++;
  }
  const std::int32_t other = kept, missing = kept + 1;
  Binned binned;
  binned.num_bins = kept + 2;
  for (int s = 0; s < 2; ++s) {
    const auto& codes = column.codes[s];
    binned.codes[s].resize(codes.size());
    for (std::size_t r = 0; r < codes.size(); ++r) {
      binned.codes[s][r] = codes[r] < 0 ? missing : bin_of[codes[r]] < 0 ? other : bin_of[codes[r]];
    }
  }
  return binned;
}

std::array<std::vector<double>, 2> SharedRangeHistograms(std::span<const double> a,
                                                         std::span<const double> b, int bins) {
  const auto [lo_a, hi_a] = Range(a);
  const auto [lo_b, hi_b] = Range(b);
  const double lo = std::min(lo_a, lo_b), hi = std::max(hi_a, hi_b);
  const std::vector<double> edges = EqualWidthEdges(lo, hi, bins);
  std::array<std::vector<double>, 2> hist;
  const std::span<const double> sides[2] = {a, b};
  for (int s = 0; s < 2; ++s) {
    hist[s].assign(edges.size() + 1, 0.0);
    for (double v : sides[s]) {
      hist[s][std::lower_bound(edges.begin(), edges.end(), v) - edges.begin()] += 1;
    }
    for (double& h : hist[s]) h /= std::max<std::size_t>(sides[s].size(), 1);
  }
  return hist;
}

std::vector<double> Frequencies(std::span<const std::int32_t> codes, std::int32_t num_bins) {
  std::vector<double> freq(num_bins, 0.0);
  for (auto code : codes) freq[code] += 1;
  for (double& f : freq) f /= std::max<std::size_t>(codes.size(), 1);
  return freq;
}

double TotalVariation(std::span<const double> p, std::span<const double> q) {
  double sum = 0;
  for (std::size_t i = 0; i < p.size(); ++i) sum += std::abs(p[i] - q[i]);
  return 0.5 * sum;
}

double JointTvComplement(std::span<const Binned* const> columns) {
  // Joint cell = mixed-radix number of the bin codes. Small products use a dense table; large
  // ones (many categories) sort the keys instead.
  double cells = 1;
  for (const Binned* c : columns) cells *= c->num_bins;
  std::array<std::vector<std::uint64_t>, 2> keys;
  for (int s = 0; s < 2; ++s) {
    const std::size_t n = columns[0]->codes[s].size();
    keys[s].assign(n, 0);
    for (const Binned* c : columns) {
      for (std::size_t r = 0; r < n; ++r) {
        keys[s][r] = keys[s][r] * c->num_bins + c->codes[s][r];
      }
    }
  }
  const double n_real = std::max<std::size_t>(keys[0].size(), 1);
  const double n_syn = std::max<std::size_t>(keys[1].size(), 1);
  double tv = 0;
  if (cells <= (1 << 16)) {
    std::vector<double> diff(static_cast<std::size_t>(cells), 0.0);
    for (auto k : keys[0]) diff[k] += 1 / n_real;
    for (auto k : keys[1]) diff[k] -= 1 / n_syn;
    for (double d : diff) tv += std::abs(d);
  } else {
    std::sort(keys[0].begin(), keys[0].end());
    std::sort(keys[1].begin(), keys[1].end());
    std::size_t i = 0, j = 0;
    while (i < keys[0].size() || j < keys[1].size()) {
      const std::uint64_t k = std::min(i < keys[0].size() ? keys[0][i] : UINT64_MAX,
                                       j < keys[1].size() ? keys[1][j] : UINT64_MAX);
      double a = 0, b = 0;
      while (i < keys[0].size() && keys[0][i] == k) ++i, ++a;
      while (j < keys[1].size() && keys[1][j] == k) ++j, ++b;
      tv += std::abs(a / n_real - b / n_syn);
    }
  }
  return 1.0 - 0.5 * tv;
}

}  // namespace ersatz::evaluate
