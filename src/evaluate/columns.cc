#include "evaluate/columns.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "ersatz/error.h"

namespace ersatz::evaluate {
namespace {

bool IsNumericKind(ColumnKind kind) {
  return kind == ColumnKind::kInteger || kind == ColumnKind::kFloat ||
         kind == ColumnKind::kDatetime;
}

std::vector<double> NumericValues(const Column& column) {
  std::vector<double> out(column.size());
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) {
      out[r] = std::numeric_limits<double>::quiet_NaN();
    } else if (column.kind() == ColumnKind::kFloat) {
      out[r] = column.floats()[r];
    } else {
      out[r] = static_cast<double>(column.integers()[r]);
    }
  }
  return out;
}

// Codes into `dictionary` (extended as new values appear), by the value's text.
std::vector<std::int32_t> SharedCodes(const Column& column, std::vector<std::string>* dictionary,
                                      std::unordered_map<std::string, std::int32_t>* index) {
  auto code_of = [&](std::string_view text) {
    auto [it, added] = index->try_emplace(std::string(text), std::int32_t(dictionary->size()));
    if (added) dictionary->emplace_back(text);
    return it->second;
  };
  std::vector<std::int32_t> out(column.size(), -1);
  if (column.kind() == ColumnKind::kBoolean) {
    // Booleans compare by value, whatever each file's spelling of true / false.
    const std::int32_t codes[2] = {code_of("false"), code_of("true")};
    for (std::size_t r = 0; r < column.size(); ++r) {
      if (!column.IsNull(r)) out[r] = codes[column.booleans()[r] ? 1 : 0];
    }
    return out;
  }
  std::vector<std::int32_t> local(column.categories().size());
  for (std::size_t c = 0; c < local.size(); ++c) local[c] = code_of(column.categories()[c]);
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (!column.IsNull(r)) out[r] = local[column.codes()[r]];
  }
  return out;
}

bool EveryValueDistinct(const Column& column) {
  if (column.kind() != ColumnKind::kCategorical || column.size() < 20) return false;
  return column.categories().size() == column.size() - column.null_count();
}

const Column& MatchingColumn(const Table& table, const Column& real_column, const char* which) {
  const int index = table.FindColumn(real_column.name());
  if (index < 0) {
    throw DataError(fmt::format("evaluate: the {} table lacks column '{}' of the real table",
                                which, real_column.name()));
  }
  const Column& column = table.column(index);
  const bool real_numeric = IsNumericKind(real_column.kind());
  const bool same_family = real_numeric ? IsNumericKind(column.kind())
                                        : !IsNumericKind(column.kind()) &&
                                              column.kind() != ColumnKind::kText;
  if (!same_family || (real_column.kind() == ColumnKind::kDatetime) !=
                          (column.kind() == ColumnKind::kDatetime)) {
    throw DataError(fmt::format(
        "evaluate: column '{}' is {} in the real table but {} in the {} table", real_column.name(),
        ColumnKindName(real_column.kind()), ColumnKindName(column.kind()), which));
  }
  return column;
}

}  // namespace

EvalData PrepareColumns(const Table& real, const Table& synthetic, const Table* holdout,
                        const EvaluateOptions& options) {
  EvalData data;
  data.rows = {real.num_rows(), synthetic.num_rows(), holdout ? holdout->num_rows() : 0};
  data.has_holdout = holdout != nullptr;
  const std::unordered_set<std::string> identifiers(options.identifier_columns.begin(),
                                                    options.identifier_columns.end());
  for (const std::string& name : options.identifier_columns) {
    if (real.FindColumn(name) < 0) {
      throw ParameterError(fmt::format(
          "evaluate: identifier column '{}' is not a column of the real table", name));
    }
  }
  for (std::size_t c = 0; c < real.num_columns(); ++c) {
    const Column& real_column = real.column(c);
    const std::string& name = real_column.name();
    if (identifiers.count(name)) {
      data.excluded.push_back({name, "identifier (declared)"});
      continue;
    }
    if (real_column.kind() == ColumnKind::kText) {
      data.excluded.push_back({name, "free text"});
      continue;
    }
    if (EveryValueDistinct(real_column)) {
      data.excluded.push_back({name, "identifier (every real value is distinct)"});
      continue;
    }
    const Column* sides[3] = {&real_column, &MatchingColumn(synthetic, real_column, "synthetic"),
                              holdout ? &MatchingColumn(*holdout, real_column, "holdout") : nullptr};
    EvalColumn column;
    column.name = name;
    column.numeric = IsNumericKind(real_column.kind());
    column.datetime = real_column.kind() == ColumnKind::kDatetime;
    std::unordered_map<std::string, std::int32_t> index;
    for (int s = 0; s < 3; ++s) {
      if (!sides[s]) continue;
      if (column.numeric) {
        column.values[s] = NumericValues(*sides[s]);
      } else {
        column.codes[s] = SharedCodes(*sides[s], &column.categories, &index);
      }
    }
    data.columns.push_back(std::move(column));
  }
  return data;
}

}  // namespace ersatz::evaluate
