// The real, synthetic and holdout tables put on one footing, column by column, for every metric:
// numeric columns (integer, float, datetime) as doubles with NaN for null; categorical ones
// (categorical, boolean) as codes into ONE dictionary shared by the tables, -1 for null — the
// tables' own dictionaries differ, so comparing their codes directly would be wrong.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "ersatz/evaluate.h"
#include "ersatz/table.h"

namespace ersatz::evaluate {

enum Side : int { kReal = 0, kSynthetic = 1, kHoldout = 2 };

struct EvalColumn {
  std::string name;
  bool numeric = false;
  bool datetime = false;  // numeric values are microseconds since the epoch (labels show dates)
  std::array<std::vector<double>, 3> values;        // numeric: per side, NaN = null
  std::array<std::vector<std::int32_t>, 3> codes;   // categorical: per side, -1 = null
  std::vector<std::string> categories;              // categorical: the shared dictionary
};

struct EvalData {
  std::vector<EvalColumn> columns;
  std::vector<ExcludedColumn> excluded;
  std::array<std::size_t, 3> rows{};
  bool has_holdout = false;
};

// Matches columns by name, leaves out free text, identifiers (named in options, or categorical
// columns whose every value is distinct) and says why. DataError when `synthetic` or `holdout`
// lacks a real column or holds it with an incompatible kind.
EvalData PrepareColumns(const Table& real, const Table& synthetic, const Table* holdout,
                        const EvaluateOptions& options);

}  // namespace ersatz::evaluate
