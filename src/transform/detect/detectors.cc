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
ERSATZ_RE(UsZipRe, R"(^\d{5}$)")
// UK, Canada, Netherlands, Poland, ZIP+4: shapes other numbers rarely take.
ERSATZ_RE(DistinctPostalRe,
          R"(^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}|[A-Z]\d[A-Z] ?\d[A-Z]\d|\d{4} ?[A-Z]{2}|\d{2}-\d{3}|\d{5}-\d{4})$)")
// "D-12345", "CH-8000": old European style, and the shape of many part numbers.
ERSATZ_RE(CountryPrefixedPostalRe, R"(^[A-Z]{1,2}-\d{4,5}$)")
ERSATZ_RE(FourDigitRe, R"(^\d{4}$)")
ERSATZ_RE(LatLonPairRe, R"(^\(?\s*(-?\d{1,2}\.\d{3,})\s*[,; ]\s*(-?\d{1,3}\.\d{3,})\s*\)?$)")
ERSATZ_RE(CoordinateRe, R"(^-?\d{1,3}\.\d{3,}$)")
ERSATZ_RE(NameTokenRe, R"(^[[:upper:]][[:alpha:]'.-]*$|^\p{Lu}[\p{L}'.-]*$)")

#undef ERSATZ_RE

bool IsWordBreak(char c) { return c == ' ' || c == ',' || c == '\t' || c == '\n' || c == '\r'; }

std::vector<std::string_view> Words(std::string_view v) {
  std::vector<std::string_view> words;
  std::size_t i = 0;
  while (i < v.size()) {
    while (i < v.size() && IsWordBreak(v[i])) ++i;
    const std::size_t start = i;
    while (i < v.size() && !IsWordBreak(v[i])) ++i;
    if (i > start) words.push_back(v.substr(start, i - start));
  }
  return words;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool IsCapitalisedWord(std::string_view w) { return RE2::FullMatch(w, NameTokenRe()); }

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
  if (RE2::FullMatch(v, UsZipRe()) || RE2::FullMatch(v, FourDigitRe()) || RE2::FullMatch(v, CountryPrefixedPostalRe())) {
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

bool IsFirstName(std::string_view v) {
  return IsCapitalisedWord(v) && Dictionaries::Get().IsFirstName(v);
}
bool IsLastName(std::string_view v) {
  return IsCapitalisedWord(v) && Dictionaries::Get().IsLastName(v);
}

namespace {

// One capitalised word of letters ("Scheibe", "O'Neil", "Müller-Lüdenscheidt"): a name the
// dictionaries may lack, or any other capitalised word.
bool IsNameShaped(std::string_view v) {
  if (v.size() < 2 || v.size() > 40 || !IsCapitalisedWord(v)) return false;
  return std::none_of(v.begin(), v.end(), [](char c) { return c == '.'; });
}

Strength DictionaryNameStrength(bool in_dictionary, std::string_view v) {
  if (in_dictionary) return Strength::kStrong;
  return IsNameShaped(v) ? Strength::kWeak : Strength::kNone;
}

}  // namespace

namespace {

// Titles before a name ("Dr.", "Mrs", "Univ.Prof.", "Sig.ra") and degrees or generations after
// it ("Jr.", "MD", "PhD", "B.A.").
bool IsTitle(std::string_view w) {
  static const std::vector<std::string_view> titles = {"mr", "mrs", "ms", "miss", "mx", "dr", "prof", "sir",
                                                       "dame", "herr", "frau", "mme", "mlle", "m", "sr", "sra",
                                                       "srta", "don", "sig", "dott", "ing", "lic"};
  if (EndsWith(w, ".")) return true;
  const std::string lower = Lower(w);
  return std::find(titles.begin(), titles.end(), lower) != titles.end();
}

bool IsNameSuffix(std::string_view w) {
  static const std::vector<std::string_view> suffixes = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv", "md", "phd",
                                                         "dds", "dvm", "esq", "esq.", "mba", "ba", "bsc", "msc"};
  const std::string lower = Lower(w);
  return std::find(suffixes.begin(), suffixes.end(), lower) != suffixes.end() ||
         (w.size() <= 6 && EndsWith(w, ".") && std::count(w.begin(), w.end(), '.') >= 2);  // "B.A.", "M.Sc."
}

// Inside a name: "van", "von", "de", "du", "del", "di", ...
bool IsSurnameParticle(std::string_view w) {
  static const std::vector<std::string_view> particles = {"van", "von", "de", "du", "da", "del", "della", "di",
                                                          "le", "la", "der", "den", "ter", "y", "dos", "das",
                                                          "des", "zu", "bin", "al"};
  return std::find(particles.begin(), particles.end(), w) != particles.end();
}

}  // namespace

bool IsPersonName(std::string_view v) {
  const auto& dict = Dictionaries::Get();
  std::vector<std::string_view> words = Words(v);
  const bool comma = v.find(',') != std::string_view::npos;
  if (!comma) {
    while (words.size() > 2 && IsTitle(words.front())) words.erase(words.begin());
  }
  while (words.size() > 2 && IsNameSuffix(words.back())) words.pop_back();
  if (words.size() < 2 || words.size() > 5) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    if (!IsCapitalisedWord(words[i]) && !(i > 0 && IsSurnameParticle(words[i]))) return false;
  }
  if (comma) {  // "Last, First", "Last, First M."
    return dict.IsFirstName(words[1]) && !dict.IsStreetWord(words.front()) && !IsTitle(words[1]);
  }
  return dict.IsFirstName(words.front()) && (dict.IsLastName(words.back()) || !dict.IsStreetWord(words.back()));
}

namespace {

// "77", "12a", "6/9", "12-14", "3bis".
bool IsHouseNumber(std::string_view w) {
  if (w.empty() || w.size() > 8 || w[0] < '0' || w[0] > '9') return false;
  std::size_t letters = 0;
  for (char c : w) {
    if ((c >= '0' && c <= '9') || c == '/' || c == '-') continue;
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) return false;
    ++letters;
  }
  return letters <= 3;
}

// Street types in the dictionaries (Street, Row, rue, Via, Calle, ...) and German compounds
// (Bergstraße, Dörschnerstr., Ahornweg, Marktplatz).
bool IsStreetType(std::string_view w) {
  const std::string lower = Lower(w);
  if (Dictionaries::Get().IsStreetWord(lower)) return true;
  for (std::string_view suffix : {"str.", "straße", "strasse", "weg", "platz", "allee", "gasse", "ring", "damm",
                                  "ufer", "chaussee", "steig", "pfad"}) {
    if (lower.size() > suffix.size() + 2 && EndsWith(lower, suffix)) return true;
  }
  return false;
}

// Apartment, suite and floor words: "Suite 12", "Apt. 4B", "#12", "Piso 8", "Zimmer 3".
bool IsUnitWord(std::string_view w) {
  static const std::vector<std::string_view> units = {
      "apt", "apt.", "apartment", "suite", "ste", "ste.", "unit", "flat", "floor", "fl", "fl.", "room", "rm",
      "bldg", "building", "studio", "po", "p.o.", "box", "piso", "puerta", "planta", "esc.", "appartamento",
      "piano", "interno", "scala", "zimmer", "stiege", "top", "og", "etage", "étage", "bureau", "bte", "#"};
  const std::string lower = Lower(w);
  return std::find(units.begin(), units.end(), lower) != units.end();
}

// Lower-case words that belong inside street and city names.
bool IsNameParticle(std::string_view w) {
  static const std::vector<std::string_view> particles = {
      "de", "la", "le", "les", "du", "des", "del", "della", "delle", "di", "da", "dei", "el", "los", "las", "y",
      "e", "am", "an", "der", "die", "das", "im", "in", "auf", "sur", "en", "of", "the", "upon", "on", "vial",
      "bis", "ter", "c/", "s/n"};
  return std::find(particles.begin(), particles.end(), w) != particles.end();
}

bool IsNameWord(std::string_view w) { return IsCapitalisedWord(w) || IsNameParticle(w); }

// What may follow the street: units, numbers, cities, states, postal codes ("Suite 12, Millfield,
// OR 97001"), not a sentence.
bool IsAddressTail(const std::vector<std::string_view>& words, std::size_t from) {
  int other = 0;  // "Quarto Secondo lido", "Borgo Miriam calabro": a few, not a sentence
  for (std::size_t i = from; i < words.size(); ++i) {
    const std::string_view w = words[i];
    if (IsNameWord(w) || IsUnitWord(w) || IsHouseNumber(w) || w[0] == '#' || w[0] == '(') continue;
    bool has_digit = false;
    for (char c : w) has_digit |= c >= '0' && c <= '9';
    if (has_digit && w.size() <= 10) continue;  // "95145-4752", "LU6E", "N2N5R6"
    if (IsStreetType(w)) continue;               // en-GB "Palmer corners"
    if (++other > 2) return false;
  }
  return true;
}

}  // namespace

Strength StreetAddressStrength(std::string_view v) {
  const auto words = Words(v);
  if (words.size() < 2 || words.size() > 16) return Strength::kNone;
  std::size_t i = 0;
  // "Flat 7, 22 Palmer Road", "Apt 3, ...": a unit before the street.
  if (words.size() > 3 && IsUnitWord(words[0]) && IsHouseNumber(words[1])) i = 2;
  if ((Lower(words[i]) == "po" || Lower(words[i]) == "p.o.") && i + 2 < words.size() && Lower(words[i + 1]) == "box" &&
      IsHouseNumber(words[i + 2])) {
    return IsAddressTail(words, i + 3) ? Strength::kStrong : Strength::kNone;
  }
  // "77 Birch Row ...", "72 rue de la Gare", "81, boulevard Maillot": a number, then a street
  // type within five name words.
  if (IsHouseNumber(words[i])) {
    for (std::size_t j = i + 1; j < words.size() && j <= i + 6; ++j) {
      if (IsStreetType(words[j])) return IsAddressTail(words, j + 1) ? Strength::kStrong : Strength::kNone;
      if (!IsNameWord(words[j])) break;
    }
    return Strength::kNone;
  }
  // "Bergstraße 57", "Via Agustín Calzada 432 Apt. 03", "Calle Mayor 5": a street type, a few name
  // words, then the number.
  if (IsStreetType(words[i])) {
    for (std::size_t j = i + 1; j < words.size() && j <= i + 6; ++j) {
      if (IsHouseNumber(words[j])) return IsAddressTail(words, j + 1) ? Strength::kStrong : Strength::kNone;
      if (!IsNameWord(words[j])) return Strength::kNone;
    }
    // "rue Sandoz", "Via Roma": a street without its number.
    return words.size() <= 6 && IsAddressTail(words, i + 1) ? Strength::kWeak : Strength::kNone;
  }
  return Strength::kNone;
}

bool IsStreetAddress(std::string_view v) { return StreetAddressStrength(v) == Strength::kStrong; }

namespace {

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

// PhoneStrength's strong case alone (a number valid in the region, with separators): one parse.
bool IsStrongPhone(std::string_view v, std::string_view region) {
  const PhoneShape shape = ShapeOfPhone(v);
  return shape.digits > 0 && shape.separators && IsValidPhone(shape.number, region);
}

// "2024-01-15", "01/15/2024", "15.01.2024": ten characters, separators in date places.
bool ShapedLikeDate(std::string_view v) {
  if (v.size() != 10) return false;
  auto sep = [](char c) { return c == '-' || c == '/' || c == '.'; };
  return (sep(v[4]) && sep(v[7])) || (sep(v[2]) && sep(v[5]));
}

}  // namespace

std::optional<PiiEntity> SelfEvidentEntity(std::string_view value, std::string_view region) {
  const std::string_view v = Trim(value);
  if (v.size() < 7 || v.size() > 2048) return std::nullopt;  // "1.2.3.4" is the shortest
  int digits = 0, letters = 0, at = 0, colons = 0, dots = 0, dashes = 0, spaces = 0, marks = 0, other = 0;
  for (char c : v) {
    if (c >= '0' && c <= '9') ++digits;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) ++letters;
    else if (c == '@') ++at;
    else if (c == ':') ++colons;
    else if (c == '.') ++dots;
    else if (c == '-') ++dashes;
    else if (c == ' ') ++spaces;
    else if (c == '(' || c == ')' || c == '+' || c == '/') ++marks;
    else ++other;
  }
  if (at > 0) return IsEmail(v) ? std::optional(PiiEntity::kEmail) : std::nullopt;
  if (StartsWithNoCase(v, "http") || StartsWithNoCase(v, "ftp") || StartsWithNoCase(v, "www.")) {
    return IsUrl(v) ? std::optional(PiiEntity::kUrl) : std::nullopt;
  }
  if (digits == 0 || spaces > 8 || v.size() > 64) return std::nullopt;  // words and prose: for the text scan
  if (colons >= 2 && spaces == 0) {  // IPv6, MAC with colons (not times: "12:30:00" has no 7 hex groups)
    if (IsMacAddress(v)) return PiiEntity::kMacAddress;
    if (IsIpAddress(v)) return PiiEntity::kIpAddress;
    return std::nullopt;
  }
  if (other > 0 || colons > 0) return std::nullopt;
  if ((dashes == 5 || dots == 2) && IsMacAddress(v)) return PiiEntity::kMacAddress;
  if (letters == 0) {
    if (dots == 3 && dashes == 0 && spaces == 0 && marks == 0) {
      return IsIpAddress(v) ? std::optional(PiiEntity::kIpAddress) : std::nullopt;
    }
    if (ShapedLikeDate(v)) return std::nullopt;
    if (digits >= 13 && digits <= 19 && IsCreditCard(v)) return PiiEntity::kCreditCard;
    if (digits == 9 && UsSsnStrength(v) == Strength::kStrong) return PiiEntity::kUsSsn;
    // Only numbers written with separators are strong: bare digit strings skip libphonenumber.
    if (digits >= 7 && digits <= 15 && dashes + spaces + dots + marks > 0 && IsStrongPhone(v, region)) {
      return PiiEntity::kPhone;
    }
    return std::nullopt;
  }
  const std::size_t compact = v.size() - static_cast<std::size_t>(spaces);
  if (compact >= 15 && letters >= 2 && IsIban(v)) return PiiEntity::kIban;
  if (compact == 9 && letters >= 3 && digits == 6 && IsUkNino(v)) return PiiEntity::kUkNino;
  if (compact >= 9 && compact <= 10 && letters <= 2 && digits >= 7 && IsEsNif(v)) return PiiEntity::kEsNif;
  // "(212) 734-5678 ext. 12", "+1-213-237-9645x96586"
  if (letters <= 3 && digits >= 7 && IsStrongPhone(v, region)) return PiiEntity::kPhone;
  return std::nullopt;
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
    case PiiEntity::kFirstName: return DictionaryNameStrength(IsFirstName(v), v);
    case PiiEntity::kLastName: return DictionaryNameStrength(IsLastName(v), v);
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
