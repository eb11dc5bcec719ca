// Column classification: header hints + share of sampled values each detector accepts + distinct
// ratio → one entity per column, with every reason written down (REFERENCE.md §6).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "ersatz/transform.h"
#include "transform/detect/detectors.h"
#include "transform/detect/dictionary.h"

namespace ersatz {

namespace {

using transform::Strength;

// Header words, after splitting "customerEmail" / "e_mail" / "Date of Birth" into lower-case
// words; a hint is a word (or two adjacent words) that names the entity.
struct Hint {
  PiiEntity entity;
  std::vector<std::string_view> words;
};

const std::vector<Hint>& Hints() {
  static const std::vector<Hint> hints = {
      {PiiEntity::kEmail, {"email", "mail", "e mail", "courriel", "correo"}},
      {PiiEntity::kPhone, {"phone", "tel", "telephone", "mobile", "cell", "fax", "telefon", "telefono", "handy"}},
      {PiiEntity::kCreditCard, {"card", "cc", "credit card", "pan", "kreditkarte"}},
      {PiiEntity::kIban, {"iban", "bank account", "account"}},
      {PiiEntity::kUsSsn, {"ssn", "social security", "social"}},
      {PiiEntity::kIpAddress, {"ip", "ip address", "ipv4", "ipv6", "client ip"}},
      {PiiEntity::kMacAddress, {"mac", "mac address", "hwaddr"}},
      {PiiEntity::kUrl, {"url", "website", "homepage", "link", "web"}},
      {PiiEntity::kDateOfBirth, {"dob", "birth", "birthday", "birthdate", "born", "geburtsdatum", "naissance", "nacimiento"}},
      {PiiEntity::kPersonName, {"name", "full name", "fullname", "customer", "patient", "person", "contact", "employee"}},
      {PiiEntity::kFirstName, {"first name", "firstname", "given", "given name", "forename", "vorname", "prenom", "nombre"}},
      {PiiEntity::kLastName, {"last name", "lastname", "surname", "family name", "nachname", "apellido", "cognome"}},
      {PiiEntity::kStreetAddress, {"address", "street", "addr", "adresse", "strasse", "direccion", "indirizzo"}},
      {PiiEntity::kPostalCode, {"zip", "zipcode", "zip code", "postal", "postcode", "postal code", "plz", "cap"}},
      {PiiEntity::kLatitudeLongitude, {"lat", "latitude", "lon", "lng", "long", "longitude", "coordinates", "coords", "geo", "location"}},
      {PiiEntity::kUkNino, {"nino", "national insurance", "ni number"}},
      {PiiEntity::kEsNif, {"nif", "dni", "nie"}},
  };
  return hints;
}

// Words that say a column is not about a person even when its values look like names.
const std::unordered_set<std::string_view>& NegativeWords() {
  static const std::unordered_set<std::string_view> words = {
      "product", "item", "sku", "city", "town", "country", "state", "company", "brand", "model",
      "category", "version", "order", "invoice", "code", "team", "store", "shop", "region", "street"};
  return words;
}

std::vector<std::string> HeaderWords(std::string_view header) {
  std::vector<std::string> words;
  std::string current;
  auto flush = [&] {
    if (!current.empty()) words.push_back(transform::Lower(current));
    current.clear();
  };
  for (std::size_t i = 0; i < header.size(); ++i) {
    const char c = header[i];
    const bool upper = c >= 'A' && c <= 'Z';
    if (!((c >= 'a' && c <= 'z') || upper || (c >= '0' && c <= '9'))) {
      flush();
      continue;
    }
    if (upper && i > 0 && header[i - 1] >= 'a' && header[i - 1] <= 'z') flush();  // camelCase
    current.push_back(c);
  }
  flush();
  return words;
}

bool HasHint(const std::vector<std::string>& words, PiiEntity entity) {
  for (const Hint& h : Hints()) {
    if (h.entity != entity) continue;
    for (std::string_view hint : h.words) {
      const auto space = hint.find(' ');
      for (std::size_t i = 0; i < words.size(); ++i) {
        if (space == std::string_view::npos) {
          if (words[i] == hint) return true;
        } else if (i + 1 < words.size() && words[i] == hint.substr(0, space) &&
                   words[i + 1] == hint.substr(space + 1)) {
          return true;
        }
        // "firstname", "zipcode": the two words written together.
        if (space != std::string_view::npos && i + 1 < words.size() &&
            words[i] + words[i + 1] == std::string(hint.substr(0, space)) + std::string(hint.substr(space + 1))) {
          return true;
        }
      }
    }
  }
  return false;
}

// Shares a column needs: `strong` of values without a hint; `hinted` of strong-or-weak values
// when the header names the entity. Dictionary detectors get lower shares: the lists are finite.
struct Thresholds {
  double strong;
  double hinted;
};

Thresholds ThresholdsFor(PiiEntity e) {
  switch (e) {
    case PiiEntity::kFirstName:
    case PiiEntity::kLastName: return {0.7, 0.3};
    case PiiEntity::kPersonName: return {0.6, 0.3};
    case PiiEntity::kStreetAddress: return {0.7, 0.4};
    case PiiEntity::kDateOfBirth: return {2.0, 0.8};  // never without a hint
    default: return {0.8, 0.5};
  }
}

struct Candidate {
  PiiEntity entity;
  double confidence = 0;
  double strong_share = 0, any_share = 0;
  bool hint = false;
};

bool LooksLikeFreeText(const std::vector<std::string>& values, double distinct_ratio) {
  if (values.empty() || distinct_ratio < 0.05) return false;  // repeated notes are still text
  std::size_t bytes = 0, spaces = 0;
  for (const auto& v : values) {
    bytes += v.size();
    spaces += std::count(v.begin(), v.end(), ' ');
  }
  return bytes >= 25 * values.size() && spaces >= 4 * values.size();
}

ColumnFinding ClassifyColumn(const std::string& header, const std::vector<std::string>& values,
                             const ScanOptions& options) {
  ColumnFinding finding;
  finding.column = header;
  std::vector<std::string> non_empty;
  for (const auto& v : values) {
    if (!transform::Trim(v).empty()) non_empty.push_back(v);
  }
  if (non_empty.empty()) {
    finding.reasons.push_back("no values to judge");
    return finding;
  }
  std::unordered_set<std::string_view> distinct(non_empty.begin(), non_empty.end());
  const double distinct_ratio = static_cast<double>(distinct.size()) / non_empty.size();
  const auto words = HeaderWords(header);
  const bool negative = std::any_of(words.begin(), words.end(),
                                    [](const std::string& w) { return NegativeWords().count(w) > 0; });

  if (LooksLikeFreeText(non_empty, distinct_ratio)) {
    finding.free_text = true;
    finding.reasons.push_back(fmt::format("free text ({} sampled cells, {:.0f}% distinct): scanned cell by cell",
                                          non_empty.size(), 100 * distinct_ratio));
    std::vector<std::size_t> counts(kPiiEntityCount, 0);
    for (const auto& v : non_empty) {
      std::vector<bool> seen(kPiiEntityCount, false);
      for (const auto& t : FindEntitiesInText(v, options.default_region)) seen[static_cast<int>(t.entity)] = true;
      for (int e = 0; e < kPiiEntityCount; ++e) counts[e] += seen[e];
    }
    for (int e = 0; e < kPiiEntityCount; ++e) {
      if (counts[e] == 0) continue;
      finding.entities_in_text.push_back(static_cast<PiiEntity>(e));
      finding.reasons.push_back(fmt::format("{} inside {:.1f}% of cells", EntityName(static_cast<PiiEntity>(e)),
                                            100.0 * counts[e] / non_empty.size()));
    }
    if (finding.entities_in_text.empty()) finding.reasons.push_back("no entity found inside the text");
    return finding;
  }

  std::optional<Candidate> best;
  for (int e = 0; e < kPiiEntityCount; ++e) {
    const auto entity = static_cast<PiiEntity>(e);
    Candidate c{entity};
    c.hint = HasHint(words, entity);
    std::size_t strong = 0, weak = 0;
    for (const auto& v : non_empty) {
      const Strength s = transform::DetectValue(entity, v, options.default_region);
      strong += s == Strength::kStrong;
      weak += s == Strength::kWeak;
    }
    c.strong_share = static_cast<double>(strong) / non_empty.size();
    c.any_share = static_cast<double>(strong + weak) / non_empty.size();
    const Thresholds t = ThresholdsFor(entity);
    const bool dictionary = entity == PiiEntity::kFirstName || entity == PiiEntity::kLastName ||
                            entity == PiiEntity::kPersonName;
    if (c.strong_share >= t.strong && !(dictionary && negative)) {
      c.confidence = std::min(1.0, c.strong_share + (c.hint ? 0.1 : 0.0));
    } else if (c.hint && c.any_share >= t.hinted) {
      c.confidence = std::min(1.0, 0.5 + 0.5 * c.any_share);
    } else {
      continue;
    }
    // A few distinct values repeated (Yes/No, gender, a handful of cities) is a category.
    if (dictionary && distinct.size() < 5 && non_empty.size() >= 20) continue;
    // First names and surnames overlap: the header or the larger share decides.
    if (!best || c.confidence > best->confidence ||
        (c.confidence == best->confidence && c.hint && !best->hint)) {
      best = c;
    }
  }
  if (!best) {
    finding.reasons.push_back(fmt::format("no detector matched enough of {} sampled values", non_empty.size()));
    if (negative) finding.reasons.push_back("header names a non-personal thing");
    return finding;
  }
  finding.entity = best->entity;
  finding.confidence = std::round(best->confidence * 1000) / 1000;
  if (best->hint) finding.reasons.push_back(fmt::format("header '{}' suggests {}", header, EntityName(best->entity)));
  finding.reasons.push_back(fmt::format("{:.1f}% of {} sampled values match: {}", 100 * best->any_share,
                                        non_empty.size(), transform::DetectorExplanation(best->entity)));
  if (best->any_share > best->strong_share) {
    finding.reasons.push_back(fmt::format("{:.1f}% only weakly (accepted because of the header)",
                                          100 * (best->any_share - best->strong_share)));
  }
  finding.reasons.push_back(fmt::format("{:.0f}% distinct", 100 * distinct_ratio));
  return finding;
}

}  // namespace

std::vector<ColumnFinding> ClassifyColumns(const std::vector<std::string>& header,
                                           const std::vector<std::vector<std::string>>& cells,
                                           const ScanOptions& options) {
  std::vector<ColumnFinding> findings;
  findings.reserve(header.size());
  for (std::size_t c = 0; c < header.size(); ++c) findings.push_back(ClassifyColumn(header[c], cells[c], options));
  return findings;
}

}  // namespace ersatz
