#include "transform/csv_transformer.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "ersatz/error.h"

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
    ColumnPlan& plan = plans_[c];
    ColumnAction action;
    action.column = header_[c];
    action.entity = findings[c].entity;
    action.free_text = findings[c].free_text;
    plan.rule = &kKeepRule;
    action.rule = "no rule";
    for (const auto& rule : policy.rules) {
      if (RuleMatches(rule, findings[c])) {
        plan.rule = &rule;
        action.rule = rule.where;
        break;
      }
    }
    action.op = plan.rule->op;
    plan.entity = action.entity;
    if (plan.rule->op == TransformOp::kDateShift && !plan.rule->entity_column.empty()) {
      const auto it = std::find(header_.begin(), header_.end(), plan.rule->entity_column);
      if (it == header_.end()) {
        throw ParameterError(fmt::format("{}: entity_column '{}' is not a column of {}", plan.rule->where,
                                         plan.rule->entity_column, source));
      }
      plan.entity_column = static_cast<int>(it - header_.begin());
    }
    if (plan.rule->op == TransformOp::kRedact) {
      plan.redaction = !plan.rule->text.empty() ? plan.rule->text
                       : action.entity          ? fmt::format("<{}>", EntityName(*action.entity))
                                                : std::string("[REDACTED]");
    }
    actions_.push_back(std::move(action));
  }
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
    AppendCsvCell(op == TransformOp::kKeep ? value : Apply(plan, value, chunk, row), delimiter_, out);
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

}  // namespace ersatz::transform
