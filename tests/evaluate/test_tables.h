// Small tables for the evaluation tests, and row selections of bigger ones.
#pragma once

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "ersatz/table.h"

namespace ersatz::evaluate::testing {

// A float column; NaN is a null.
inline Column Floats(const std::string& name, const std::vector<double>& values) {
  Column c(name, ColumnKind::kFloat);
  for (double v : values) std::isnan(v) ? c.AppendNull() : c.AppendFloat(v);
  return c;
}

// A categorical column; std::nullopt is a null.
inline Column Categories(const std::string& name,
                         const std::vector<std::optional<std::string>>& values) {
  Column c(name, ColumnKind::kCategorical);
  for (const auto& v : values) v ? c.AppendString(*v) : c.AppendNull();
  return c;
}

inline Table MakeTable(std::vector<Column> columns) {
  Table t;
  for (auto& c : columns) t.AddColumn(std::move(c));
  return t;
}

// Row `rows[i]` of `column` for every i (the same row may repeat).
inline Column TakeRows(const Column& column, const std::vector<std::size_t>& rows) {
  Column out(column.name(), column.kind());
  for (std::size_t r : rows) {
    if (column.IsNull(r)) {
      out.AppendNull();
      continue;
    }
    switch (column.kind()) {
      case ColumnKind::kInteger: out.AppendInteger(column.integers()[r]); break;
      case ColumnKind::kDatetime: out.AppendDatetime(column.integers()[r]); break;
      case ColumnKind::kFloat: out.AppendFloat(column.floats()[r]); break;
      case ColumnKind::kBoolean: out.AppendBoolean(column.booleans()[r] != 0); break;
      case ColumnKind::kCategorical:
      case ColumnKind::kText: out.AppendString(column.text(r)); break;
    }
  }
  return out;
}

inline Table TakeRows(const Table& table, const std::vector<std::size_t>& rows) {
  Table out;
  for (std::size_t c = 0; c < table.num_columns(); ++c) out.AddColumn(TakeRows(table.column(c), rows));
  return out;
}

}  // namespace ersatz::evaluate::testing
