// One value judged on its own evidence (SelfEvidentEntity), for the per-value check of the
// columns a transform keeps.
#include <optional>

#include "transform/detect/detectors.h"

namespace ersatz::transform {

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
}  // namespace ersatz::transform
