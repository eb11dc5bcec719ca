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
ERSATZ_RE(UsZipRe, R"(^\d{5}$)")
// UK, Canada, Netherlands, Poland, ZIP+4: shapes other numbers rarely take.
// UK, Canada, the Netherlands, Poland, ZIP+4, and Ireland's Eircode: a routing key such as A65 or
// D6W, then four of the letters and digits An Post uses ("D02 X285", "A65F4E2"). Written without
// the space, the last four must hold a letter: "C100000" is a customer number.
ERSATZ_RE(DistinctPostalRe,
          R"(^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2}|\d{2}-\d{3}|\d{5}-\d{4}|)"
          R"((?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}|)"
          R"((?:[AC-FHKNPRTV-Y]\d{2}|D6W)(?:[AC-FHKNPRTV-Y][0-9AC-FHKNPRTV-Y]{3}|\d[AC-FHKNPRTV-Y][0-9AC-FHKNPRTV-Y]{2}|)"
          R"(\d{2}[AC-FHKNPRTV-Y][0-9AC-FHKNPRTV-Y]|\d{3}[AC-FHKNPRTV-Y]))$)")
// "D-12345", "CH-8000": old European style, and the shape of many part numbers.
ERSATZ_RE(CountryPrefixedPostalRe, R"(^[A-Z]{1,2}-\d{4,5}$)")
ERSATZ_RE(FourDigitRe, R"(^\d{4}$)")
ERSATZ_RE(LatLonPairRe, R"(^\(?\s*(-?\d{1,2}\.\d{3,})\s*[,; ]\s*(-?\d{1,3}\.\d{3,})\s*\)?$)")
ERSATZ_RE(CoordinateRe, R"(^-?\d{1,3}\.\d{3,}$)")

#undef ERSATZ_RE

}  // namespace

std::string_view Trim(std::string_view v) {
  while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
  while (!v.empty() && (v.back() == ' ' || v.back() == '\t' || v.back() == '\r')) v.remove_suffix(1);
  return v;
}

bool LooksLikeProse(std::string_view v) {
  return v.size() >= kProseBytes && static_cast<std::size_t>(std::count(v.begin(), v.end(), ' ')) >= kProseSpaces;
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
  if (std::count(v.begin(), v.end(), '.') == 1) return false;  // "58.7652292950034" is a number
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

namespace {

// "…0005x984", "… ext. 123": the number without its extension.
std::string_view WithoutExtension(std::string_view v) {
  std::size_t end = v.size();
  while (end > 0 && v[end - 1] >= '0' && v[end - 1] <= '9') --end;
  if (end == v.size() || v.size() - end > 6) return v;
  std::size_t cut = end;
  while (cut > 0 && (v[cut - 1] == ' ' || v[cut - 1] == '.')) --cut;
  for (std::string_view mark : {"ext", "Ext", "EXT", "x", "X", "#"}) {
    if (cut >= mark.size() && v.substr(cut - mark.size(), mark.size()) == mark) {
      cut -= mark.size();
      while (cut > 0 && v[cut - 1] == ' ') --cut;
      return v.substr(0, cut);
    }
  }
  return v;
}

}  // namespace

PhoneShape ShapeOfPhone(std::string_view value) {
  const std::string_view v = WithoutExtension(value);
  PhoneShape shape;
  int groups = 0;
  bool in_digits = false;
  for (char c : v) {
    if (c >= '0' && c <= '9') {
      ++shape.digits;
      if (!in_digits) ++groups;
      in_digits = true;
      continue;
    }
    in_digits = false;
    if (c == ' ' || c == '-' || c == '.' || c == '/') {
      shape.separators = true;
    } else if (c == '(' || c == ')' || c == '+') {
      shape.separators = true;
      shape.dialling_marks = true;
    } else {
      shape.digits = 0;  // letters, ':' (times), '@', ...: not a phone number
      return shape;
    }
  }
  if (shape.digits < 7 || shape.digits > 15) {
    shape.digits = 0;
    return shape;
  }
  // Decimals and dates are spelled with the same characters: leave them to their detectors.
  if ((std::count(v.begin(), v.end(), '.') == 1 && !shape.dialling_marks && groups == 2) || ParseDate(v)) {
    shape.digits = 0;
    return shape;
  }
  shape.grouped = groups >= 3 || shape.dialling_marks;
  shape.number = v;
  return shape;
}

Strength PhoneStrength(std::string_view v, std::string_view region) {
  const PhoneShape shape = ShapeOfPhone(v);
  if (shape.digits == 0) return Strength::kNone;
  if (IsValidPhone(shape.number, region)) {
    // Bare digit strings may be order numbers that happen to be valid numbers: header decides.
    return shape.separators ? Strength::kStrong : Strength::kWeak;
  }
  // Written as a phone number ("+1-339-127-0005", "(040) 555-0199") but not one that exists
  // there: still a phone number when the header says so (test data, typos, numbering plans
  // changed), as is a national number of another country of the dictionaries ("0160 5560883").
  if (shape.grouped) return Strength::kWeak;
  // Only numbers with separators: bare digit strings (order numbers, ids) would pay for seven
  // more parses each and gain no more than a weak match.
  if (!shape.separators || shape.number[0] == '+') return Strength::kNone;
  for (std::string_view other : {"DE", "FR", "GB", "ES", "IT", "CH", "AT"}) {
    if (other != region && IsValidPhone(shape.number, other)) return Strength::kWeak;
  }
  return Strength::kNone;
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
  if (RE2::FullMatch(v, DistinctPostalRe())) return Strength::kStrong;
  if (RE2::FullMatch(v, UsZipRe()) || RE2::FullMatch(v, FourDigitRe()) ||
      RE2::FullMatch(v, CountryPrefixedPostalRe())) {
    return Strength::kWeak;
  }
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
    case PiiEntity::kFirstName: return FirstNameStrength(v);
    case PiiEntity::kLastName: return LastNameStrength(v);
    case PiiEntity::kStreetAddress: return StreetAddressStrength(v);
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
