#include "ersatz/table.h"

#include <fmt/format.h>

#include <array>
#include <charconv>
#include <limits>

#include "ersatz/error.h"
#include "table/datetime.h"

namespace ersatz {

namespace {
constexpr std::array<std::string_view, 6> kKindNames = {"integer",  "float",       "boolean",
                                                        "datetime", "categorical", "text"};
}  // namespace

std::string_view ColumnKindName(ColumnKind kind) {
  return kKindNames[static_cast<std::size_t>(kind)];
}

bool ParseColumnKind(std::string_view name, ColumnKind* kind) {
  for (std::size_t i = 0; i < kKindNames.size(); ++i) {
    if (kKindNames[i] == name) {
      *kind = static_cast<ColumnKind>(i);
      return true;
    }
  }
  return false;
}

void Validity::Append(std::size_t size, bool valid) {
  if (valid && bits_.empty()) return;  // still all-valid: nothing to store
  if (bits_.empty()) {
    // First null: materialise the bitmap with every earlier row valid.
    bits_.reserve((std::max(reserve_rows_, size + 1) + 63) / 64);
    bits_.assign((size + 64) / 64, ~std::uint64_t{0});
  }
  if ((size >> 6) >= bits_.size()) bits_.push_back(~std::uint64_t{0});
  if (!valid) {
    bits_[size >> 6] &= ~(std::uint64_t{1} << (size & 63));
    ++null_count_;
  }
}

Column::Column(std::string name, ColumnKind kind) : name_(std::move(name)), kind_(kind) {
  if (kind_ == ColumnKind::kText) offsets_.push_back(0);
}

void Column::Reserve(std::size_t rows) {
  validity_.Reserve(rows);
  switch (kind_) {
    case ColumnKind::kInteger:
    case ColumnKind::kDatetime: ints_.reserve(rows); break;
    case ColumnKind::kFloat: floats_.reserve(rows); break;
    case ColumnKind::kBoolean: bools_.reserve(rows); break;
    case ColumnKind::kCategorical: codes_.reserve(rows); break;
    case ColumnKind::kText: offsets_.reserve(rows + 1); break;
  }
}

void Column::AdoptIntegers(std::vector<std::int64_t> values, std::span<const std::size_t> null_rows) {
  if ((kind_ != ColumnKind::kInteger && kind_ != ColumnKind::kDatetime) || size_ != 0) {
    throw ParameterError(fmt::format("column '{}': integers can only replace an empty integer or "
                                     "datetime column", name_));
  }
  ints_ = std::move(values);
  AdoptValidity(ints_.size(), null_rows);
}

void Column::AdoptFloats(std::vector<double> values, std::span<const std::size_t> null_rows) {
  if (kind_ != ColumnKind::kFloat || size_ != 0) {
    throw ParameterError(fmt::format("column '{}': floats can only replace an empty float column",
                                     name_));
  }
  floats_ = std::move(values);
  AdoptValidity(floats_.size(), null_rows);
}

void Column::AdoptValidity(std::size_t rows, std::span<const std::size_t> null_rows) {
  size_ = rows;
  if (null_rows.empty()) return;
  // Rows before the first null need no bitmap; from there on Append builds it row by row.
  validity_.Reserve(rows);
  std::size_t next = 0;
  for (std::size_t r = null_rows.front(); r < rows; ++r) {
    const bool null = next < null_rows.size() && null_rows[next] == r;
    next += null ? 1 : 0;
    validity_.Append(r, !null);
  }
}

void Column::AppendNull() {
  switch (kind_) {
    case ColumnKind::kInteger:
    case ColumnKind::kDatetime: ints_.push_back(0); break;
    case ColumnKind::kFloat: floats_.push_back(0.0); break;
    case ColumnKind::kBoolean: bools_.push_back(0); break;
    case ColumnKind::kCategorical: codes_.push_back(-1); break;
    case ColumnKind::kText: offsets_.push_back(arena_.size()); break;
  }
  validity_.Append(size_, false);
  ++size_;
}

void Column::AppendInteger(std::int64_t v) {
  ints_.push_back(v);
  validity_.Append(size_++, true);
}

void Column::AppendFloat(double v) {
  floats_.push_back(v);
  validity_.Append(size_++, true);
}

void Column::AppendBoolean(bool v) {
  bools_.push_back(v ? 1 : 0);
  validity_.Append(size_++, true);
}

void Column::AppendDatetime(std::int64_t us) {
  ints_.push_back(us);
  validity_.Append(size_++, true);
}

void Column::AppendCategory(std::int32_t code) {
  codes_.push_back(code);
  validity_.Append(size_++, true);
}

void Column::AppendString(std::string_view s) {
  if (kind_ == ColumnKind::kCategorical) {
    AppendCategory(AddCategory(s));
    return;
  }
  arena_.append(s);
  offsets_.push_back(arena_.size());
  validity_.Append(size_++, true);
}

std::int32_t Column::AddCategory(std::string_view s) {
  auto it = category_index_.find(s);
  if (it != category_index_.end()) return it->second;
  if (categories_.size() >= static_cast<std::size_t>(std::numeric_limits<std::int32_t>::max())) {
    throw DataError(fmt::format("column '{}': more than 2^31 distinct categories", name_));
  }
  const auto code = static_cast<std::int32_t>(categories_.size());
  categories_.emplace_back(s);
  category_index_.emplace(std::string(s), code);
  return code;
}

std::int32_t Column::FindCategory(std::string_view s) const {
  auto it = category_index_.find(s);
  return it == category_index_.end() ? -1 : it->second;
}

std::string_view Column::text(std::size_t row) const {
  if (kind_ == ColumnKind::kCategorical) {
    const std::int32_t code = codes_[row];
    return code < 0 ? std::string_view() : std::string_view(categories_[code]);
  }
  return std::string_view(arena_).substr(offsets_[row], offsets_[row + 1] - offsets_[row]);
}

void Column::FormatValueTo(std::size_t row, std::string* out) const {
  if (IsNull(row)) return;
  char buf[64];
  switch (kind_) {
    case ColumnKind::kInteger: {
      auto r = std::to_chars(buf, buf + sizeof buf, ints_[row]);
      out->append(buf, r.ptr);
      break;
    }
    case ColumnKind::kFloat: {
      // Shortest text that reads back to the same double: precision survives a round trip.
      auto r = std::to_chars(buf, buf + sizeof buf, floats_[row]);
      out->append(buf, r.ptr);
      break;
    }
    case ColumnKind::kBoolean:
      out->append(bools_[row] ? boolean_spelling_.true_text : boolean_spelling_.false_text);
      break;
    case ColumnKind::kDatetime: FormatDatetime(ints_[row], datetime_format_, out); break;
    case ColumnKind::kCategorical:
    case ColumnKind::kText: out->append(text(row)); break;
  }
}

std::string Column::FormatValue(std::size_t row) const {
  std::string s;
  FormatValueTo(row, &s);
  return s;
}

std::size_t Column::MemoryBytes() const {
  std::size_t bytes = ints_.capacity() * sizeof(std::int64_t) + floats_.capacity() * sizeof(double) +
                      bools_.capacity() + codes_.capacity() * sizeof(std::int32_t) +
                      arena_.capacity() + offsets_.capacity() * sizeof(std::uint64_t) +
                      (size_ + 7) / 8 * (validity_.HasNulls() ? 1 : 0);
  for (const auto& c : categories_) bytes += sizeof(std::string) + c.capacity() * 2;  // + index
  return bytes;
}

Column Column::Take(std::span<const std::uint32_t> rows) const {
  Column out(name_, kind_);
  out.datetime_format_ = datetime_format_;
  out.boolean_spelling_ = boolean_spelling_;
  out.float_decimals_ = float_decimals_;
  if (kind_ == ColumnKind::kCategorical) {  // same dictionary, so codes carry over unchanged
    out.categories_ = categories_;
    out.category_index_ = category_index_;
  }
  out.Reserve(rows.size());
  for (std::uint32_t r : rows) {
    if (IsNull(r)) {
      out.AppendNull();
      continue;
    }
    switch (kind_) {
      case ColumnKind::kInteger: out.AppendInteger(ints_[r]); break;
      case ColumnKind::kFloat: out.AppendFloat(floats_[r]); break;
      case ColumnKind::kBoolean: out.AppendBoolean(bools_[r] != 0); break;
      case ColumnKind::kDatetime: out.AppendDatetime(ints_[r]); break;
      case ColumnKind::kCategorical: out.AppendCategory(codes_[r]); break;
      case ColumnKind::kText: out.AppendString(text(r)); break;
    }
  }
  return out;
}

int Table::FindColumn(std::string_view name) const {
  for (std::size_t i = 0; i < columns_.size(); ++i) {
    if (columns_[i].name() == name) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> Table::ColumnNames() const {
  std::vector<std::string> names;
  names.reserve(columns_.size());
  for (const auto& c : columns_) names.push_back(c.name());
  return names;
}

void Table::AddColumn(Column column) {
  if (FindColumn(column.name()) >= 0) {
    throw ParameterError(fmt::format("duplicate column name '{}'", column.name()));
  }
  if (!columns_.empty() && column.size() != num_rows()) {
    throw ParameterError(fmt::format("column '{}' has {} rows, the table has {}", column.name(),
                                     column.size(), num_rows()));
  }
  columns_.push_back(std::move(column));
}

bool Table::RemoveColumn(std::string_view name) {
  const int i = FindColumn(name);
  if (i < 0) return false;
  columns_.erase(columns_.begin() + i);
  return true;
}

Table Table::Take(std::span<const std::uint32_t> rows) const {
  Table out;
  for (const auto& c : columns_) out.columns_.push_back(c.Take(rows));
  return out;
}

std::size_t Table::MemoryBytes() const {
  std::size_t bytes = 0;
  for (const auto& c : columns_) bytes += c.MemoryBytes();
  return bytes;
}

}  // namespace ersatz
