// `ersatz transform`: one pass over the file in chunks. Columns are classified on the first rows,
// each column gets the operator of the first rule that matches it, and every cell of the file
// goes through that operator into the output, written atomically.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "common/atomic_file.h"
#include "ersatz/error.h"
#include "ersatz/transform.h"
#include "transform/csv_chunks.h"
#include "transform/operators.h"

namespace ersatz {

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

struct ColumnPlan {
  ColumnAction action;
  const TransformRule* rule = nullptr;
  int entity_column = -1;  // date_shift by entity
  // Same input, same output: remembered per column so repeated values cost one lookup.
  std::unordered_map<std::string, std::string> cache;
};

std::string Apply(ColumnPlan& plan, transform::Operators& ops, std::string_view value, const RawTable& chunk,
                  std::size_t row, std::string_view region) {
  const TransformRule& r = *plan.rule;
  switch (r.op) {
    case TransformOp::kKeep: return std::string(value);
    case TransformOp::kRedact:
      return !r.text.empty() ? r.text
             : plan.action.entity ? fmt::format("<{}>", EntityName(*plan.action.entity))
                                  : std::string("[REDACTED]");
    case TransformOp::kMask: return transform::Operators::Mask(value, r.keep_first, r.keep_last, r.mask_char);
    case TransformOp::kRound: return transform::Operators::Round(value, r.step);
    case TransformOp::kBucket: return transform::Operators::Bucket(value, r.step);
    case TransformOp::kDateShift: {
      const std::string_view entity = plan.entity_column >= 0 ? chunk.Field(plan.entity_column, row) : value;
      return ops.DateShift(value, entity, r.max_days);
    }
    default: break;
  }
  auto it = plan.cache.find(std::string(value));
  if (it != plan.cache.end()) return it->second;
  std::string out;
  switch (r.op) {
    case TransformOp::kFake: out = ops.Fake(plan.action.entity, value); break;
    case TransformOp::kHash: out = ops.Hash(value, r.length); break;
    case TransformOp::kNoise: out = ops.Noise(value, r.scale); break;
    case TransformOp::kReplaceEntities: out = ops.ReplaceEntities(value, r.with, region); break;
    default: break;
  }
  if (plan.cache.size() >= (1u << 18)) plan.cache.clear();  // bounded memory on unique values
  plan.cache.emplace(std::string(value), out);
  return out;
}

}  // namespace

TransformReport TransformCsvFile(const std::string& input, const std::string& output, const CsvReadOptions& options,
                                 const TransformPolicy& policy, const TransformKey& key,
                                 const ScanOptions& scan_options) {
  transform::CsvChunkReader reader(input, options);
  RawTable chunk;
  const bool any = reader.Next(&chunk);
  const auto& header = reader.header();

  // Decide on the first rows.
  std::vector<std::vector<std::string>> sample(header.size());
  const std::size_t n = any ? std::min(chunk.num_rows(), scan_options.sample_rows) : 0;
  for (std::size_t c = 0; c < header.size(); ++c) {
    for (std::size_t r = 0; r < n; ++r) {
      if (!(chunk.columns[c][r].flags() & RawField::kNull)) sample[c].emplace_back(chunk.Field(c, r));
    }
  }
  const std::vector<ColumnFinding> findings = ClassifyColumns(header, sample, scan_options);

  for (const auto& rule : policy.rules) {
    if (rule.column_pattern.empty()) continue;
    const bool found = std::any_of(header.begin(), header.end(),
                                   [&](const std::string& h) { return GlobMatch(rule.column_pattern, h); });
    if (!found) {
      throw ParameterError(fmt::format("{}: column pattern '{}' matches no column of {} (columns: {})", rule.where,
                                       rule.column_pattern, input, fmt::join(header, ", ")));
    }
  }
  std::vector<ColumnPlan> plans(header.size());
  static const TransformRule kKeepRule;
  TransformReport report;
  for (std::size_t c = 0; c < header.size(); ++c) {
    ColumnPlan& plan = plans[c];
    plan.action.column = header[c];
    plan.action.entity = findings[c].entity;
    plan.action.free_text = findings[c].free_text;
    plan.rule = &kKeepRule;
    plan.action.rule = "no rule";
    for (const auto& rule : policy.rules) {
      if (RuleMatches(rule, findings[c])) {
        plan.rule = &rule;
        plan.action.rule = rule.where;
        break;
      }
    }
    plan.action.op = plan.rule->op;
    if (plan.rule->op == TransformOp::kDateShift && !plan.rule->entity_column.empty()) {
      const auto it = std::find(header.begin(), header.end(), plan.rule->entity_column);
      if (it == header.end()) {
        throw ParameterError(fmt::format("{}: entity_column '{}' is not a column of {}", plan.rule->where,
                                         plan.rule->entity_column, input));
      }
      plan.entity_column = static_cast<int>(it - header.begin());
    }
    report.actions.push_back(plan.action);
  }

  transform::Operators ops(key, policy.scope, policy.locale);
  AtomicOutputFile file(output);
  const char delimiter = reader.delimiter() == 0 ? ',' : reader.delimiter();
  std::string out;
  bool first_cell = true;
  for (std::size_t c = 0; c < header.size(); ++c) {
    if (plans[c].action.op == TransformOp::kDrop) continue;
    if (!first_cell) out.push_back(delimiter);
    AppendCsvCell(header[c], delimiter, &out);
    first_cell = false;
  }
  out.push_back('\n');
  while (any) {
    for (std::size_t r = 0; r < chunk.num_rows(); ++r) {
      first_cell = true;
      for (std::size_t c = 0; c < header.size(); ++c) {
        ColumnPlan& plan = plans[c];
        if (plan.action.op == TransformOp::kDrop) continue;
        if (!first_cell) out.push_back(delimiter);
        first_cell = false;
        const RawField& field = chunk.columns[c][r];
        if (field.flags() & RawField::kNull) continue;  // nothing to hide in a missing value
        const std::string_view value = chunk.Field(c, r);
        if (plan.action.op == TransformOp::kKeep) {
          AppendCsvCell(value, delimiter, &out);
        } else {
          AppendCsvCell(Apply(plan, ops, value, chunk, r, scan_options.default_region), delimiter, &out);
        }
      }
      out.push_back('\n');
      if (out.size() >= (4u << 20)) {
        file.Write(out);
        report.bytes_out += out.size();
        out.clear();
      }
    }
    report.rows += chunk.num_rows();
    if (!reader.Next(&chunk)) break;
  }
  file.Write(out);
  report.bytes_out += out.size();
  file.Commit();
  report.bytes_in = reader.bytes_read();
  return report;
}

std::string TransformReport::ToText() const {
  std::string out;
  for (const auto& a : actions) {
    out += fmt::format("  {:<24} {:<18} {:<16} ({})\n", a.column,
                       a.free_text ? "text" : a.entity ? std::string(EntityName(*a.entity)) : "-", OperatorName(a.op),
                       a.rule);
  }
  out += fmt::format("{} rows, {} bytes in, {} bytes out\n", rows, bytes_in, bytes_out);
  return out;
}

}  // namespace ersatz
