#include "models/argn/learnable.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "ersatz/error.h"

namespace ersatz {

namespace {

// At most one distinct non-missing value (the loop stops at the second).
bool SingleValued(const Column& column) {
  std::string first, other;
  bool seen = false;
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) continue;
    if (!seen) {
      column.FormatValueTo(r, &first);
      seen = true;
      continue;
    }
    other.clear();
    column.FormatValueTo(r, &other);
    if (other != first) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> CheckLearnable(const Table& table, const Metadata& schema) {
  if (table.num_columns() == 0) throw DataError("nothing to learn: the table has no columns");
  if (table.num_rows() < 2) {
    throw DataError(fmt::format("cannot learn from {} row(s): at least 2 are needed", table.num_rows()));
  }
  std::vector<std::string> warnings, empty, single;
  std::size_t learned = 0;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    const ColumnSpec* spec = schema.Find(column.name());
    if (spec != nullptr && spec->type == SemanticType::kIdentifier) continue;
    ++learned;
    if (column.null_count() == column.size()) {
      empty.push_back(column.name());
      warnings.push_back(fmt::format("column '{}': all {} values are missing, so it is generated empty",
                                     column.name(), column.size()));
    } else if (SingleValued(column)) {
      single.push_back(column.name());
    }
  }
  if (learned > 0 && empty.size() == learned) {
    throw DataError(fmt::format("nothing to learn: every column to learn is empty ({})",
                                fmt::join(empty, ", ")));
  }
  if (learned > 0 && empty.size() + single.size() == learned) {
    warnings.push_back(fmt::format(
        "every column to learn holds a single value or none ({}): each sampled row will repeat it",
        fmt::join(single, ", ")));
  }
  return warnings;
}

}  // namespace ersatz
