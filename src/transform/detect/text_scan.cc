// Entities inside free text: one RE2 pass finds candidates (leftmost first), each candidate is then
// confirmed by the same checks as whole values (checksums, libphonenumber); names are found by
// a dictionary first name followed by a capitalised word.
#include <re2/re2.h>

#include <algorithm>

#include "ersatz/transform.h"
#include "transform/detect/checksums.h"
#include "transform/detect/detectors.h"
#include "transform/detect/dictionary.h"

namespace ersatz {

namespace {

using transform::Strength;

// Groups, in order: 1 e-mail, 2 URL, 3 IBAN, 4 MAC, 5 IPv4, 6 NINO, 7 digit run (card, SSN, phone).
const RE2& CandidateRe() {
  static const RE2 re(
      R"(([A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}))"
      R"(|((?i:https?://|www\.)[^\s<>"']+[^\s<>"'.,;:!?)]))"
      R"(|\b([A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?)\b)"
      R"(|\b([0-9A-Fa-f]{2}(?:[:-][0-9A-Fa-f]{2}){5})\b)"
      R"(|\b((?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3})\b)"
      R"(|\b([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D])\b)"
      R"(|((?:\+|\()?\d[\d \-().]{5,22}\d)\b)");
  return re;
}

bool IsWordChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
         static_cast<unsigned char>(c) >= 0x80;
}

void FindNames(std::string_view text, std::vector<TextEntity>* found) {
  const auto& dict = transform::Dictionaries::Get();
  std::size_t i = 0;
  auto next_word = [&](std::size_t from, std::size_t* b, std::size_t* e) {
    while (from < text.size() && !IsWordChar(text[from])) ++from;
    *b = from;
    while (from < text.size() && (IsWordChar(text[from]) || text[from] == '\'' || text[from] == '-')) ++from;
    *e = from;
    return *e > *b;
  };
  std::size_t b = 0, e = 0;
  while (next_word(i, &b, &e)) {
    i = e;
    if (text[b] < 'A' || text[b] > 'Z') continue;
    // "Alice", not "CAN" in "ONE CAN'T BE TOO CAREFUL": capitals alone are shouting, not names.
    if (e - b >= 2 && text[b + 1] >= 'A' && text[b + 1] <= 'Z') continue;
    if (!dict.IsFirstName(text.substr(b, e - b))) continue;
    // Only a single space between the two words: "Alice Martin", not "Alice. Martin".
    std::size_t b2 = 0, e2 = 0;
    if (e < text.size() && text[e] == ' ' && next_word(e, &b2, &e2) && b2 == e + 1 && text[b2] >= 'A' &&
        text[b2] <= 'Z') {
      const bool surname = dict.IsLastName(text.substr(b2, e2 - b2));
      found->push_back({PiiEntity::kPersonName, b, e2, surname ? 0.85 : 0.6,
                        "dictionary first name followed by a capitalised word"});
      i = e2;
    }
  }
}

// Every alternative of CandidateRe needs a digit, '@', ':' or '-' (MAC), or "www." (URL): text
// without any of them (much of real free text) skips the pass.
bool MayHoldPattern(std::string_view text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c >= '0' && c <= '9') || c == '@' || c == ':' || c == '-') return true;
    if (c == '.' && i >= 3 && (text[i - 1] | 0x20) == 'w' && (text[i - 2] | 0x20) == 'w' &&
        (text[i - 3] | 0x20) == 'w') {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<TextEntity> FindEntitiesInText(std::string_view text, std::string_view default_region) {
  std::vector<TextEntity> found;
  re2::StringPiece input(text.data(), text.size());
  re2::StringPiece groups[8];
  std::size_t pos = MayHoldPattern(text) ? 0 : text.size();
  while (pos < text.size() &&
         CandidateRe().Match(input, pos, text.size(), RE2::UNANCHORED, groups, 8)) {
    const std::size_t match_begin = groups[0].data() - text.data();
    const std::size_t match_end = match_begin + groups[0].size();
    int group = 1;
    while (group < 8 && groups[group].data() == nullptr) ++group;
    const std::string_view span(groups[group].data(), groups[group].size());
    const std::size_t begin = span.data() - text.data(), end = begin + span.size();
    std::optional<TextEntity> hit;
    switch (group) {
      case 1: hit = TextEntity{PiiEntity::kEmail, begin, end, 1.0, "e-mail syntax"}; break;
      case 2: hit = TextEntity{PiiEntity::kUrl, begin, end, 0.9, "URL with scheme or www."}; break;
      case 3:
        if (transform::IsIban(span)) hit = TextEntity{PiiEntity::kIban, begin, end, 1.0, "IBAN mod-97 checksum"};
        break;
      case 4: hit = TextEntity{PiiEntity::kMacAddress, begin, end, 0.9, "MAC address"}; break;
      case 5: hit = TextEntity{PiiEntity::kIpAddress, begin, end, 0.8, "IPv4 address"}; break;
      case 6:
        if (transform::IsUkNino(span)) hit = TextEntity{PiiEntity::kUkNino, begin, end, 0.9, "UK NINO"};
        break;
      case 7:
        if (transform::IsCreditCard(span)) {
          hit = TextEntity{PiiEntity::kCreditCard, begin, end, 1.0, "card prefix and Luhn checksum"};
        } else if (transform::UsSsnStrength(span) == Strength::kStrong) {
          hit = TextEntity{PiiEntity::kUsSsn, begin, end, 0.85, "NNN-NN-NNNN in valid ranges"};
        } else if (const auto phone = transform::ShapeOfPhone(transform::Trim(span));
                   phone.digits > 0 && transform::IsValidPhone(phone.number, default_region)) {
          hit = TextEntity{PiiEntity::kPhone, begin, end, 0.8, "valid phone number (libphonenumber)"};
        }
        break;
      default: break;
    }
    if (hit) found.push_back(*hit);
    pos = match_end > pos ? match_end : pos + 1;
  }
  std::vector<TextEntity> names;
  FindNames(text, &names);
  // Names only where no pattern entity already claimed the bytes.
  for (const auto& n : names) {
    bool overlaps = false;
    for (const auto& f : found) overlaps |= n.begin < f.end && f.begin < n.end;
    if (!overlaps) found.push_back(n);
  }
  std::sort(found.begin(), found.end(), [](const TextEntity& a, const TextEntity& b) { return a.begin < b.begin; });
  return found;
}

}  // namespace ersatz
