#include "encode/dp_statistics.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "privacy/dp_counts.h"
#include "privacy/dp_quantiles.h"

namespace ersatz::encode {

double DpStatistics::TotalRho() const {
  double total = 0;
  for (const auto& step : steps) total += step.rho;
  return total;
}

double DpStatistics::TotalDelta() const {
  double total = 0;
  for (const auto& step : steps) total += step.delta;
  return total;
}

bool HasPublicDomain(const Column& column, const ColumnSpec* spec) {
  if (column.kind() == ColumnKind::kBoolean) return true;
  return spec != nullptr && (spec->categories.has_value() || spec->bounds.has_value());
}

std::vector<std::string> DpCategories(const std::vector<std::pair<std::string, std::int64_t>>& counts,
                                      const Column& column, const ColumnSpec* spec, DpStatistics& dp) {
  if (column.kind() == ColumnKind::kBoolean) return {"true", "false"};
  if (spec != nullptr && spec->categories) return *spec->categories;
  std::vector<std::int64_t> n(counts.size());
  for (std::size_t i = 0; i < counts.size(); ++i) n[i] = counts[i].second;
  const privacy::CategorySelection selection =
      privacy::SelectCategoriesZcdp(n, dp.rho_per_column, dp.threshold_delta_per_column, *dp.bits);
  dp.steps.push_back({fmt::format("categories of '{}'", column.name()), selection.rho, selection.spent.delta});
  std::vector<std::size_t> order(selection.kept.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  // Most frequent first by the NOISY counts (the true ones are private); names break ties.
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (selection.noisy_counts[a] != selection.noisy_counts[b]) {
      return selection.noisy_counts[a] > selection.noisy_counts[b];
    }
    return counts[selection.kept[a]].first < counts[selection.kept[b]].first;
  });
  std::vector<std::string> kept;
  for (std::size_t i : order) kept.push_back(counts[selection.kept[i]].first);
  return kept;
}

std::pair<double, double> DpRange(std::span<const double> values, const Column& column,
                                  const ColumnSpec* spec, DpStatistics& dp) {
  if (spec != nullptr && spec->bounds) return *spec->bounds;
  const privacy::MagnitudeBounds bounds =
      privacy::DpMagnitudeBounds(values, std::sqrt(2 * dp.rho_per_column), *dp.bits);
  const double epsilon = bounds.spent.epsilon;
  dp.steps.push_back({fmt::format("range of '{}'", column.name()), epsilon * epsilon / 2, bounds.spent.delta});
  return {bounds.lower, bounds.upper};
}

}  // namespace ersatz::encode
