// Datetime text <-> microseconds since 1970-01-01T00:00:00, driven by a DatetimeFormat.
// Calendar arithmetic uses the days-from-civil formulas (proleptic Gregorian), valid for years
// 0000..9999, so no time zone database or locale is involved.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "ersatz/table.h"

namespace ersatz {

// A pattern may list alternatives separated by '|' ("%Y-%m-%d|%m/%d/%Y": a column whose dates
// come in several formats): a text is read by the first alternative it matches, and values are
// always written in the first one.
// Parses `text` exactly as `format` spells it (the whole text must match, fields must be valid
// calendar values: month 1-12, day within the month, hour < 24, ...). Offsets (%z: Z, ±HH:MM,
// ±HHMM) are applied so the result is UTC. Returns false when the text does not match.
bool ParseDatetime(std::string_view text, const DatetimeFormat& format, std::int64_t* micros);
// The same, also giving the number of %f digits the text had (0 without %f), so that a column
// remembers its widest fraction. Digits past the sixth are read but dropped (microseconds).
bool ParseDatetime(std::string_view text, const DatetimeFormat& format, std::int64_t* micros,
                   int* fraction_digits);

// Appends `micros` spelled as `format` (with %z written as +00:00, values being UTC; %f written
// `fraction_digits` wide, 6 when that is 0). Parsing the result gives `micros` back whenever the
// fraction fits in fraction_digits.
void FormatDatetime(std::int64_t micros, const DatetimeFormat& format, std::string* out);

// The formats type inference tries, in order of preference (see docs/type-inference.md).
const std::vector<DatetimeFormat>& CandidateDatetimeFormats();

}  // namespace ersatz
