#include "transform/operators.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>

#include "common/random.h"
#include "table/datetime.h"
#include "transform/detect/checksums.h"
#include "transform/detect/detectors.h"
#include "transform/detect/dictionary.h"

namespace ersatz::transform {

namespace {

// Draws from a digest: Philox keyed by its first 16 bytes.
RandomStream StreamOf(const Digest& d) {
  std::uint64_t seed = 0, stream = 0;
  for (int i = 0; i < 8; ++i) {
    seed = seed << 8 | d[i];
    stream = stream << 8 | d[8 + i];
  }
  return RandomStream(seed, stream, 0);
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }

// Digits → random digits, letters → random letters of the same case; the rest kept.
std::string ShapeFake(std::string_view value, RandomStream& rng) {
  std::string out(value);
  for (char& c : out) {
    if (IsDigit(c)) c = static_cast<char>('0' + rng.NextBelow(10));
    else if (IsUpper(c)) c = static_cast<char>('A' + rng.NextBelow(26));
    else if (IsLower(c)) c = static_cast<char>('a' + rng.NextBelow(26));
  }
  return out;
}

// Writes `digits` into the digit positions of `shape`, keeping its separators.
std::string IntoShape(std::string_view shape, std::string_view digits) {
  std::string out(shape);
  std::size_t k = 0;
  for (char& c : out) {
    if (IsDigit(c) && k < digits.size()) c = digits[k++];
  }
  return out;
}

const std::string& Pick(const std::vector<std::string>& list, RandomStream& rng) {
  return list[rng.NextBelow(list.size())];
}

std::string AsciiLower(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (IsUpper(c)) out.push_back(static_cast<char>(c - 'A' + 'a'));
    else if (IsLower(c) || IsDigit(c)) out.push_back(c);
  }
  return out;
}

bool ParseNumber(std::string_view v, double* x, int* decimals) {
  v = Trim(v);
  if (v.empty()) return false;
  auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), *x);
  if (ec != std::errc() || ptr != v.data() + v.size() || !std::isfinite(*x)) return false;
  const auto dot = v.find('.');
  *decimals = dot == std::string_view::npos ? 0 : static_cast<int>(v.size() - dot - 1);
  return true;
}

std::string FakeCoordinates(std::string_view v, RandomStream& rng) {
  // Each number moves by up to ±0.05° (a few km), keeping its decimals.
  std::string out;
  std::size_t i = 0;
  while (i < v.size()) {
    const bool starts_number = IsDigit(v[i]) || (v[i] == '-' && i + 1 < v.size() && IsDigit(v[i + 1]));
    if (!starts_number) {
      out.push_back(v[i++]);
      continue;
    }
    std::size_t j = i + 1;
    while (j < v.size() && (IsDigit(v[j]) || v[j] == '.')) ++j;
    double x = 0;
    int decimals = 0;
    if (ParseNumber(v.substr(i, j - i), &x, &decimals)) {
      x += (rng.NextDouble() - 0.5) * 0.1;
      out += fmt::format("{:.{}f}", x, std::max(decimals, 1));
    } else {
      out.append(v.substr(i, j - i));
    }
    i = j;
  }
  return out;
}

}  // namespace

Operators::Operators(const TransformKey& key, std::string scope, std::string locale)
    : hmac_(key), scope_(std::move(scope)), locale_(std::move(locale)) {}

std::string Operators::Fake(std::optional<PiiEntity> entity, std::string_view value) {
  for (int attempt = 0; attempt < 16; ++attempt) {
    std::string fake = FakeOnce(entity, value, attempt);
    if (fake != value) return fake;
  }
  return Mask(value, 0, 0, "*");  // a one-letter value with one possible fake, say
}

std::string Operators::FakeOnce(std::optional<PiiEntity> entity, std::string_view value, int attempt) {
  const std::string type = entity ? std::string(EntityName(*entity)) : std::string("VALUE");
  const std::string salted = attempt == 0 ? scope_ : fmt::format("{}#{}", scope_, attempt);
  RandomStream rng = StreamOf(hmac_.Compute(salted, type, value));
  const std::string_view v = Trim(value);
  if (!entity) return ShapeFake(value, rng);
  const LocaleNames& names = Dictionaries::Get().Locale(locale_);
  const LocaleNames& en = Dictionaries::Get().Locale("en");
  switch (*entity) {
    case PiiEntity::kEmail: {
      static const std::vector<std::string> domains = {"example.com", "example.org", "example.net"};
      const std::string first = AsciiLower(Pick(en.first_names, rng)), last = AsciiLower(Pick(en.last_names, rng));
      return fmt::format("{}.{}{}@{}", first, last, rng.NextBelow(100), Pick(domains, rng));
    }
    case PiiEntity::kPhone: {
      // The country code (after '+') stays; the rest are new digits, the first one not 0 or 1.
      std::string out(v);
      std::size_t i = 0;
      if (!out.empty() && out[0] == '+') {
        i = 1;
        while (i < out.size() && IsDigit(out[i])) ++i;
        if (i > 4) i = 3;  // "+4930...": no separator; keep two digits as the country
      }
      bool first = true;
      for (; i < out.size(); ++i) {
        if (!IsDigit(out[i])) continue;
        out[i] = static_cast<char>(first ? '2' + rng.NextBelow(8) : '0' + rng.NextBelow(10));
        first = false;
      }
      return out;
    }
    case PiiEntity::kCreditCard: {
      std::string digits = DigitsOnly(v);
      if (digits.size() < 13) return ShapeFake(value, rng);
      std::string fake = digits.substr(0, 2);  // network prefix kept, identity replaced
      while (fake.size() + 1 < digits.size()) fake.push_back(static_cast<char>('0' + rng.NextBelow(10)));
      fake.push_back(LuhnCheckDigit(fake));
      return IntoShape(v, fake);
    }
    case PiiEntity::kIban: {
      std::string compact;
      for (char c : v) {
        if (c != ' ') compact.push_back(IsLower(c) ? static_cast<char>(c - 'a' + 'A') : c);
      }
      if (compact.size() < 5) return ShapeFake(value, rng);
      const std::string country = compact.substr(0, 2);
      const std::string bban = ShapeFake(compact.substr(4), rng);
      const std::string fake = country + IbanCheckDigits(country, bban) + bban;
      std::string out;  // the input's grouping
      std::size_t k = 0;
      for (char c : v) out.push_back(c == ' ' ? ' ' : (k < fake.size() ? fake[k++] : c));
      return out;
    }
    case PiiEntity::kUsSsn: {
      int area = 0;
      do area = 1 + static_cast<int>(rng.NextBelow(899)); while (area == 666);
      const std::string digits = fmt::format("{:03}{:02}{:04}", area, 1 + rng.NextBelow(99), 1 + rng.NextBelow(9999));
      return IntoShape(v, digits);
    }
    case PiiEntity::kIpAddress:
      if (v.find(':') != std::string_view::npos) {
        return fmt::format("fd{:02x}:{:x}:{:x}::{:x}", rng.NextBelow(256), rng.NextBelow(65536), rng.NextBelow(65536),
                           1 + rng.NextBelow(65535));
      }
      return fmt::format("10.{}.{}.{}", rng.NextBelow(256), rng.NextBelow(256), 1 + rng.NextBelow(254));
    case PiiEntity::kMacAddress: {
      std::string out(v);
      bool first_byte = true;
      const bool upper = std::any_of(v.begin(), v.end(), IsUpper);
      const char* hex = upper ? "0123456789ABCDEF" : "0123456789abcdef";
      for (std::size_t i = 0; i + 1 < out.size(); ++i) {
        if (!std::isxdigit(static_cast<unsigned char>(out[i])) || !std::isxdigit(static_cast<unsigned char>(out[i + 1]))) continue;
        unsigned byte = static_cast<unsigned>(rng.NextBelow(256));
        if (first_byte) byte = (byte & 0xFC) | 0x02;  // locally administered, unicast
        first_byte = false;
        out[i] = hex[byte >> 4];
        out[i + 1] = hex[byte & 15];
        ++i;
      }
      return out;
    }
    case PiiEntity::kUrl:
      return fmt::format("https://www.example.com/{:08x}", rng.NextBelow(1ull << 32));
    case PiiEntity::kDateOfBirth:
      return DateShift(value, value, 365);
    case PiiEntity::kPersonName: {
      const std::string& first = Pick(names.first_names, rng);
      const std::string& last = Pick(names.last_names, rng);
      return v.find(',') != std::string_view::npos ? last + ", " + first : first + " " + last;
    }
    case PiiEntity::kFirstName: return Pick(names.first_names, rng);
    case PiiEntity::kLastName: return Pick(names.last_names, rng);
    case PiiEntity::kStreetAddress: {
      const auto number = 1 + rng.NextBelow(199);
      const std::string& root = names.street_roots.empty() ? en.street_roots.front() : Pick(names.street_roots, rng);
      if (names.locale == "en") return fmt::format("{} {} {}", number, Pick(names.last_names, rng), root);
      if (names.locale == "de") return fmt::format("{} {}", root, number);
      if (names.locale == "fr") return fmt::format("{} rue {}", number, root);
      if (names.locale == "it") return fmt::format("{} {} {}", root, Pick(names.last_names, rng), number);
      return fmt::format("{} {}, {}", root, Pick(names.last_names, rng), number);
    }
    case PiiEntity::kPostalCode: return ShapeFake(value, rng);
    case PiiEntity::kLatitudeLongitude: return FakeCoordinates(v, rng);
    case PiiEntity::kUkNino: {
      static const std::vector<std::string> prefixes = {"AB", "CE", "EH", "JK", "LM", "PR", "SW", "WT", "YZ", "HP"};
      const std::string digits = fmt::format("{:06}", rng.NextBelow(1000000));
      const std::string fake = Pick(prefixes, rng) + digits + static_cast<char>('A' + rng.NextBelow(4));
      if (v.find(' ') == std::string_view::npos) return fake;
      return fmt::format("{} {} {} {} {}", fake.substr(0, 2), fake.substr(2, 2), fake.substr(4, 2), fake.substr(6, 2),
                         fake.substr(8));
    }
    case PiiEntity::kEsNif: {
      const bool nie = !v.empty() && (v[0] == 'X' || v[0] == 'Y' || v[0] == 'Z');
      if (nie) {
        const unsigned long n = rng.NextBelow(10000000);
        const char lead = static_cast<char>('X' + rng.NextBelow(3));
        return fmt::format("{}{:07}{}", lead, n, EsNifLetter((lead - 'X') * 10000000ul + n));
      }
      const unsigned long n = rng.NextBelow(100000000);
      return fmt::format("{:08}{}", n, EsNifLetter(n));
    }
  }
  return ShapeFake(value, rng);
}

std::string Operators::Hash(std::string_view value, int length) {
  const Digest d = hmac_.Compute(scope_, "hash", value);
  std::string hex;
  for (auto b : d) hex += fmt::format("{:02x}", b);
  return hex.substr(0, static_cast<std::size_t>(std::clamp(length, 1, 64)));
}

std::string Operators::Mask(std::string_view value, int keep_first, int keep_last, std::string_view mask_char) {
  // Counted in characters (UTF-8 continuation bytes belong to the character before them).
  std::vector<std::size_t> starts;
  for (std::size_t i = 0; i < value.size(); ++i) {
    if ((static_cast<unsigned char>(value[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  std::string out;
  for (std::size_t k = 0; k < starts.size(); ++k) {
    const std::size_t end = k + 1 < starts.size() ? starts[k + 1] : value.size();
    const std::string_view ch = value.substr(starts[k], end - starts[k]);
    const bool kept = static_cast<int>(k) < keep_first || static_cast<int>(starts.size() - k) <= keep_last;
    const bool separator = ch.size() == 1 && !std::isalnum(static_cast<unsigned char>(ch[0]));
    out.append(kept || separator ? ch : mask_char);
  }
  return out;
}

int Operators::DateOffsetDays(std::string_view entity_value, int max_days) {
  if (max_days <= 0) return 0;
  RandomStream rng = StreamOf(hmac_.Compute(scope_, "date_shift", entity_value));
  // Never 0: a shifted date must not be the original.
  const int magnitude = 1 + static_cast<int>(rng.NextBelow(static_cast<std::uint64_t>(max_days)));
  return rng.NextBelow(2) ? magnitude : -magnitude;
}

std::string Operators::DateShift(std::string_view value, std::string_view entity_value, int max_days) {
  const std::string_view v = Trim(value);
  static const std::vector<DatetimeFormat> extra = {{"%m/%d/%Y"}, {"%d/%m/%Y"}, {"%d.%m.%Y"}, {"%d-%m-%Y"}};
  std::int64_t micros = 0;
  const DatetimeFormat* format = nullptr;
  for (const auto& f : CandidateDatetimeFormats()) {
    if (ParseDatetime(v, f, &micros)) {
      format = &f;
      break;
    }
  }
  if (format == nullptr) {
    for (const auto& f : extra) {
      if (ParseDatetime(v, f, &micros)) {
        format = &f;
        break;
      }
    }
  }
  if (format == nullptr) return {};
  micros += static_cast<std::int64_t>(DateOffsetDays(entity_value, std::max(max_days, 1))) * 86'400'000'000LL;
  std::string out;
  FormatDatetime(micros, *format, &out);
  return out;
}

std::string Operators::Noise(std::string_view value, double scale) {
  double x = 0;
  int decimals = 0;
  if (!ParseNumber(value, &x, &decimals)) return {};
  RandomStream rng = StreamOf(hmac_.Compute(scope_, "noise", value));
  const double u1 = std::max(rng.NextDouble(), 1e-300), u2 = rng.NextDouble();
  x += scale * std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);  // Box-Muller
  return fmt::format("{:.{}f}", x, decimals);
}

namespace {
int StepDecimals(double step) {
  int d = 0;
  while (d < 9 && std::abs(step * std::pow(10, d) - std::round(step * std::pow(10, d))) > 1e-9) ++d;
  return d;
}
}  // namespace

std::string Operators::Round(std::string_view value, double step) {
  double x = 0;
  int decimals = 0;
  if (!ParseNumber(value, &x, &decimals) || step <= 0) return {};
  return fmt::format("{:.{}f}", std::round(x / step) * step, StepDecimals(step));
}

std::string Operators::Bucket(std::string_view value, double width) {
  double x = 0;
  int decimals = 0;
  if (!ParseNumber(value, &x, &decimals) || width <= 0) return {};
  const double lo = std::floor(x / width) * width;
  const int d = StepDecimals(width);
  return fmt::format("{:.{}f}-{:.{}f}", lo, d, lo + width, d);
}

std::string Operators::ReplaceEntities(std::string_view text, TransformOp with, std::string_view region) {
  const auto found = FindEntitiesInText(text, region);
  if (found.empty()) return std::string(text);
  std::string out;
  std::size_t pos = 0;
  for (const auto& e : found) {
    if (e.begin < pos) continue;
    out.append(text.substr(pos, e.begin - pos));
    const std::string_view span = text.substr(e.begin, e.end - e.begin);
    switch (with) {
      case TransformOp::kFake: out += Fake(e.entity, span); break;
      case TransformOp::kHash: out += fmt::format("<{}:{}>", EntityName(e.entity), Hash(span, 8)); break;
      case TransformOp::kMask: out += Mask(span, 0, 0, "*"); break;
      default: out += fmt::format("<{}>", EntityName(e.entity)); break;
    }
    pos = e.end;
  }
  out.append(text.substr(pos));
  return out;
}

}  // namespace ersatz::transform
