#include "table/value_parse.h"

#include <charconv>
#include <cmath>
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

// Checks the shape of a decimal number and counts its decimals; from_chars alone would also
// take "inf", "nan" and leading zeros.
bool ScanDecimal(std::string_view s, int* decimals, bool* has_point, bool* has_exponent) {
  std::size_t i = 0;
  if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
  const std::size_t int_start = i;
  while (i < s.size() && IsDigit(s[i])) ++i;
  const std::size_t int_digits = i - int_start;
  if (int_digits > 1 && s[int_start] == '0') return false;  // "007", "01.5": codes
  std::size_t frac_digits = 0;
  *has_point = i < s.size() && s[i] == '.';
  if (*has_point) {
    ++i;
    const std::size_t frac_start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    frac_digits = i - frac_start;
  }
  if (int_digits + frac_digits == 0) return false;
  *has_exponent = i < s.size() && (s[i] == 'e' || s[i] == 'E');
  if (*has_exponent) {
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    const std::size_t exp_start = i;
    while (i < s.size() && IsDigit(s[i])) ++i;
    if (i == exp_start) return false;
  }
  *decimals = static_cast<int>(frac_digits);
  return i == s.size();
}

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
  bool has_point, has_exponent;
  int decimals;
  if (!ScanDecimal(text, &decimals, &has_point, &has_exponent) || !has_exponent) return false;
  if (!ParseFloat(text, &d)) return false;
  if (d != std::trunc(d) || std::fabs(d) >= 9007199254740992.0) return false;
  *value = static_cast<std::int64_t>(d);
  return true;
}

bool ParseFloat(std::string_view text, double* value, int* decimals) {
  int d = 0;
  bool has_point, has_exponent;
  if (!ScanDecimal(text, &d, &has_point, &has_exponent)) return false;
  const char* p = text.data();
  const char* end = p + text.size();
  if (*p == '+') ++p;
  const auto r = std::from_chars(p, end, *value);
  // Out of range ("1e999") is not a number we can hold.
  if (r.ec != std::errc() || r.ptr != end) return false;
  if (decimals != nullptr) *decimals = d;
  return true;
}

bool IsFloat(std::string_view text, int* decimals) {
  bool has_point, has_exponent;
  if (!ScanDecimal(text, decimals, &has_point, &has_exponent)) return false;
  constexpr std::size_t kSafeLength = 300;  // below DBL_MAX's 309 digits
  if (!has_exponent && text.size() < kSafeLength) return true;
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
