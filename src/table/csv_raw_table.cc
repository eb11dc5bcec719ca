// RawTable's accessors: a cell's bytes and where it came from in the source file.
#include <fmt/format.h>

#include <algorithm>

#include "ersatz/csv.h"
#include "table/csv_internal.h"

namespace ersatz {

namespace csv_internal {

std::uint64_t SourceOffset(const RawTable& table, const RawField& field) {
  if (field.flags() & RawField::kUnescaped) {
    // Collapsed cells live in `unescaped`; their origins were recorded in increasing order.
    const auto& origins = table.unescaped_origins;
    const auto it = std::lower_bound(origins.begin(), origins.end(),
                                     std::make_pair(field.offset(), std::uint64_t{0}));
    return it != origins.end() && it->first == field.offset() ? it->second : 0;
  }
  return (field.flags() & RawField::kQuoted) ? field.offset() - 1 : field.offset();
}

}  // namespace csv_internal

std::vector<std::string> DefaultNullTokens() {
  return {"", "NA", "N/A", "NULL", "null", "NaN", "#N/A"};
}

std::string_view RawTable::Field(std::size_t col, std::size_t row) const {
  const RawField& f = columns[col][row];
  const std::string& bytes = (f.flags() & RawField::kUnescaped) ? unescaped : buffer;
  return std::string_view(bytes.data() + f.offset(), f.length());
}

RawTable::Position RawTable::PositionOf(std::size_t col, std::size_t row) const {
  return csv_internal::LocateOffset(*this, csv_internal::SourceOffset(*this, columns[col][row]));
}

std::string RawTable::Where(std::size_t col, std::size_t row) const {
  const Position pos = PositionOf(col, row);
  return fmt::format("{}:{}:{}", source, pos.line, pos.column);
}

}  // namespace ersatz
