// Column classification: header hints + share of sampled values each detector accepts + distinct
// ratio → one entity per column, with every reason written down (REFERENCE.md §6).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_set>

#include "ersatz/transform.h"
#include "transform/detect/detectors.h"
#include "transform/detect/dictionary.h"
#include "transform/detect/headers.h"

namespace ersatz {

namespace {

using transform::Strength;

// Shares a column needs, of its non-empty sampled values:
//  - `strong` of strong matches;
//  - or `mixed_strong` of strong matches when strong and weak ones together make `mixed_any`:
//    one entity in several forms (ZIP and ZIP+4 codes; surnames, some of which the finite
//    dictionaries lack, the rest single capitalised words);
//  - or, when the header names the entity, `hinted` of strong-or-weak matches with at least
//    `hinted_strong` strong ones. A header that says first name or surname needs no dictionary
//    hit: regional names (Swiss, Québécois, …) are missing from the finite lists, and the
//    weak test (one capitalised word of letters) still keeps numbers and codes out.
struct Thresholds {
  double strong, mixed_strong, mixed_any, hinted, hinted_strong;
};

Thresholds ThresholdsFor(PiiEntity e) {
  switch (e) {
    case PiiEntity::kFirstName:
    case PiiEntity::kLastName: return {0.7, 0.5, 0.9, 0.8, 0.0};
    case PiiEntity::kPersonName: return {0.6, 2.0, 2.0, 0.3, 0};
    case PiiEntity::kStreetAddress: return {0.7, 0.5, 0.9, 0.4, 0};
    case PiiEntity::kDateOfBirth: return {2.0, 2.0, 2.0, 0.8, 0};  // never without a hint
    default: return {0.8, 0.15, 0.9, 0.5, 0};
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
  return bytes >= transform::kProseBytes * values.size() && spaces >= transform::kProseSpaces * values.size();
}

// Entities inside each cell of a free-text column.
void ScanCellByCell(const std::vector<std::string>& values, double distinct_ratio, const ScanOptions& options,
                    ColumnFinding* finding) {
  finding->free_text = true;
  finding->reasons.push_back(fmt::format("free text ({} sampled cells, {:.0f}% distinct): scanned cell by cell",
                                         values.size(), 100 * distinct_ratio));
  std::vector<std::size_t> counts(kPiiEntityCount, 0);
  for (const auto& v : values) {
    std::vector<bool> seen(kPiiEntityCount, false);
    for (const auto& t : FindEntitiesInText(v, options.default_region)) seen[static_cast<int>(t.entity)] = true;
    for (int e = 0; e < kPiiEntityCount; ++e) counts[e] += seen[e];
  }
  for (int e = 0; e < kPiiEntityCount; ++e) {
    if (counts[e] == 0) continue;
    finding->entities_in_text.push_back(static_cast<PiiEntity>(e));
    finding->reasons.push_back(fmt::format("{} inside {:.1f}% of cells", EntityName(static_cast<PiiEntity>(e)),
                                           100.0 * counts[e] / values.size()));
  }
  if (finding->entities_in_text.empty()) finding->reasons.push_back("no entity found inside the text");
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
  const auto words = transform::HeaderWords(header);

  std::optional<Candidate> best;
  std::vector<PiiEntity> contradicted;
  for (int e = 0; e < kPiiEntityCount; ++e) {
    const auto entity = static_cast<PiiEntity>(e);
    Candidate c{entity};
    c.hint = transform::HeaderNames(words, entity);
    std::size_t strong = 0, weak = 0;
    for (const auto& v : non_empty) {
      const Strength s = transform::DetectValue(entity, v, options.default_region);
      strong += s == Strength::kStrong;
      weak += s == Strength::kWeak;
    }
    c.strong_share = static_cast<double>(strong) / non_empty.size();
    c.any_share = static_cast<double>(strong + weak) / non_empty.size();
    const Thresholds t = ThresholdsFor(entity);
    if (c.strong_share >= t.strong) {
      c.confidence = std::min(1.0, c.strong_share + (c.hint ? 0.1 : 0.0));
    } else if (c.strong_share >= t.mixed_strong && c.any_share >= t.mixed_any) {
      c.confidence = std::min(1.0, (c.strong_share + c.any_share) / 2 + (c.hint ? 0.1 : 0.0));
    } else if (c.hint && c.any_share >= t.hinted && c.strong_share >= t.hinted_strong) {
      c.confidence = std::min(1.0, 0.5 + 0.5 * c.any_share);
    } else {
      continue;
    }
    // `version` over dotted quads, `part_no` over "AX-12345": the header knows better.
    if (transform::HeaderContradicts(words, entity)) {
      contradicted.push_back(entity);
      continue;
    }
    const bool dictionary = entity == PiiEntity::kFirstName || entity == PiiEntity::kLastName ||
                            entity == PiiEntity::kPersonName;
    // A few distinct values repeated (Yes/No, gender, a handful of cities) is a category. So are
    // a few dozen, each repeated (a race, a roof style), unless the header names names: whatever
    // a dictionary says ("White", "Gable"), among people even the commonest names are a few
    // percent of a sample, so names repeat far less than 20 times each on average.
    if (dictionary && non_empty.size() >= 20 &&
        (distinct.size() < 5 || (!c.hint && distinct.size() < 50 && 20 * distinct.size() < non_empty.size()))) {
      continue;
    }
    // First names and surnames overlap: the header or the larger share decides.
    if (!best || c.confidence > best->confidence ||
        (c.confidence == best->confidence && c.hint && !best->hint)) {
      best = c;
    }
  }
  std::vector<std::string_view> contradicted_names;
  for (PiiEntity e : contradicted) contradicted_names.push_back(EntityName(e));
  const std::string veto_reason =
      contradicted.empty() ? std::string()
                           : fmt::format("header '{}' contradicts {}", header, fmt::join(contradicted_names, ", "));
  // Whole values first: a column of one-line postal addresses is long and spaced like prose.
  if (!best && LooksLikeFreeText(non_empty, distinct_ratio)) {
    ScanCellByCell(non_empty, distinct_ratio, options, &finding);
    return finding;
  }
  if (!best) {
    finding.reasons.push_back(fmt::format("no detector matched enough of {} sampled values", non_empty.size()));
    if (!veto_reason.empty()) finding.reasons.push_back(veto_reason);
    return finding;
  }
  finding.entity = best->entity;
  finding.confidence = std::round(best->confidence * 1000) / 1000;
  if (best->hint) finding.reasons.push_back(fmt::format("header '{}' suggests {}", header, EntityName(best->entity)));
  finding.reasons.push_back(fmt::format("{:.1f}% of {} sampled values match: {}", 100 * best->any_share,
                                        non_empty.size(), transform::DetectorExplanation(best->entity)));
  if (best->any_share > best->strong_share) {
    finding.reasons.push_back(fmt::format("{:.1f}% only weakly{}", 100 * (best->any_share - best->strong_share),
                                          best->hint ? " (accepted because of the header)" : ""));
  }
  finding.reasons.push_back(fmt::format("{:.0f}% distinct", 100 * distinct_ratio));
  if (!veto_reason.empty()) finding.reasons.push_back(veto_reason);
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
