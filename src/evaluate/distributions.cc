#include "evaluate/distributions.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "table/civil.h"

namespace ersatz::evaluate {
namespace {

constexpr int kBins = 20;

// A datetime bin edge as its date (microseconds since the epoch → YYYY-MM-DD).
std::string FormatDate(double microseconds) {
  const std::int64_t days = FloorDiv(std::int64_t(std::floor(microseconds)), 86400000000LL);
  const CivilDate date = CivilFromDays(days);
  return fmt::format("{:04}-{:02}-{:02}", date.year, date.month, date.day);
}

std::string FormatEdge(double v) {
  if (std::fabs(v) >= 1e5 || (v != 0 && std::fabs(v) < 1e-3)) return fmt::format("{:.3g}", v);
  return fmt::format("{:.4g}", v);
}

// bins[s][b]: count of side s in bin b; `bin_of(side, row)` gives b.
template <typename BinOf>
void Count(const EvalData& data, int num_bins, BinOf bin_of, ColumnReport* out) {
  for (int s = 0; s < 2; ++s) {
    std::vector<double> f(num_bins, 0.0);
    for (std::size_t r = 0; r < data.rows[s]; ++r) f[bin_of(Side(s), r)] += 1;
    for (double& x : f) x /= std::max<double>(1, data.rows[s]);
    (s == kReal ? out->real_frequencies : out->synthetic_frequencies) = std::move(f);
  }
}

void NumericDistribution(const EvalData& data, const EvalColumn& column, ColumnReport* out) {
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  bool nulls = false;
  for (int s = 0; s < 2; ++s) {
    for (double v : column.values[s]) {
      if (std::isnan(v)) {
        nulls = true;
      } else if (s == kReal) {
        lo = std::min(lo, v), hi = std::max(hi, v);
      }
    }
  }
  if (!std::isfinite(lo)) lo = hi = 0;
  const double width = hi > lo ? (hi - lo) / kBins : 1.0;
  for (int b = 0; b < kBins; ++b) {
    const double edge = lo + b * width;
    out->bins.push_back(column.datetime ? FormatDate(edge) : FormatEdge(edge));
  }
  if (nulls) out->bins.push_back("(null)");
  Count(data, int(out->bins.size()), [&](Side s, std::size_t r) {
    const double v = column.values[s][r];
    if (std::isnan(v)) return kBins;
    return std::clamp(int(std::floor((v - lo) / width)), 0, kBins - 1);
  }, out);
}

void CategoricalDistribution(const EvalData& data, const EvalColumn& column, ColumnReport* out) {
  const std::size_t k = column.categories.size();
  std::vector<std::size_t> counts(k, 0);
  bool nulls = false;
  for (int s = 0; s < 2; ++s) {
    for (auto code : column.codes[s]) {
      if (code < 0) nulls = true;
      else if (s == kReal) ++counts[code];
    }
  }
  std::vector<std::size_t> order(k);
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return counts[a] > counts[b]; });
  const std::size_t shown = std::min<std::size_t>(k, kBins);
  std::vector<int> bin_of(k, int(shown));  // not shown: "(other)"
  for (std::size_t i = 0; i < shown; ++i) {
    bin_of[order[i]] = int(i);
    out->bins.push_back(column.categories[order[i]]);
  }
  const bool other = k > shown;
  if (other) out->bins.push_back("(other)");
  const int null_bin = int(out->bins.size());
  if (nulls) out->bins.push_back("(null)");
  Count(data, int(out->bins.size()), [&](Side s, std::size_t r) {
    const auto code = column.codes[s][r];
    return code < 0 ? null_bin : bin_of[code];
  }, out);
}

}  // namespace

void FillDistributions(const EvalData& data, EvaluateReport* report) {
  for (std::size_t c = 0; c < data.columns.size() && c < report->columns.size(); ++c) {
    const EvalColumn& column = data.columns[c];
    ColumnReport& out = report->columns[c];
    out.bins.clear();
    if (column.numeric) {
      NumericDistribution(data, column, &out);
    } else {
      CategoricalDistribution(data, column, &out);
    }
  }
}

}  // namespace ersatz::evaluate
