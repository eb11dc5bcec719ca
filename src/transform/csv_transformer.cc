#include "transform/csv_transformer.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>

#include "ersatz/error.h"
#include "transform/detect/checksums.h"
#include "transform/detect/detectors.h"
#include "transform/detect/headers.h"

namespace ersatz::transform {

namespace {

bool GlobMatch(std::string_view pattern, std::string_view text) {
  // '*' any run, '?' one byte; case-insensitive so "Email*" finds "email_address".
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  auto lower = [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; };
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || lower(pattern[p]) == lower(text[t]))) {
      ++p, ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

bool RuleMatches(const TransformRule& rule, const ColumnFinding& f) {
  if (!rule.column_pattern.empty() && !GlobMatch(rule.column_pattern, f.column)) return false;
  if (rule.entity && f.entity != rule.entity) return false;
  if (rule.any_entity && !f.entity) return false;
  if (rule.free_text && *rule.free_text != f.free_text) return false;
  return true;
}

bool IsCached(TransformOp op) {
  return op == TransformOp::kFake || op == TransformOp::kHash || op == TransformOp::kNoise ||
         op == TransformOp::kReplaceEntities;
}

}  // namespace

void AppendCsvCell(std::string_view value, char delimiter, std::string* out) {
  bool quote = !value.empty() && (value.front() == ' ' || value.back() == ' ');
  for (char c : value) {
    if (c == delimiter || c == '"' || c == '\n' || c == '\r') {
      quote = true;
      break;
    }
  }
  if (!quote) {
    out->append(value);
    return;
  }
  out->push_back('"');
  for (char c : value) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

bool ValueCache::Worthwhile() {
  if (resting_ > 0) {
    --resting_;
    return false;
  }
  if (lookups_ == 4096) {
    // Fewer than 1 hit in 8: skip the next 64K cells, then measure again.
    if (hits_ * 8 < lookups_) resting_ = 65536;
    lookups_ = hits_ = 0;
  }
  return true;
}

const std::string* ValueCache::Find(std::uint64_t hash, std::string_view key) {
  ++lookups_;
  if (tags_.empty()) return nullptr;
  const std::size_t i = hash & (kSlots - 1);
  if (tags_[i] != (hash | 1) || slots_[i].key != key) return nullptr;
  ++hits_;
  return &slots_[i].value;
}

std::string* ValueCache::Insert(std::uint64_t hash, std::string_view key) {
  if (tags_.empty()) {
    tags_.assign(kSlots, 0);
    slots_.resize(kSlots);
  }
  const std::size_t i = hash & (kSlots - 1);
  tags_[i] = hash | 1;
  slots_[i].key.assign(key);
  return &slots_[i].value;
}

struct CsvTransformer::ColumnPlan {
  const TransformRule* rule = nullptr;
  std::optional<PiiEntity> entity;
  int entity_column = -1;  // date_shift by entity
  std::string redaction;   // redact: the fixed replacement
  std::string scratch;     // uncached operators' output
  ValueCache cache;
  std::unique_ptr<KeptColumnCheck> kept_check;  // op kKeep: the value-by-value check
};

// How a kept column treats a value found to be PII on its own: as the policy would treat the
// column had it been classified as that entity (or as free text, for a cell of prose).
struct CsvTransformer::KeptColumnCheck {
  std::array<std::unique_ptr<ColumnPlan>, kPiiEntityCount> as_entity;  // null: the policy keeps it
  std::unique_ptr<ColumnPlan> as_text;                                 // null: the policy keeps it
  // Bare digit strings of each length (13-19) in the head that fail the card checksum: in a
  // column of such identifiers, the one in ten that passes Luhn is chance, not a card.
  std::array<int, 20> bare_non_cards{};
};

CsvTransformer::CsvTransformer(const RawTable& first_rows, const std::string& source, const TransformPolicy& policy,
                               const TransformKey& key, const ScanOptions& scan_options, char delimiter)
    : header_(first_rows.header),
      ops_(key, policy.scope, policy.locale),
      region_(scan_options.default_region),
      delimiter_(delimiter) {
  // Decide on the first rows.
  std::vector<std::vector<std::string>> sample(header_.size());
  const std::size_t n = std::min(first_rows.num_rows(), scan_options.sample_rows);
  for (std::size_t c = 0; c < header_.size(); ++c) {
    for (std::size_t r = 0; r < n; ++r) {
      if (!(first_rows.columns[c][r].flags() & RawField::kNull)) sample[c].emplace_back(first_rows.Field(c, r));
    }
  }
  const std::vector<ColumnFinding> findings = ClassifyColumns(header_, sample, scan_options);

  for (const auto& rule : policy.rules) {
    if (rule.column_pattern.empty()) continue;
    const bool found = std::any_of(header_.begin(), header_.end(),
                                   [&](const std::string& h) { return GlobMatch(rule.column_pattern, h); });
    if (!found) {
      throw ParameterError(fmt::format("{}: column pattern '{}' matches no column of {} (columns: {})", rule.where,
                                       rule.column_pattern, source, fmt::join(header_, ", ")));
    }
  }
  static const TransformRule kKeepRule;
  plans_.resize(header_.size());
  for (std::size_t c = 0; c < header_.size(); ++c) {
    ColumnAction action;
    action.column = header_[c];
    action.entity = findings[c].entity;
    action.free_text = findings[c].free_text;
    const TransformRule* chosen = &kKeepRule;
    action.rule = "no rule";
    for (const auto& rule : policy.rules) {
      if (RuleMatches(rule, findings[c])) {
        chosen = &rule;
        action.rule = rule.where;
        break;
      }
    }
    action.op = chosen->op;
    MakePlan(chosen, action.entity, source, &plans_[c]);
    actions_.push_back(std::move(action));
  }
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (plans_[c].rule->op == TransformOp::kKeep) {
      plans_[c].kept_check = MakeKeptColumnCheck(c, policy, sample[c], source);
    }
  }
}

void CsvTransformer::MakePlan(const TransformRule* rule, std::optional<PiiEntity> entity, const std::string& source,
                              ColumnPlan* plan) const {
  plan->rule = rule;
  plan->entity = entity;
  if (rule->op == TransformOp::kDateShift && !rule->entity_column.empty()) {
    const auto it = std::find(header_.begin(), header_.end(), rule->entity_column);
    if (it == header_.end()) {
      throw ParameterError(fmt::format("{}: entity_column '{}' is not a column of {}", rule->where,
                                       rule->entity_column, source));
    }
    plan->entity_column = static_cast<int>(it - header_.begin());
  }
  if (rule->op == TransformOp::kRedact) {
    plan->redaction = !rule->text.empty() ? rule->text
                      : entity            ? fmt::format("<{}>", EntityName(*entity))
                                          : std::string("[REDACTED]");
  }
}

std::unique_ptr<CsvTransformer::KeptColumnCheck> CsvTransformer::MakeKeptColumnCheck(
    std::size_t column, const TransformPolicy& policy, const std::vector<std::string>& head,
    const std::string& source) {
  auto check = std::make_unique<KeptColumnCheck>();
  const auto words = HeaderWords(header_[column]);
  bool any = false;
  auto plan_for = [&](const ColumnFinding& as) -> std::unique_ptr<ColumnPlan> {
    for (const auto& rule : policy.rules) {
      if (!RuleMatches(rule, as)) continue;
      if (rule.op == TransformOp::kKeep) return nullptr;  // the policy keeps such a column: so be it
      auto plan = std::make_unique<ColumnPlan>();
      MakePlan(&rule, as.entity, source, plan.get());
      any = true;
      return plan;
    }
    return nullptr;  // no rule selects such a column: kept, as it would be
  };
  ColumnFinding as;
  as.column = header_[column];
  for (int e = 0; e < kPiiEntityCount; ++e) {
    // `version` over dotted quads: the header's word stands for every value, as for the column.
    if (HeaderContradicts(words, static_cast<PiiEntity>(e))) continue;
    as.entity = static_cast<PiiEntity>(e);
    check->as_entity[e] = plan_for(as);
  }
  as.entity.reset();
  as.free_text = true;
  check->as_text = plan_for(as);
  if (!any) return nullptr;
  for (const auto& v : head) {
    const std::string digits = DigitsOnly(v);
    if (digits.size() >= 13 && digits.size() <= 19 && digits.size() == Trim(v).size() && !IsCreditCard(v)) {
      ++check->bare_non_cards[digits.size()];
    }
  }
  return check;
}

CsvTransformer::~CsvTransformer() = default;

void CsvTransformer::AppendHeader(std::string* out) const {
  bool first_cell = true;
  for (std::size_t c = 0; c < header_.size(); ++c) {
    if (actions_[c].op == TransformOp::kDrop) continue;
    if (!first_cell) out->push_back(delimiter_);
    AppendCsvCell(header_[c], delimiter_, out);
    first_cell = false;
  }
  out->push_back('\n');
}

void CsvTransformer::AppendRow(const RawTable& chunk, std::size_t row, std::string* out) {
  bool first_cell = true;
  for (std::size_t c = 0; c < plans_.size(); ++c) {
    ColumnPlan& plan = plans_[c];
    const TransformOp op = plan.rule->op;
    if (op == TransformOp::kDrop) continue;
    if (!first_cell) out->push_back(delimiter_);
    first_cell = false;
    if (chunk.columns[c][row].flags() & RawField::kNull) continue;  // nothing to hide in a missing value
    const std::string_view value = chunk.Field(c, row);
    if (op != TransformOp::kKeep) {
      AppendCsvCell(Apply(plan, value, chunk, row), delimiter_, out);
    } else if (plan.kept_check) {
      AppendCsvCell(CheckKept(c, value, chunk, row), delimiter_, out);
    } else {
      AppendCsvCell(value, delimiter_, out);
    }
  }
  out->push_back('\n');
}

std::string_view CsvTransformer::Apply(ColumnPlan& plan, std::string_view value, const RawTable& chunk,
                                       std::size_t row) {
  const TransformRule& r = *plan.rule;
  if (!IsCached(r.op)) {
    switch (r.op) {
      case TransformOp::kRedact: return plan.redaction;
      case TransformOp::kMask: plan.scratch = Operators::Mask(value, r.keep_first, r.keep_last, r.mask_char); break;
      case TransformOp::kRound: plan.scratch = Operators::Round(value, r.step); break;
      case TransformOp::kBucket: plan.scratch = Operators::Bucket(value, r.step); break;
      case TransformOp::kDateShift: {
        const std::string_view entity = plan.entity_column >= 0 ? chunk.Field(plan.entity_column, row) : value;
        plan.scratch = ops_.DateShift(value, entity, r.max_days);
        break;
      }
      default: return value;
    }
    return plan.scratch;
  }
  const bool cached = plan.cache.Worthwhile();
  const std::uint64_t hash = cached ? std::hash<std::string_view>{}(value) : 0;
  if (cached) {
    if (const std::string* hit = plan.cache.Find(hash, value)) return *hit;
  }
  std::string& out = plan.scratch;  // computed before a slot is taken: an exception leaves no stale entry
  switch (r.op) {
    case TransformOp::kFake: out = ops_.Fake(plan.entity, value); break;
    case TransformOp::kHash: out = ops_.Hash(value, r.length); break;
    case TransformOp::kNoise: out = ops_.Noise(value, r.scale); break;
    case TransformOp::kReplaceEntities: out = ops_.ReplaceEntities(value, r.with, region_); break;
    default: break;
  }
  if (cached) plan.cache.Insert(hash, value)->assign(out);
  return out;
}

std::string_view CsvTransformer::CheckKept(std::size_t column, std::string_view value, const RawTable& chunk,
                                           std::size_t row) {
  // Repeated values (categories, user agents) are judged once: the column's cache, unused by
  // `keep`, holds the entities found (a 4-byte mask) and then the replacement.
  ColumnPlan& kept = plans_[column];
  ColumnAction& action = actions_[column];
  auto count = [&](std::uint32_t mask) {
    for (int e = 0; e < kPiiEntityCount; ++e) action.caught[e] += (mask >> e) & 1;
  };
  const bool cached = kept.cache.Worthwhile();
  const std::uint64_t hash = cached ? std::hash<std::string_view>{}(value) : 0;
  if (cached) {
    if (const std::string* hit = kept.cache.Find(hash, value)) {
      std::uint32_t mask = 0;
      std::memcpy(&mask, hit->data(), sizeof mask);
      count(mask);
      return mask == 0 ? value : std::string_view(*hit).substr(sizeof mask);
    }
  }
  std::uint32_t mask = 0;
  const ColumnPlan* replaced_by = nullptr;
  const std::string_view out = JudgeKept(column, value, chunk, row, &mask, &replaced_by);
  count(mask);
  // date_shift by another column's value depends on the row, not only on this value.
  if (cached && (replaced_by == nullptr || replaced_by->entity_column < 0)) {
    std::string* slot = kept.cache.Insert(hash, value);
    slot->assign(reinterpret_cast<const char*>(&mask), sizeof mask);
    if (mask != 0) slot->append(out);
  }
  return out;
}

std::string_view CsvTransformer::JudgeKept(std::size_t column, std::string_view value, const RawTable& chunk,
                                           std::size_t row, std::uint32_t* mask, const ColumnPlan** replaced_by) {
  KeptColumnCheck& check = *plans_[column].kept_check;
  if (const std::optional<PiiEntity> entity = SelfEvidentEntity(value, region_)) {
    ColumnPlan* plan = check.as_entity[static_cast<int>(*entity)].get();
    if (plan == nullptr) return value;
    if (*entity == PiiEntity::kCreditCard) {
      const std::string_view v = Trim(value);
      const bool bare = std::all_of(v.begin(), v.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
      if (bare && check.bare_non_cards[v.size()] >= 5) return value;
    }
    *mask = 1u << static_cast<int>(*entity);
    *replaced_by = plan;
    if (plan->rule->op == TransformOp::kDrop) return {};
    return Apply(*plan, value, chunk, row);
  }
  // A cell of prose in a column whose head was not: its entities, as in a free-text column.
  if (check.as_text == nullptr || !LooksLikeProse(value)) return value;
  const std::vector<TextEntity> inside = FindEntitiesInText(value, region_);
  // Names found by the dictionaries are evidence for a column of text, not for one cell among
  // titles or company names: the patterns alone decide (then the whole cell is treated as text).
  bool pattern = false;
  for (const auto& t : inside) pattern |= t.entity != PiiEntity::kPersonName;
  if (!pattern) return value;
  for (const auto& t : inside) *mask |= 1u << static_cast<int>(t.entity);
  *replaced_by = check.as_text.get();
  if (check.as_text->rule->op == TransformOp::kDrop) return {};
  return Apply(*check.as_text, value, chunk, row);
}

}  // namespace ersatz::transform
