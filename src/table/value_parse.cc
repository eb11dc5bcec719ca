#include "table/value_parse.h"

#include <charconv>
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>

namespace ersatz {

namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != b[i]) return false;
  }
  return true;
}

// The shape of a decimal number, as ScanDecimal reads it.
struct DecimalShape {
  int decimals = 0;  // digits after the point, before any exponent
  bool has_exponent = false;
  bool negative = false;
  int digits = 0;               // all mantissa digits, leading zeros included
  std::uint64_t mantissa = 0;   // those digits as an integer, when there are at most 19
};

// Checks the shape of a decimal number and counts its decimals; from_chars alone would also
// take "inf", "nan" and leading zeros.
bool ScanDecimal(std::string_view s, DecimalShape* shape) {
  const char* p = s.data();
  const char* end = p + s.size();
  if (p != end && (*p == '-' || *p == '+')) shape->negative = *p++ == '-';
  const char* int_start = p;
  std::uint64_t mantissa = 0;
  while (p != end && IsDigit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
  const std::ptrdiff_t int_digits = p - int_start;
  if (int_digits > 1 && *int_start == '0') return false;  // "007", "01.5": codes
  std::ptrdiff_t frac_digits = 0;
  if (p != end && *p == '.') {
    const char* frac_start = ++p;
    while (p != end && IsDigit(*p)) mantissa = mantissa * 10 + static_cast<unsigned>(*p++ - '0');
    frac_digits = p - frac_start;
  }
  if (int_digits + frac_digits == 0) return false;
  shape->has_exponent = p != end && (*p == 'e' || *p == 'E');
  if (shape->has_exponent) {
    ++p;
    if (p != end && (*p == '-' || *p == '+')) ++p;
    const char* exp_start = p;
    while (p != end && IsDigit(*p)) ++p;
    if (p == exp_start) return false;
  }
  shape->decimals = static_cast<int>(frac_digits);
  shape->digits = static_cast<int>(std::min<std::ptrdiff_t>(int_digits + frac_digits, 1000));
  shape->mantissa = mantissa;  // wrapped when digits > 19; only used when digits <= 15
  return p == end;
}

// Powers of ten that a double holds exactly.
constexpr double kExactPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                        1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                        1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

}  // namespace

bool ParseInteger(std::string_view text, std::int64_t* value) {
  const char* p = text.data();
  const char* end = p + text.size();
  if (p != end && *p == '+') {
    ++p;
    if (p != end && *p == '-') return false;  // "+-5"
  }
  const char* digits = (p != end && *p == '-') ? p + 1 : p;
  if (digits == end || !IsDigit(*digits)) return false;
  if (*digits == '0' && digits + 1 != end && IsDigit(digits[1])) return false;  // "007"
  // Fast path: up to 18 digits cannot overflow, and most cells are short.
  if (end - digits <= 18) {
    std::int64_t v = 0;
    const char* q = digits;
    while (q != end && IsDigit(*q)) v = v * 10 + (*q++ - '0');
    if (q == end) {
      *value = digits != p ? -v : v;
      return true;
    }
  }
  const auto r = std::from_chars(p, end, *value);
  if (r.ec == std::errc() && r.ptr == end) return true;
  if (r.ec != std::errc() && r.ec != std::errc::result_out_of_range) return false;
  // Exponent notation of a whole number ("1e+05"); plain overflow stays rejected (a long code).
  if (r.ptr == end || r.ec == std::errc::result_out_of_range) return false;
  double d;
  DecimalShape shape;
  if (!ScanDecimal(text, &shape) || !shape.has_exponent) return false;
  if (!ParseFloat(text, &d)) return false;
  if (d != std::trunc(d) || std::fabs(d) >= 9007199254740992.0) return false;
  *value = static_cast<std::int64_t>(d);
  return true;
}

bool ParseFloat(std::string_view text, double* value, int* decimals) {
  DecimalShape shape;
  if (!ScanDecimal(text, &shape)) return false;
  // Most cells have few digits: mantissa and power of ten are then exact doubles, and one IEEE
  // division rounds correctly, so this is the value from_chars gives (Clinger's fast path).
  if (!shape.has_exponent && shape.digits <= 15) {
    const double v = static_cast<double>(shape.mantissa) / kExactPowersOfTen[shape.decimals];
    *value = shape.negative ? -v : v;
  } else {
    const char* p = text.data();
    const char* end = p + text.size();
    if (*p == '+') ++p;
    const auto r = std::from_chars(p, end, *value);
    // Out of range ("1e999") is not a number we can hold.
    if (r.ec != std::errc() || r.ptr != end) return false;
  }
  if (decimals != nullptr) *decimals = shape.decimals;
  return true;
}

bool IsFloat(std::string_view text, int* decimals) {
  DecimalShape shape;
  if (!ScanDecimal(text, &shape)) return false;
  *decimals = shape.decimals;
  constexpr std::size_t kSafeLength = 300;  // below DBL_MAX's 309 digits
  if (!shape.has_exponent && text.size() < kSafeLength) return true;
  double d;
  return ParseFloat(text, &d);
}

bool ParseBooleanToken(std::string_view text, BooleanFamily* family, bool* value) {
  struct Token {
    std::string_view lower;
    BooleanFamily family;
    bool value;
  };
  static constexpr Token kTokens[] = {
      {"true", BooleanFamily::kTrueFalse, true}, {"false", BooleanFamily::kTrueFalse, false},
      {"yes", BooleanFamily::kYesNo, true},      {"no", BooleanFamily::kYesNo, false},
      {"t", BooleanFamily::kTF, true},           {"f", BooleanFamily::kTF, false},
      {"y", BooleanFamily::kYN, true},           {"n", BooleanFamily::kYN, false},
  };
  if (text.empty() || text.size() > 5) return false;
  for (const Token& t : kTokens) {
    if (EqualsIgnoringCase(text, t.lower)) {
      *family = t.family;
      *value = t.value;
      return true;
    }
  }
  return false;
}

std::string_view BooleanCounterpart(std::string_view token, BooleanFamily family, bool value,
                                    std::string* storage) {
  static constexpr std::string_view kLower[4][2] = {
      {"false", "true"}, {"no", "yes"}, {"f", "t"}, {"n", "y"}};
  const std::string_view other = kLower[static_cast<int>(family)][value ? 0 : 1];
  const bool all_upper = token.size() > 1 && token[0] >= 'A' && token[0] <= 'Z' &&
                         token[1] >= 'A' && token[1] <= 'Z';
  const bool initial_upper = !token.empty() && token[0] >= 'A' && token[0] <= 'Z';
  storage->assign(other);
  for (std::size_t i = 0; i < storage->size(); ++i) {
    if (all_upper || (initial_upper && i == 0)) (*storage)[i] = static_cast<char>((*storage)[i] - 'a' + 'A');
  }
  return *storage;
}

}  // namespace ersatz
