// Datetime parsing and formatting by pattern; the calendar arithmetic is in table/civil.h.
#include "table/datetime.h"

#include <charconv>

#include "table/civil.h"

namespace ersatz {

namespace {

constexpr std::int64_t kSecondsPerDay = 86'400;

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// Reads between min_digits and max_digits digits (greedy) at text[*pos].
bool ReadNumber(std::string_view text, std::size_t* pos, int min_digits, int max_digits,
                std::int64_t* value, int* digits_read = nullptr) {
  std::int64_t v = 0;
  int n = 0;
  while (n < max_digits && *pos < text.size() && IsDigit(text[*pos])) {
    v = v * 10 + (text[*pos] - '0');
    ++*pos;
    ++n;
  }
  if (n < min_digits) return false;
  *value = v;
  if (digits_read != nullptr) *digits_read = n;
  return true;
}

// Z, ±HH:MM or ±HHMM; the offset in seconds east of UTC.
bool ReadZone(std::string_view text, std::size_t* pos, std::int64_t* offset_seconds) {
  if (*pos >= text.size()) return false;
  if (text[*pos] == 'Z') {
    ++*pos;
    *offset_seconds = 0;
    return true;
  }
  if (text[*pos] != '+' && text[*pos] != '-') return false;
  const int sign = text[*pos] == '-' ? -1 : 1;
  ++*pos;
  std::int64_t hh, mm;
  if (!ReadNumber(text, pos, 2, 2, &hh)) return false;
  if (*pos < text.size() && text[*pos] == ':') ++*pos;
  if (!ReadNumber(text, pos, 2, 2, &mm) || hh > 23 || mm > 59) return false;
  *offset_seconds = sign * (hh * 3600 + mm * 60);
  return true;
}

void AppendPadded(std::int64_t v, int width, std::string* out) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v < 0 ? -v : v);
  if (v < 0) out->push_back('-');
  for (int i = static_cast<int>(r.ptr - buf); i < width; ++i) out->push_back('0');
  out->append(buf, r.ptr);
}

// One alternative of a pattern (no '|').
bool ParseOne(std::string_view text, std::string_view pattern, std::int64_t* micros,
              int* fraction_digits) {
  std::int64_t year = 1970, month = 1, day = 1, hour = 0, minute = 0, second = 0;
  std::int64_t fraction_us = 0, offset_seconds = 0, epoch = 0;
  bool has_epoch = false, negative_epoch = false;
  int frac_digits = 0;
  std::size_t pos = 0;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c != '%' || i + 1 == pattern.size()) {
      if (pos >= text.size() || text[pos] != c) return false;
      ++pos;
      continue;
    }
    bool ok = true;
    switch (pattern[++i]) {
      case 'Y': ok = ReadNumber(text, &pos, 4, 4, &year); break;
      // Month, day and time fields take one or two digits: "1/5/2020" is common.
      case 'm': ok = ReadNumber(text, &pos, 1, 2, &month); break;
      case 'd': ok = ReadNumber(text, &pos, 1, 2, &day); break;
      case 'H': ok = ReadNumber(text, &pos, 1, 2, &hour); break;
      case 'M': ok = ReadNumber(text, &pos, 1, 2, &minute); break;
      case 'S': ok = ReadNumber(text, &pos, 1, 2, &second); break;
      case 'f': {
        std::int64_t f;
        ok = ReadNumber(text, &pos, 1, 9, &f, &frac_digits);
        if (!ok) break;
        for (int k = frac_digits; k < 6; ++k) f *= 10;
        for (int k = 6; k < frac_digits; ++k) f /= 10;
        fraction_us = f;
        break;
      }
      case 'z': ok = ReadZone(text, &pos, &offset_seconds); break;
      case 's':
        negative_epoch = pos < text.size() && text[pos] == '-';
        if (negative_epoch) ++pos;
        // 12 digits: far beyond year 9999 yet safe from overflow in microseconds.
        ok = ReadNumber(text, &pos, 1, 12, &epoch);
        has_epoch = true;
        break;
      case '%':
        ok = pos < text.size() && text[pos] == '%';
        ++pos;
        break;
      default: return false;  // an unknown token matches nothing
    }
    if (!ok) return false;
  }
  if (pos != text.size()) return false;
  if (fraction_digits != nullptr) *fraction_digits = frac_digits;
  if (has_epoch) {
    // Sign applies to the whole "-12.5": formatting writes sign and magnitude the same way.
    const std::int64_t magnitude = epoch * kMicrosPerSecond + fraction_us;
    *micros = (negative_epoch ? -magnitude : magnitude) - offset_seconds * kMicrosPerSecond;
    return true;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, static_cast<int>(month)) ||
      hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  const std::int64_t days = DaysFromCivil(year, static_cast<int>(month), static_cast<int>(day));
  const std::int64_t seconds = days * kSecondsPerDay + hour * 3600 + minute * 60 + second;
  *micros = (seconds - offset_seconds) * kMicrosPerSecond + fraction_us;
  return true;
}

}  // namespace

bool ParseDatetime(std::string_view text, const DatetimeFormat& format, std::int64_t* micros,
                   int* fraction_digits) {
  std::string_view pattern = format.pattern;
  for (;;) {  // the alternatives in order: the first that matches reads the value
    const std::size_t bar = pattern.find('|');
    if (ParseOne(text, pattern.substr(0, bar), micros, fraction_digits)) return true;
    if (bar == std::string_view::npos) return false;
    pattern.remove_prefix(bar + 1);
  }
}

bool ParseDatetime(std::string_view text, const DatetimeFormat& format, std::int64_t* micros) {
  return ParseDatetime(text, format, micros, nullptr);
}

void FormatDatetime(std::int64_t micros, const DatetimeFormat& format, std::string* out) {
  const std::int64_t seconds = FloorDiv(micros, kMicrosPerSecond);
  const std::int64_t days = FloorDiv(seconds, kSecondsPerDay);
  const std::int64_t second_of_day = seconds - days * kSecondsPerDay;
  const CivilDate date = CivilFromDays(days);
  const bool has_epoch = format.pattern.find("%s") != std::string::npos;
  // With %s the fraction belongs to the magnitude ("-1.500000"), otherwise it counts forward
  // from the floored second.
  const std::int64_t magnitude = micros < 0 ? -micros : micros;
  const std::int64_t fraction = has_epoch ? magnitude % kMicrosPerSecond : micros - seconds * kMicrosPerSecond;
  // Values are written in the first alternative: one canonical spelling.
  const std::string_view pattern = std::string_view(format.pattern).substr(0, format.pattern.find('|'));
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    const char c = pattern[i];
    if (c != '%' || i + 1 == pattern.size()) {
      out->push_back(c);
      continue;
    }
    switch (pattern[++i]) {
      case 'Y': AppendPadded(date.year, 4, out); break;
      case 'm': AppendPadded(date.month, 2, out); break;
      case 'd': AppendPadded(date.day, 2, out); break;
      case 'H': AppendPadded(second_of_day / 3600, 2, out); break;
      case 'M': AppendPadded(second_of_day / 60 % 60, 2, out); break;
      case 'S': AppendPadded(second_of_day % 60, 2, out); break;
      case 'f': {
        const int width = format.fraction_digits > 0 ? format.fraction_digits : 6;
        std::int64_t f = fraction;
        for (int k = width; k < 6; ++k) f /= 10;
        for (int k = 6; k < width; ++k) f *= 10;
        AppendPadded(f, width, out);
        break;
      }
      case 'z': out->append("+00:00"); break;
      case 's':
        if (micros < 0) out->push_back('-');
        AppendPadded(magnitude / kMicrosPerSecond, 1, out);
        break;
      case '%': out->push_back('%'); break;
      default: out->push_back('%'); out->push_back(pattern[i]); break;
    }
  }
}

const std::vector<DatetimeFormat>& CandidateDatetimeFormats() {
  // Preference order matters twice: the first format under which every value parses wins, so
  // ISO comes first and US (%m/%d/%Y) before EU (%d/%m/%Y) for the ambiguous slash dates.
  static const std::vector<DatetimeFormat> kFormats = [] {
    std::vector<DatetimeFormat> formats;
    formats.push_back({"%Y-%m-%d", 0});
    for (const char* sep : {" ", "T"}) {
      for (const char* time : {"%H:%M", "%H:%M:%S", "%H:%M:%S.%f"}) {
        for (const char* zone : {"", "%z"}) {
          formats.push_back({std::string("%Y-%m-%d") + sep + time + zone, 0});
        }
      }
    }
    for (const char* date : {"%Y/%m/%d", "%m/%d/%Y", "%d/%m/%Y", "%d.%m.%Y"}) {
      for (const char* time : {"", " %H:%M", " %H:%M:%S"}) {
        formats.push_back({std::string(date) + time, 0});
      }
    }
    return formats;
  }();
  return kFormats;
}

}  // namespace ersatz
