// Parsers for the cell values of a CSV: integers, decimal numbers and boolean tokens. They are
// strict (the whole cell must be the value, no surrounding blanks) because type inference runs
// them on every cell and a lenient parser would turn codes and labels into numbers.
// Rules and reasons: docs/type-inference.md.
#pragma once

#include <cstdint>
#include <string_view>

#include "ersatz/table.h"

namespace ersatz {

// Optional sign ('+' or '-'), then digits without a leading zero ("0" and "-0" are fine, "007" is
// a code and is rejected), within int64. Also accepts exponent notation whose value is a whole
// number ("1e+05", "1.6e+07": how R writes round numbers) below 2^53 in magnitude.
bool ParseInteger(std::string_view text, std::int64_t* value);

// A decimal number: optional sign, digits with an optional fraction (".5" and "5." are accepted),
// optional exponent ("1e5", "2.5E-3"). No "inf", "nan", hexadecimal or leading zeros ("01.5").
// `decimals` (may be null) receives the number of digits after the point, before any exponent.
bool ParseFloat(std::string_view text, double* value, int* decimals = nullptr);

// Whether ParseFloat would accept `text`, without converting it when the shape alone decides
// (type inference's check: from_chars only runs for exponents and very long mantissas, the only
// ways to leave the range of a double).
bool IsFloat(std::string_view text, int* decimals);

// The families of boolean tokens, compared case-insensitively: true/false, yes/no, t/f, y/n.
// ("0"/"1" are not among them: such columns stay integer.)
enum class BooleanFamily : std::uint8_t { kTrueFalse, kYesNo, kTF, kYN };

// True when `text` is a boolean token; sets its family and value.
bool ParseBooleanToken(std::string_view text, BooleanFamily* family, bool* value);

// The other member of a token's pair, spelled in the same case style ("Yes" -> "No", "T" -> "F").
std::string_view BooleanCounterpart(std::string_view token, BooleanFamily family, bool value,
                                    std::string* storage);

}  // namespace ersatz
