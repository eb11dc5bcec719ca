// With `fit --epsilon`, everything an encoder reads from the data (category sets, numeric and date
// ranges) is either declared public in the metadata file (spends nothing) or chosen by a DP
// mechanism whose zCDP ρ (and threshold δ) is recorded here; the fit adds the ρ's to DP-SGD's RDP
// curve and converts the total once (../shared/REFERENCE.md §4: data-dependent preprocessing
// leaks). Booleans' two values are public by nature. Null codes are always present,
// so whether a column has nulls is not revealed. Formats (datetime pattern, a float column's
// decimals) are treated as public: they describe the file, not a person. docs/privacy.md.
#pragma once

#include <span>
#include <string>
#include <utility>
#include <vector>

#include "ersatz/metadata.h"
#include "ersatz/table.h"
#include "privacy/budget.h"
#include "privacy/random_bits.h"

namespace ersatz::encode {

// One column's statistic: ρ-zCDP for its noise, δ for its threshold (categories only).
struct DpStatisticStep {
  std::string name;  // "categories of 'workclass'", "range of 'age'"
  double rho = 0;
  double delta = 0;
};

struct DpStatistics {
  privacy::RandomBits* bits = nullptr;
  double rho_per_column = 0;              // each column without a public domain
  double threshold_delta_per_column = 0;  // a category set's threshold
  std::vector<DpStatisticStep> steps;     // what was spent, appended as columns are fitted

  double TotalRho() const;
  double TotalDelta() const;
};

// True when `spec` declares what the encoder of this column needs (no budget spent on it).
bool HasPublicDomain(const Column& column, const ColumnSpec* spec);

// The categories to keep, most frequent (by noisy count) first: the declared ones; a boolean's
// two values; or SelectCategoriesZcdp (discrete Gaussian, threshold from δ) on `counts`.
std::vector<std::string> DpCategories(const std::vector<std::pair<std::string, std::int64_t>>& counts,
                                      const Column& column, const ColumnSpec* spec, DpStatistics& dp);

// [lower, upper] for a numeric or datetime column: the declared bounds, or DpMagnitudeBounds at
// ε = √(2ρ) (pure ε-DP is ε²/2-zCDP, Bun & Steinke 2016 Prop. 1.4).
std::pair<double, double> DpRange(std::span<const double> values, const Column& column,
                                  const ColumnSpec* spec, DpStatistics& dp);

}  // namespace ersatz::encode
