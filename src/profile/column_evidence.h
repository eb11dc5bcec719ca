// One pass over a raw column collecting what type inference decides from: which kinds every
// value still fits, and (only for columns that fit none) distinct count and word statistics.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>

#include "ersatz/csv.h"
#include "ersatz/table.h"
#include "profile/parsed_numbers.h"

namespace ersatz {

struct ColumnEvidence {
  std::size_t rows = 0;
  std::size_t non_null = 0;  // cells that are neither null tokens nor empty

  // Kinds that every non-null value fits.
  bool all_integer = false;
  bool all_number = false;  // integers or decimals
  bool all_boolean = false;
  bool integers_increasing = false;  // strictly, in row order
  bool integers_distinct = false;    // only computed when asked (key-like names)
  int float_decimals = 0;
  BooleanSpelling boolean_spelling;
  std::optional<DatetimeFormat> datetime_format;  // the preferred candidate that fits every value
  bool day_month_ambiguous = false;  // both %m/%d and %d/%m fit: month-first was chosen
  std::size_t first_non_datetime_row = 0;  // where the last datetime candidate failed
  // No one candidate fits every value, but each value fits one of several that spell the same
  // fields ("2001-03-04" and "03/04/2001"): datetime_format then lists them ("%Y-%m-%d|%m/%d/%Y"),
  // and this says how many values each read, for the reason.
  std::string mixed_datetime_counts;
  // Every value a date, but in formats that cannot make one column (a date and a date with a
  // time; month-first and day-first): what is wrong, for the warning.
  std::string unmixable_datetimes;

  // Integers that a number column could not keep exactly: a value beyond int64 (its example),
  // or integers more than 2^53 apart. Such a column is typed as text, whose values stay exact.
  std::string beyond_int64;
  bool wide_integers = false;
  // Every value a number written with commas ("1,5", "1,234,567"): a decimal comma or thousands
  // separators, which are not read as numbers; one of them, for the warning.
  std::string comma_number;

  // String statistics, filled only when no typed kind fits (or when asked).
  bool has_string_stats = false;
  std::size_t distinct = 0;
  bool any_whitespace = false;
  double mean_words = 0;
};

// True for a null token, and for an empty cell even when quoted: an empty string is not a value of
// any typed kind.
inline bool IsMissingCell(const RawField& f) { return (f.flags() & RawField::kNull) || f.length() == 0; }

// RawTable::Field without the call: the typing loops read every cell, and the out-of-line call
// was a tenth of their time.
inline std::string_view CellText(const RawTable& raw, const RawField& f) {
  const std::string& bytes = (f.flags() & RawField::kUnescaped) ? raw.unescaped : raw.buffer;
  return std::string_view(bytes.data() + f.offset(), f.length());
}

// Scans column `col` of `raw`. `check_integer_distinct` asks for integers_distinct (costs a sort).
// `want_string_stats` forces the string statistics even when a typed kind fits. `parsed` (may be
// null) receives the column's values when every non-missing cell is a number.
ColumnEvidence GatherEvidence(const RawTable& raw, std::size_t col, bool check_integer_distinct,
                              bool want_string_stats = false, ParsedNumbers* parsed = nullptr);

}  // namespace ersatz
