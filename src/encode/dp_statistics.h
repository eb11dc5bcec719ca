// With `fit --epsilon`, everything an encoder reads from the data (category sets, numeric and date
// ranges) is either declared public in the metadata file (spends nothing) or chosen by a DP
// mechanism charged to the fit's PrivacyBudget (../shared/REFERENCE.md §4: data-dependent
// preprocessing leaks). Booleans' two values are public by nature. Null codes are always present,
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

struct DpStatistics {
  privacy::PrivacyBudget* budget = nullptr;
  privacy::RandomBits* bits = nullptr;
  privacy::Spend per_column;  // what each column without a public domain may spend
};

// True when `spec` declares what the encoder of this column needs (no budget spent on it).
bool HasPublicDomain(const Column& column, const ColumnSpec* spec);

// The categories to keep, most frequent (by noisy count) first: the declared ones; a boolean's
// two values; or SelectCategories (discrete Laplace, threshold from δ) on `counts`.
std::vector<std::string> DpCategories(const std::vector<std::pair<std::string, std::int64_t>>& counts,
                                      const Column& column, const ColumnSpec* spec, DpStatistics& dp);

// [lower, upper] for a numeric or datetime column: the declared bounds, or DpMagnitudeBounds.
std::pair<double, double> DpRange(std::span<const double> values, const Column& column,
                                  const ColumnSpec* spec, DpStatistics& dp);

}  // namespace ersatz::encode
