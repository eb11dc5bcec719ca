#include "encode/identifier_shape.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "common/json_integer.h"
#include "ersatz/error.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

// A layout must be shared by this many values before a segment they all hold is kept verbatim:
// a "constant" of one or two values would be those values (value protection's threshold).
constexpr std::size_t kMinValuesForLiteral = 5;
constexpr int kMaxDigits = 18;  // a digits segment fits an int64
constexpr std::uint64_t kMaxRadix = std::uint64_t{1} << 62;
constexpr std::size_t kMaxPerPosition = 64;  // longer tokens share one alphabet
// Bounds a model file must respect (the loader is fuzzed).
constexpr std::size_t kMaxSegments = 256;
constexpr std::size_t kMaxSpelledLength = 4096;
constexpr std::string_view kDigitChars = "0123456789";
constexpr std::string_view kUpperChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
constexpr std::string_view kLowerChars = "abcdefghijklmnopqrstuvwxyz";
// A layout's separators, with this byte standing for each letter-or-digit token.
constexpr char kTokenMark = '\x01';

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsLower(char c) { return c >= 'a' && c <= 'z'; }
bool IsLetter(char c) { return IsUpper(c) || IsLower(c); }
bool IsAlnum(char c) { return IsDigit(c) || IsLetter(c); }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

bool AllOf(std::string_view s, bool (*pred)(char)) {
  return !s.empty() && std::all_of(s.begin(), s.end(), pred);
}

bool IsUuid(std::string_view v) {
  if (v.size() != 36) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    const bool dash = i == 8 || i == 13 || i == 18 || i == 23;
    if (dash ? v[i] != '-' : !IsHex(v[i])) return false;
  }
  return true;
}

// Splits `value` into its letter-or-digit tokens; the layout key keeps the separators.
std::string Layout(std::string_view value, std::vector<std::string_view>* tokens) {
  std::string key;
  for (std::size_t i = 0; i < value.size();) {
    if (!IsAlnum(value[i])) {
      key += value[i++];
      continue;
    }
    std::size_t j = i;
    while (j < value.size() && IsAlnum(value[j])) ++j;
    if (tokens) tokens->push_back(value.substr(i, j - i));
    key += kTokenMark;
    i = j;
  }
  return key;
}

// Maximal runs of digits or of letters.
std::vector<std::string_view> Runs(std::string_view token) {
  std::vector<std::string_view> runs;
  for (std::size_t i = 0; i < token.size();) {
    std::size_t j = i + 1;
    while (j < token.size() && IsDigit(token[j]) == IsDigit(token[i])) ++j;
    runs.push_back(token.substr(i, j - i));
    i = j;
  }
  return runs;
}

std::string RunClasses(std::string_view token) {
  std::string classes;
  for (std::string_view run : Runs(token)) classes += IsDigit(run[0]) ? '9' : 'a';
  return classes;
}

int ModeLength(std::span<const std::string_view> tokens) {
  std::map<std::size_t, std::size_t> count;
  for (std::string_view t : tokens) ++count[t.size()];
  std::size_t best = 0, length = 1;
  for (const auto& [len, n] : count) {
    if (n > best) best = n, length = len;
  }
  return static_cast<int>(length);
}

// The characters of `tokens`, sorted and distinct; or, when `exact` is false, every digit and
// every letter of the cases they show.
std::string Alphabet(std::span<const std::string_view> tokens, bool exact) {
  bool seen[256] = {};
  for (std::string_view t : tokens) {
    for (char c : t) seen[static_cast<unsigned char>(c)] = true;
  }
  std::string alphabet;
  if (!exact) {
    bool digit = false, upper = false, lower = false;
    for (int c = 0; c < 256; ++c) {
      if (!seen[c]) continue;
      digit |= IsDigit(char(c)), upper |= IsUpper(char(c)), lower |= IsLower(char(c));
    }
    if (digit) alphabet += kDigitChars;
    if (upper) alphabet += kUpperChars;
    if (lower) alphabet += kLowerChars;
    return alphabet;
  }
  for (int c = 0; c < 256; ++c) {
    if (seen[c]) alphabet += static_cast<char>(c);
  }
  return alphabet;
}

std::int64_t ParseDigits(std::string_view s) {
  std::int64_t v = 0;
  std::from_chars(s.data(), s.data() + s.size(), v);
  return v;
}

std::int64_t PowerOfTen(int n) {
  std::int64_t p = 1;
  for (int i = 0; i < n; ++i) p *= 10;
  return p;
}

IdSegment Literal(std::string text) { return {.kind = IdSegment::Kind::kLiteral, .text = std::move(text)}; }
IdSegment Chars(std::string alphabet, int length) {
  return {.kind = IdSegment::Kind::kChars, .text = std::move(alphabet), .length = length};
}

// Tokens of one length: an alphabet per character position, neighbours with the same alphabet
// merged, so "AK", "BL", "CM" keep a first letter from A–C and a second from K–M.
void PerPosition(std::span<const std::string_view> tokens, bool exact, std::vector<IdSegment>* out) {
  const std::size_t first = out->size();
  for (std::size_t i = 0; i < tokens[0].size(); ++i) {
    std::vector<std::string_view> column;
    for (std::string_view t : tokens) column.push_back(t.substr(i, 1));
    std::string alphabet = Alphabet(column, exact);
    if (out->size() > first && out->back().text == alphabet) {
      ++out->back().length;
    } else {
      out->push_back(Chars(std::move(alphabet), 1));
    }
  }
}

// Letters, or anything else without a clearer structure: per position when the tokens have one
// length, else one alphabet over the commonest length.
void Characters(std::span<const std::string_view> tokens, bool exact, std::vector<IdSegment>* out) {
  const bool one_length = tokens[0].size() <= kMaxPerPosition &&
                          std::all_of(tokens.begin(), tokens.end(),
                                      [&](std::string_view t) { return t.size() == tokens[0].size(); });
  if (one_length) {
    PerPosition(tokens, exact, out);
  } else {
    out->push_back(Chars(Alphabet(tokens, exact), ModeLength(tokens)));
  }
}

// The segments of one token position. `exact`: learn constants, ranges and alphabets from the
// values (enough of them share the layout); otherwise only their character classes.
void Classify(std::span<const std::string_view> tokens, bool exact, std::vector<IdSegment>* out) {
  const bool all_equal =
      std::all_of(tokens.begin(), tokens.end(), [&](std::string_view t) { return t == tokens[0]; });
  if (exact && all_equal) {
    out->push_back(Literal(std::string(tokens[0])));
    return;
  }
  const bool digits = std::all_of(tokens.begin(), tokens.end(), [](std::string_view t) {
    return t.size() <= kMaxDigits && AllOf(t, IsDigit);
  });
  if (digits) {
    IdSegment seg{.kind = IdSegment::Kind::kDigits};
    const bool same_width = std::all_of(tokens.begin(), tokens.end(),
                                        [&](std::string_view t) { return t.size() == tokens[0].size(); });
    seg.width = same_width ? static_cast<int>(tokens[0].size()) : 0;
    if (exact) {
      seg.min = seg.max = ParseDigits(tokens[0]);
      for (std::string_view t : tokens) {
        const std::int64_t v = ParseDigits(t);
        seg.min = std::min(seg.min, v), seg.max = std::max(seg.max, v);
      }
    }
    if (seg.min == seg.max) {  // not learned, or one number spelled two ways ("7", "07")
      std::size_t widest = 0;
      for (std::string_view t : tokens) widest = std::max(widest, t.size());
      seg.min = 0;
      seg.max = PowerOfTen(static_cast<int>(widest)) - 1;
    }
    out->push_back(seg);
    return;
  }
  if (std::all_of(tokens.begin(), tokens.end(), [](std::string_view t) { return AllOf(t, IsLetter); })) {
    Characters(tokens, exact, out);
    return;
  }
  // A prefix or suffix every value shares ("C" of "C00123", "x" of "0049x") is kept verbatim,
  // as long as something is left between them in every value.
  std::size_t shortest = tokens[0].size();
  for (std::string_view t : tokens) shortest = std::min(shortest, t.size());
  std::size_t prefix = 0, suffix = 0;
  if (exact) {
    while (prefix + 1 < shortest && std::all_of(tokens.begin(), tokens.end(), [&](std::string_view t) {
             return t[prefix] == tokens[0][prefix];
           })) {
      ++prefix;
    }
    while (prefix + suffix + 1 < shortest &&
           std::all_of(tokens.begin(), tokens.end(), [&](std::string_view t) {
             return t[t.size() - 1 - suffix] == tokens[0][tokens[0].size() - 1 - suffix];
           })) {
      ++suffix;
    }
  }
  if (prefix > 0 || suffix > 0) {
    std::vector<std::string_view> middles;
    for (std::string_view t : tokens) middles.push_back(t.substr(prefix, t.size() - prefix - suffix));
    out->push_back(Literal(std::string(tokens[0].substr(0, prefix))));
    Classify(middles, exact, out);
    out->push_back(Literal(std::string(tokens[0].substr(tokens[0].size() - suffix))));
    return;
  }
  // The same alternation of digit and letter runs in every value ("AB12", "XY99"): each run
  // position is a segment of its own.
  const std::string classes = RunClasses(tokens[0]);
  if (classes.size() > 1 && std::all_of(tokens.begin(), tokens.end(), [&](std::string_view t) {
        return RunClasses(t) == classes;
      })) {
    std::vector<std::vector<std::string_view>> runs(classes.size());
    for (std::string_view t : tokens) {
      const auto r = Runs(t);
      for (std::size_t i = 0; i < r.size(); ++i) runs[i].push_back(r[i]);
    }
    for (const auto& position : runs) Classify(position, exact, out);
    return;
  }
  // Hex digits of one case, one length: hex of that case.
  const bool hex = std::all_of(tokens.begin(), tokens.end(), [&](std::string_view t) {
    return t.size() == tokens[0].size() && AllOf(t, IsHex);
  });
  bool upper = false, lower = false;
  for (std::string_view t : tokens) {
    for (char c : t) upper |= IsUpper(c), lower |= IsLower(c);
  }
  if (hex && upper != lower) {
    out->push_back(Chars(upper ? "0123456789ABCDEF" : "0123456789abcdef",
                         static_cast<int>(tokens[0].size())));
    return;
  }
  Characters(tokens, exact, out);
}

std::vector<IdSegment> Merged(std::vector<IdSegment> segments) {
  std::vector<IdSegment> out;
  for (IdSegment& s : segments) {
    if (s.kind == IdSegment::Kind::kLiteral) {
      if (s.text.empty()) continue;
      if (!out.empty() && out.back().kind == IdSegment::Kind::kLiteral) {
        out.back().text += s.text;
        continue;
      }
    }
    out.push_back(std::move(s));
  }
  return out;
}

bool AnyVariable(std::span<const IdSegment> segments) {
  return std::any_of(segments.begin(), segments.end(), [](const IdSegment& s) { return s.variable(); });
}

std::vector<IdSegment> DefaultSegments() {
  return {{.kind = IdSegment::Kind::kDigits, .width = 6, .min = 0, .max = 999999}};
}

std::uint64_t RadixOf(const IdSegment& s) {
  const auto span = static_cast<std::uint64_t>(s.max) - static_cast<std::uint64_t>(s.min);
  return span >= kMaxRadix - 1 ? kMaxRadix : span + 1;
}

void AppendNumber(std::int64_t v, int width, std::string* out) {
  if (width > 0) {
    fmt::format_to(std::back_inserter(*out), "{:0{}}", v, width);
  } else {
    fmt::format_to(std::back_inserter(*out), "{}", v);
  }
}

}  // namespace

std::vector<IdSegment> LearnIdSegments(std::span<const std::string_view> values) {
  if (values.empty()) return DefaultSegments();
  if (std::all_of(values.begin(), values.end(), IsUuid)) {
    bool upper = false, lower = false;
    for (std::string_view v : values) {
      for (char c : v) upper |= IsUpper(c), lower |= IsLower(c);
    }
    if (!(upper && lower)) return {{.kind = IdSegment::Kind::kUuid, .width = upper ? 1 : 0}};
  }
  std::map<std::string, std::size_t> layouts;
  for (std::string_view v : values) ++layouts[Layout(v, nullptr)];
  std::string key;
  std::size_t count = 0;
  for (const auto& [k, n] : layouts) {
    if (n > count) key = k, count = n;
  }
  const std::size_t tokens_per_value = static_cast<std::size_t>(std::count(key.begin(), key.end(), kTokenMark));
  std::vector<std::vector<std::string_view>> tokens(tokens_per_value);
  for (std::string_view v : values) {
    std::vector<std::string_view> t;
    if (Layout(v, &t) != key) continue;
    for (std::size_t i = 0; i < t.size(); ++i) tokens[i].push_back(t[i]);
  }
  // Exact (constants, ranges, alphabets) when enough values share the layout and show some
  // variation; otherwise character classes only, so the values themselves are not kept.
  for (const bool exact : {count >= kMinValuesForLiteral, false}) {
    std::vector<IdSegment> segments;
    std::size_t t = 0;
    for (char c : key) {
      if (c == kTokenMark) {
        Classify(tokens[t++], exact, &segments);
      } else {
        segments.push_back(Literal(std::string(1, c)));
      }
    }
    segments = Merged(std::move(segments));
    if (AnyVariable(segments)) return segments;
  }
  // Nothing but separators: numbered after them.
  std::vector<IdSegment> segments = {Literal(key)};
  segments.push_back(DefaultSegments()[0]);
  return Merged(std::move(segments));
}

std::vector<IdSegment> IntegerIdSegments(std::int64_t min, std::int64_t max) {
  return {{.kind = IdSegment::Kind::kDigits, .width = 0, .min = min, .max = max}};
}

int SoleNumberSegment(std::span<const IdSegment> segments) {
  int found = -1;
  for (std::size_t i = 0; i < segments.size(); ++i) {
    if (!segments[i].variable()) continue;
    if (found >= 0 || segments[i].kind != IdSegment::Kind::kDigits) return -1;
    found = static_cast<int>(i);
  }
  return found;
}

std::optional<std::int64_t> ParseIdNumber(std::span<const IdSegment> segments, std::string_view value) {
  const int at = SoleNumberSegment(segments);
  if (at < 0) return std::nullopt;
  std::string_view rest = value;
  for (int i = 0; i < at; ++i) {
    if (!rest.starts_with(segments[i].text)) return std::nullopt;
    rest.remove_prefix(segments[i].text.size());
  }
  for (std::size_t i = segments.size(); i-- > static_cast<std::size_t>(at) + 1;) {
    if (!rest.ends_with(segments[i].text)) return std::nullopt;
    rest.remove_suffix(segments[i].text.size());
  }
  if (rest.size() > kMaxDigits || !AllOf(rest, IsDigit)) return std::nullopt;
  return ParseDigits(rest);
}

IdSpeller::IdSpeller(std::vector<IdSegment> segments) : segments_(std::move(segments)) {
  for (const IdSegment& s : segments_) {
    if (s.kind == IdSegment::Kind::kDigits) radices_.push_back(RadixOf(s));
    if (s.kind == IdSegment::Kind::kChars) radices_.insert(radices_.end(), s.length, s.text.size());
  }
}

void IdSpeller::Spell(std::span<const std::uint64_t> digits, std::uint64_t overflow, std::string* out) const {
  std::size_t k = 0;
  bool first = true;  // the most significant variable segment takes the overflow
  for (const IdSegment& s : segments_) {
    switch (s.kind) {
      case IdSegment::Kind::kLiteral:
        *out += s.text;
        break;
      case IdSegment::Kind::kDigits: {
        const unsigned __int128 v = static_cast<unsigned __int128>(digits[k++]) +
                                    (first ? static_cast<unsigned __int128>(overflow) * RadixOf(s) : 0);
        AppendNumber(static_cast<std::int64_t>(static_cast<unsigned __int128>(s.min) + v), s.width, out);
        first = false;
        break;
      }
      case IdSegment::Kind::kChars: {
        const std::uint64_t m = s.text.size();
        if (first) {  // bijective base m: each overflow count spells a distinct prefix
          std::string prefix;
          for (std::uint64_t o = overflow; o > 0; o = (o - 1) / m) prefix += s.text[(o - 1) % m];
          out->append(prefix.rbegin(), prefix.rend());
        }
        for (int i = 0; i < s.length; ++i) *out += s.text[digits[k++]];
        first = false;
        break;
      }
      case IdSegment::Kind::kUuid:
        break;
    }
  }
}

void IdSpeller::SpellNumber(std::int64_t value, std::string* out) const {
  for (const IdSegment& s : segments_) {
    if (s.kind == IdSegment::Kind::kLiteral) *out += s.text;
    if (s.kind == IdSegment::Kind::kDigits) AppendNumber(value, s.width, out);
  }
}

void IdSpeller::SpellUuid(std::uint64_t high, std::uint64_t low, std::string* out) const {
  high = (high & ~std::uint64_t{0xF000}) | 0x4000;                      // version 4
  low = (low & ~(std::uint64_t{3} << 62)) | (std::uint64_t{2} << 62);  // variant 10
  const bool upper = !segments_.empty() && segments_[0].width == 1;
  const std::string hex = upper ? fmt::format("{:016X}{:016X}", high, low) : fmt::format("{:016x}{:016x}", high, low);
  fmt::format_to(std::back_inserter(*out), "{}-{}-{}-{}-{}", hex.substr(0, 8), hex.substr(8, 4),
                 hex.substr(12, 4), hex.substr(16, 4), hex.substr(20));
}

json IdSegmentsToJson(std::span<const IdSegment> segments) {
  json out = json::array();
  for (const IdSegment& s : segments) {
    switch (s.kind) {
      case IdSegment::Kind::kLiteral: out.push_back({{"literal", s.text}}); break;
      case IdSegment::Kind::kDigits:
        out.push_back({{"digits", {{"width", s.width}, {"min", s.min}, {"max", s.max}}}});
        break;
      case IdSegment::Kind::kChars:
        out.push_back({{"chars", {{"alphabet", s.text}, {"length", s.length}}}});
        break;
      case IdSegment::Kind::kUuid: out.push_back({{"uuid", s.width == 1 ? "upper" : "lower"}}); break;
    }
  }
  return out;
}

std::vector<IdSegment> IdSegmentsFromJson(const json& j) {
  auto bad = [](const std::string& what) {
    return ParameterError(fmt::format("identifier shape: {}", what));
  };
  if (!j.is_array() || j.empty() || j.size() > kMaxSegments) {
    throw bad(fmt::format("expected 1 to {} segments", kMaxSegments));
  }
  std::vector<IdSegment> segments;
  std::size_t spelled = 0;
  for (const json& s : j) {
    IdSegment seg;
    if (s.contains("literal")) {
      seg.text = s.at("literal").get<std::string>();
      spelled += seg.text.size();
    } else if (s.contains("digits")) {
      const json& d = s.at("digits");
      seg.kind = IdSegment::Kind::kDigits;
      seg.width = JsonInteger<int>(d.at("width"), "width");
      seg.min = JsonInteger<std::int64_t>(d.at("min"), "min");
      seg.max = JsonInteger<std::int64_t>(d.at("max"), "max");
      if (seg.width < 0 || seg.width > kMaxDigits || seg.min > seg.max) {
        throw bad("a digits segment needs a width of 0 to 18 and min <= max");
      }
      spelled += 20;
    } else if (s.contains("chars")) {
      const json& c = s.at("chars");
      seg.kind = IdSegment::Kind::kChars;
      seg.text = c.at("alphabet").get<std::string>();
      seg.length = JsonInteger<int>(c.at("length"), "length");
      if (seg.text.empty() || !std::is_sorted(seg.text.begin(), seg.text.end()) ||
          std::adjacent_find(seg.text.begin(), seg.text.end()) != seg.text.end() || seg.length < 1 ||
          seg.length > static_cast<int>(kMaxSpelledLength)) {
        throw bad("a chars segment needs a sorted alphabet of distinct characters and a length of 1 to 4096");
      }
      spelled += static_cast<std::size_t>(seg.length);
    } else if (s.contains("uuid")) {
      const std::string c = s.at("uuid").get<std::string>();
      if (c != "lower" && c != "upper") throw bad("uuid is \"lower\" or \"upper\"");
      seg.kind = IdSegment::Kind::kUuid;
      seg.width = c == "upper" ? 1 : 0;
      spelled += 36;
    } else {
      throw bad("expected a literal, digits, chars or uuid segment");
    }
    segments.push_back(std::move(seg));
  }
  if (spelled > kMaxSpelledLength) throw bad("ids longer than 4096 characters");
  if (!AnyVariable(segments)) throw bad("no segment varies, so ids could not be unique");
  const bool uuid = std::any_of(segments.begin(), segments.end(),
                                [](const IdSegment& s) { return s.kind == IdSegment::Kind::kUuid; });
  if (uuid && segments.size() != 1) throw bad("a uuid segment stands alone");
  return segments;
}

std::string LegacyIdPattern(std::span<const IdSegment> segments) {
  std::string pattern;
  auto literal = [&pattern](std::string_view text) {
    for (char c : text) pattern += {'\\', c};
  };
  for (const IdSegment& s : segments) {
    switch (s.kind) {
      case IdSegment::Kind::kLiteral: literal(s.text); break;
      case IdSegment::Kind::kDigits:
        pattern.append(s.width > 0 ? static_cast<std::size_t>(s.width) : fmt::formatted_size("{}", s.max), '9');
        break;
      case IdSegment::Kind::kChars: {
        const char c = AllOf(s.text, IsDigit) ? '9' : std::any_of(s.text.begin(), s.text.end(), IsLower) ? 'a' : 'A';
        pattern.append(s.length, c);
        break;
      }
      case IdSegment::Kind::kUuid:
        for (int part : {8, 4, 4, 4, 12}) {
          if (!pattern.empty()) literal("-");
          pattern.append(part, '9');
        }
        break;
    }
  }
  return pattern;
}

std::vector<IdSegment> IdSegmentsFromLegacyPattern(std::string_view pattern) {
  if (pattern.size() > 2 * kMaxSpelledLength) {
    throw ParameterError("identifier shape: a pattern of more than 4096 characters");
  }
  std::vector<IdSegment> segments;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (++i < pattern.size()) segments.push_back(Literal(std::string(1, pattern[i])));
      continue;
    }
    const std::string_view alphabet = pattern[i] == '9' ? kDigitChars : pattern[i] == 'A' ? kUpperChars : kLowerChars;
    if (!segments.empty() && segments.back().kind == IdSegment::Kind::kChars && segments.back().text == alphabet) {
      ++segments.back().length;
    } else {
      segments.push_back(Chars(std::string(alphabet), 1));
    }
  }
  segments = Merged(std::move(segments));
  return AnyVariable(segments) ? segments : DefaultSegments();
}

}  // namespace ersatz::encode
