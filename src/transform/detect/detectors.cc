#include "transform/detect/detectors.h"

#include <arpa/inet.h>
#include <phonenumbers/phonenumberutil.h>
#include <re2/re2.h>

#include <algorithm>
#include <charconv>
#include <string>
#include <vector>

#include "table/datetime.h"
#include "transform/detect/checksums.h"
#include "transform/detect/dictionary.h"

namespace ersatz::transform {

namespace {

#define ERSATZ_RE(name, pattern)              \
  const RE2& name() {                         \
    static const RE2 re(pattern);             \
    return re;                                \
  }

ERSATZ_RE(EmailRe, R"(^[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}$)")
ERSATZ_RE(UrlRe, R"(^(?i)(?:(?:https?|ftp)://[^\s/?#]+\.[^\s/?#]+|www\.[^\s/?#]+\.[a-z]{2,})(?:[/?#]\S*)?$)")
ERSATZ_RE(MacRe, R"(^(?:[0-9A-Fa-f]{2}(?::[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{2}(?:-[0-9A-Fa-f]{2}){5}|[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4})$)")
ERSATZ_RE(SsnRe, R"(^(\d{3})([- ]?)(\d{2})([- ]?)(\d{4})$)")
ERSATZ_RE(UsZipRe, R"(^\d{5}(?:-\d{4})?$)")
ERSATZ_RE(ForeignPostalRe,
          R"(^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2}|\d{2}-\d{3}|[A-Z]{1,2}-\d{4,5})$)")
ERSATZ_RE(FourDigitRe, R"(^\d{4}$)")
ERSATZ_RE(LatLonPairRe, R"(^\(?\s*(-?\d{1,2}\.\d{3,})\s*[,; ]\s*(-?\d{1,3}\.\d{3,})\s*\)?$)")
ERSATZ_RE(CoordinateRe, R"(^-?\d{1,3}\.\d{3,}$)")
ERSATZ_RE(NameTokenRe, R"(^[[:upper:]][[:alpha:]'.-]*$|^\p{Lu}[\p{L}'.-]*$)")

#undef ERSATZ_RE

std::vector<std::string_view> Words(std::string_view v) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && (v[i] == ' ' || v[i] == ',' || v[i] == '\t')) ++i;
    const std::size_t start = i;
    while (i < v.size() && v[i] != ' ' && v[i] != ',' && v[i] != '\t') ++i;
    if (i > start) words.push_back(v.substr(start, i - start));
  }
  return words;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsNumberWord(std::string_view w) {
  if (w.empty() || w[0] < '0' || w[0] > '9') return false;
  std::size_t digits = 0;
  while (digits < w.size() && w[digits] >= '0' && w[digits] <= '9') ++digits;
  return w.size() - digits <= 1;  // "12", "12a", "12,"
}

bool IsCapitalisedWord(std::string_view w) { return RE2::FullMatch(w, NameTokenRe()); }

}  // namespace

std::string_view Trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

bool IsEmail(std::string_view v) { return v.size() <= 254 && RE2::FullMatch(v, EmailRe()); }
bool IsUrl(std::string_view v) { return v.size() <= 2048 && RE2::FullMatch(v, UrlRe()); }
bool IsMacAddress(std::string_view v) { return RE2::FullMatch(v, MacRe()); }

bool IsIpAddress(std::string_view v) {
  if (v.size() < 7 || v.size() > 45) return false;
  const std::string s(v);
  unsigned char buffer[16];
  if (s.find(':') != std::string::npos) {
    return std::count(s.begin(), s.end(), ':') >= 2 && inet_pton(AF_INET6, s.c_str(), buffer) == 1;
  }
  return inet_pton(AF_INET, s.c_str(), buffer) == 1;  // exactly four decimal octets 0-255
}

bool IsCreditCard(std::string_view v) {
  const std::string digits = DigitsOnly(v);
  return !digits.empty() && KnownCardPrefix(digits) && LuhnValid(digits);
}

bool IsIban(std::string_view v) {
  std::string compact;
  for (char c : v) {
    if (c == ' ') continue;
    compact.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return IbanValid(compact);
}

Strength UsSsnStrength(std::string_view v) {
  std::string area, sep1, group, sep2, serial;
  if (!RE2::FullMatch(v, SsnRe(), &area, &sep1, &group, &sep2, &serial)) return Strength::kNone;
  if (!UsSsnValid(area + group + serial)) return Strength::kNone;
  // 123-45-6789 is unmistakable; nine bare digits could be any identifier.
  return (sep1 == "-" && sep2 == "-") ? Strength::kStrong : Strength::kWeak;
}

bool IsValidPhone(std::string_view v, std::string_view region) {
  using i18n::phonenumbers::PhoneNumber;
  using i18n::phonenumbers::PhoneNumberUtil;
  const PhoneNumberUtil& util = *PhoneNumberUtil::GetInstance();
  PhoneNumber number;
  if (util.Parse(std::string(v), std::string(region), &number) != PhoneNumberUtil::NO_PARSING_ERROR) {
    return false;
  }
  return util.IsValidNumber(number);
}

Strength PhoneStrength(std::string_view v, std::string_view region) {
  int digits = 0;
  bool separators = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') {
      ++digits;
    } else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.' || c == '+' || c == '/') {
      separators = true;
    } else {
      return Strength::kNone;
    }
  }
  if (digits < 7 || digits > 15) return Strength::kNone;
  // Dates and decimals are spelled with the same characters: leave them to their detectors.
  if (ParseDate(v) || std::count(v.begin(), v.end(), '.') == 1) return Strength::kNone;
  if (!IsValidPhone(v, region)) return Strength::kNone;
  // Bare digit strings may be order numbers that happen to be valid numbers: header decides.
  return separators ? Strength::kStrong : Strength::kWeak;
}

bool ParseDate(std::string_view v, long long* days) {
  if (v.size() < 8 || v.size() > 10) return false;
  static const std::vector<DatetimeFormat> formats = {
      {"%Y-%m-%d"}, {"%m/%d/%Y"}, {"%d/%m/%Y"}, {"%d.%m.%Y"}, {"%Y/%m/%d"}, {"%d-%m-%Y"},
  };
  for (const auto& f : formats) {
    std::int64_t micros = 0;
    if (ParseDatetime(v, f, &micros)) {
      const long long d = micros / 86'400'000'000LL;
      if (d < -25567 || d > 21915) return false;  // 1900-01-01 .. 2030-01-01
      if (days != nullptr) *days = d;
      return true;
    }
  }
  return false;
}

Strength PostalCodeStrength(std::string_view v) {
  if (RE2::FullMatch(v, ForeignPostalRe())) return Strength::kStrong;
  if (RE2::FullMatch(v, UsZipRe()) || RE2::FullMatch(v, FourDigitRe())) return Strength::kWeak;
  return Strength::kNone;
}

Strength LatLonStrength(std::string_view v) {
  std::string lat_text, lon_text;
  if (RE2::FullMatch(v, LatLonPairRe(), &lat_text, &lon_text)) {
    const double lat = std::stod(lat_text), lon = std::stod(lon_text);
    return (lat >= -90 && lat <= 90 && lon >= -180 && lon <= 180) ? Strength::kStrong : Strength::kNone;
  }
  if (RE2::FullMatch(v, CoordinateRe())) {
    const double x = std::stod(std::string(v));
    return (x >= -180 && x <= 180) ? Strength::kWeak : Strength::kNone;
  }
  return Strength::kNone;
}

bool IsUkNino(std::string_view v) {
  std::string compact;
  for (char c : v) {
    if (c != ' ') compact.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return UkNinoValid(compact);
}

bool IsEsNif(std::string_view v) {
  std::string compact;
  for (char c : v) {
    if (c != ' ' && c != '-') compact.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  return EsNifValid(compact);
}

bool IsFirstName(std::string_view v) {
  return IsCapitalisedWord(v) && Dictionaries::Get().IsFirstName(v);
}
bool IsLastName(std::string_view v) {
  return IsCapitalisedWord(v) && Dictionaries::Get().IsLastName(v);
}

bool IsPersonName(std::string_view v) {
  const auto& dict = Dictionaries::Get();
  std::vector<std::string_view> words = Words(v);
  if (words.size() >= 3 && EndsWith(words.front(), ".")) words.erase(words.begin());  // Dr., Mr.
  if (words.size() < 2 || words.size() > 4) return false;
  for (auto w : words) {
    if (!IsCapitalisedWord(w)) return false;
  }
  if (v.find(',') != std::string_view::npos) {  // "Last, First"
    return dict.IsLastName(words.front()) && dict.IsFirstName(words[1]);
  }
  return dict.IsFirstName(words.front()) && (dict.IsLastName(words.back()) || !dict.IsStreetWord(words.back()));
}

bool IsStreetAddress(std::string_view v) {
  const auto words = Words(v);
  if (words.size() < 2 || words.size() > 12) return false;
  const bool number_first = IsNumberWord(words.front());
  bool number_anywhere = number_first;
  bool street_word = false;
  const auto& dict = Dictionaries::Get();
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string lower = Lower(words[i]);
    if (IsNumberWord(words[i])) number_anywhere = true;
    if (dict.IsStreetWord(lower) || EndsWith(lower, "str.") || EndsWith(lower, "straße") ||
        EndsWith(lower, "strasse") || EndsWith(lower, "weg") || EndsWith(lower, "platz")) {
      street_word = true;
    }
  }
  return street_word && number_anywhere;
}

Strength DetectValue(PiiEntity entity, std::string_view value, std::string_view region) {
  const std::string_view v = Trim(value);
  if (v.empty()) return Strength::kNone;
  auto strong = [](bool b) { return b ? Strength::kStrong : Strength::kNone; };
  auto weak = [](bool b) { return b ? Strength::kWeak : Strength::kNone; };
  switch (entity) {
    case PiiEntity::kEmail: return strong(IsEmail(v));
    case PiiEntity::kPhone: return PhoneStrength(v, region);
    case PiiEntity::kCreditCard: return strong(IsCreditCard(v));
    case PiiEntity::kIban: return strong(IsIban(v));
    case PiiEntity::kUsSsn: return UsSsnStrength(v);
    case PiiEntity::kIpAddress: return strong(IsIpAddress(v));
    case PiiEntity::kMacAddress: return strong(IsMacAddress(v));
    case PiiEntity::kUrl: return strong(IsUrl(v));
    case PiiEntity::kDateOfBirth: return weak(ParseDate(v));
    case PiiEntity::kPersonName: return strong(IsPersonName(v));
    case PiiEntity::kFirstName: return strong(IsFirstName(v));
    case PiiEntity::kLastName: return strong(IsLastName(v));
    case PiiEntity::kStreetAddress: return strong(IsStreetAddress(v));
    case PiiEntity::kPostalCode: return PostalCodeStrength(v);
    case PiiEntity::kLatitudeLongitude: return LatLonStrength(v);
    case PiiEntity::kUkNino: return strong(IsUkNino(v));
    case PiiEntity::kEsNif: return strong(IsEsNif(v));
  }
  return Strength::kNone;
}

std::string_view DetectorExplanation(PiiEntity entity) {
  switch (entity) {
    case PiiEntity::kEmail: return "e-mail syntax (local@domain.tld)";
    case PiiEntity::kPhone: return "valid phone number for its region (libphonenumber)";
    case PiiEntity::kCreditCard: return "card network prefix and Luhn checksum";
    case PiiEntity::kIban: return "IBAN country length and mod-97 checksum";
    case PiiEntity::kUsSsn: return "NNN-NN-NNNN outside the never-issued ranges";
    case PiiEntity::kIpAddress: return "IPv4 or IPv6 address";
    case PiiEntity::kMacAddress: return "MAC address (six hex pairs)";
    case PiiEntity::kUrl: return "URL with scheme or www.";
    case PiiEntity::kDateOfBirth: return "calendar date between 1900 and 2030";
    case PiiEntity::kPersonName: return "first name from the dictionary followed by a surname";
    case PiiEntity::kFirstName: return "first name in the ruby-faker dictionaries";
    case PiiEntity::kLastName: return "surname in the ruby-faker dictionaries";
    case PiiEntity::kStreetAddress: return "house number and a street word (Street, Avenue, str., rue, via...)";
    case PiiEntity::kPostalCode: return "postal code format";
    case PiiEntity::kLatitudeLongitude: return "coordinates within latitude/longitude ranges";
    case PiiEntity::kUkNino: return "UK National Insurance number (valid prefix and suffix)";
    case PiiEntity::kEsNif: return "Spanish DNI/NIE with a matching check letter";
  }
  return "";
}

}  // namespace ersatz::transform
