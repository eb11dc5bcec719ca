// The typed, columnar in-memory table every stage of ersatz reads and writes.
//
// Fixed-width kinds keep their values in one contiguous vector (N rows of a 64-bit column cost
// about 8·N bytes); categorical columns are dictionary-encoded; free text lives in one arena with
// offsets. Missing values are explicit: a validity bitmap, absent when a column has no nulls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ersatz {

enum class ColumnKind : std::uint8_t {
  kInteger,      // int64
  kFloat,        // double
  kBoolean,      // 0 / 1, with the input's spelling of true / false remembered
  kDatetime,     // int64 microseconds since 1970-01-01T00:00:00 (UTC when the input had a zone)
  kCategorical,  // int32 codes into a dictionary of distinct strings
  kText,         // free text: one arena, offsets per row
};

// "integer", "float", "boolean", "datetime", "categorical", "text".
std::string_view ColumnKindName(ColumnKind kind);
// Inverse of ColumnKindName; returns false when `name` is not a kind.
bool ParseColumnKind(std::string_view name, ColumnKind* kind);

// One bit per row; an empty bitmap means "no nulls" so null-free columns cost nothing.
class Validity {
 public:
  bool IsValid(std::size_t row) const {
    return bits_.empty() || ((bits_[row >> 6] >> (row & 63)) & 1u);
  }
  bool HasNulls() const { return null_count_ > 0; }
  std::size_t null_count() const { return null_count_; }
  // Appends one row's validity; `size` is the number of rows before this one.
  void Append(std::size_t size, bool valid);
  void Reserve(std::size_t rows) { reserve_rows_ = rows; }

 private:
  std::vector<std::uint64_t> bits_;
  std::size_t null_count_ = 0;
  std::size_t reserve_rows_ = 0;
};

// How a datetime column was spelled in its source, so output looks like input. `pattern` uses
// strftime-style tokens: %Y %m %d %H %M %S, %f (fraction, `fraction_digits` wide), %z (offset),
// %s (epoch seconds); anything else is literal.
struct DatetimeFormat {
  std::string pattern = "%Y-%m-%d";
  int fraction_digits = 0;
  bool operator==(const DatetimeFormat&) const = default;
};

// How a boolean column spelled its two values ("true"/"false", "Yes"/"No", "T"/"F", ...).
struct BooleanSpelling {
  std::string true_text = "true";
  std::string false_text = "false";
  bool operator==(const BooleanSpelling&) const = default;
};

class Column {
 public:
  Column(std::string name, ColumnKind kind);

  const std::string& name() const { return name_; }
  ColumnKind kind() const { return kind_; }
  std::size_t size() const { return size_; }
  bool IsNull(std::size_t row) const { return !validity_.IsValid(row); }
  std::size_t null_count() const { return validity_.null_count(); }

  // Appending; each Append* must match kind(). Null rows store a zero placeholder.
  void AppendNull();
  void AppendInteger(std::int64_t v);    // kInteger
  void AppendFloat(double v);            // kFloat
  void AppendBoolean(bool v);            // kBoolean
  void AppendDatetime(std::int64_t us);  // kDatetime, microseconds since the epoch
  void AppendCategory(std::int32_t code);  // kCategorical: a code from AddCategory
  void AppendString(std::string_view s);   // kCategorical (looks up / adds the category) or kText
  void Reserve(std::size_t rows);
  // Takes `values` (one per row, zero at nulls) whole as the contents of an empty column instead
  // of appending row by row: BuildTable's path for numbers that type inference already parsed.
  // `null_rows` lists the null rows in increasing order. Integers: kInteger or kDatetime.
  void AdoptIntegers(std::vector<std::int64_t> values, std::span<const std::size_t> null_rows);
  void AdoptFloats(std::vector<double> values, std::span<const std::size_t> null_rows);  // kFloat

  // Values. integers() serves kInteger and kDatetime.
  std::span<const std::int64_t> integers() const { return ints_; }
  std::span<const double> floats() const { return floats_; }
  std::span<const std::uint8_t> booleans() const { return bools_; }
  std::span<const std::int32_t> codes() const { return codes_; }
  const std::vector<std::string>& categories() const { return categories_; }
  std::int32_t AddCategory(std::string_view s);      // returns the existing code if present
  std::int32_t FindCategory(std::string_view s) const;  // -1 when absent
  std::string_view text(std::size_t row) const;       // kText and kCategorical

  // Presentation metadata remembered from the source so output looks like input.
  DatetimeFormat& datetime_format() { return datetime_format_; }
  const DatetimeFormat& datetime_format() const { return datetime_format_; }
  BooleanSpelling& boolean_spelling() { return boolean_spelling_; }
  const BooleanSpelling& boolean_spelling() const { return boolean_spelling_; }
  // Largest number of decimals seen in a float column's source text (display and encoders).
  int float_decimals() const { return float_decimals_; }
  void set_float_decimals(int d) { float_decimals_ = d; }

  // The value as text, as the CSV writer prints it; nulls give "".
  std::string FormatValue(std::size_t row) const;
  void FormatValueTo(std::size_t row, std::string* out) const;

  // Bytes held by the column's buffers (what a benchmark of memory use reports).
  std::size_t MemoryBytes() const;

  // A new column with rows `rows` (in that order) of this one, same kind and presentation.
  Column Take(std::span<const std::uint32_t> rows) const;

 private:
  void AdoptValidity(std::size_t rows, std::span<const std::size_t> null_rows);

  std::string name_;
  ColumnKind kind_;
  std::size_t size_ = 0;
  Validity validity_;
  std::vector<std::int64_t> ints_;
  std::vector<double> floats_;
  std::vector<std::uint8_t> bools_;
  std::vector<std::int32_t> codes_;
  std::vector<std::string> categories_;
  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_map<std::string, std::int32_t, StringHash, std::equal_to<>> category_index_;
  std::string arena_;                   // kText bytes
  std::vector<std::uint64_t> offsets_;  // kText: row i is arena_[offsets_[i], offsets_[i+1])
  DatetimeFormat datetime_format_;
  BooleanSpelling boolean_spelling_;
  int float_decimals_ = 0;
};

class Table {
 public:
  std::size_t num_rows() const { return columns_.empty() ? 0 : columns_.front().size(); }
  std::size_t num_columns() const { return columns_.size(); }
  const Column& column(std::size_t i) const { return columns_[i]; }
  Column& column(std::size_t i) { return columns_[i]; }
  // Index of the column called `name`, or -1.
  int FindColumn(std::string_view name) const;
  std::vector<std::string> ColumnNames() const;
  // Adds a column; throws ParameterError when the name is taken or the length differs.
  void AddColumn(Column column);
  // Removes the column called `name`; false when there is none.
  bool RemoveColumn(std::string_view name);
  std::size_t MemoryBytes() const;
  // The rows `rows` of every column, in that order.
  Table Take(std::span<const std::uint32_t> rows) const;

 private:
  std::vector<Column> columns_;
};

}  // namespace ersatz
