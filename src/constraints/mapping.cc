#include "constraints/mapping.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "constraints/values.h"
#include "encode/categorical_encoder.h"
#include "ersatz/error.h"
#include "table/row_copy.h"

namespace ersatz::constraints {

using nlohmann::json;

namespace {

using Value = std::optional<std::string>;
using Counts = std::map<Value, std::size_t>;

bool IsNumber(const Column& c) {
  return c.kind() == ColumnKind::kInteger || c.kind() == ColumnKind::kFloat;
}

// The most common value (ties: the first in order, so the table does not depend on row order).
const Value& Majority(const Counts& counts, std::size_t* rows) {
  const Value* best = nullptr;
  std::size_t most = 0;
  *rows = 0;
  for (const auto& [value, n] : counts) {
    *rows += n;
    if (n > most) best = &value, most = n;
  }
  return *best;
}

json ValueJson(const Value& v) { return v ? json(*v) : json(nullptr); }

Value ValueFromJson(const json& j) {
  if (j.is_null()) return std::nullopt;
  return j.get<std::string>();
}

struct Run {
  double first, last;  // the parent's smallest and largest value in the run
  Value value;
  std::size_t rows;
};

// Runs of consecutive parent values with the same child, short runs (value protection) joining
// the run before them.
std::vector<Run> Runs(const std::map<double, Counts>& by_value, std::size_t min_rows) {
  std::vector<Run> runs;
  for (const auto& [v, counts] : by_value) {
    std::size_t rows = 0;
    const Value& value = Majority(counts, &rows);
    if (!runs.empty() && runs.back().value == value) {
      runs.back().last = v;
      runs.back().rows += rows;
    } else {
      runs.push_back({v, v, value, rows});
    }
  }
  std::vector<Run> kept;
  for (std::size_t i = 0; i < runs.size(); ++i) {
    if (runs[i].rows < min_rows) {
      if (!kept.empty()) kept.back().last = runs[i].last;
      continue;
    }
    if (!kept.empty() && kept.back().value == runs[i].value) {
      kept.back().last = runs[i].last;
      kept.back().rows += runs[i].rows;
    } else {
      kept.push_back(runs[i]);
    }
  }
  return kept;
}

}  // namespace

std::vector<std::string> Mapping::ParentsGiving(std::string_view child) const {
  std::vector<std::string> out;
  if (intervals_) return out;
  for (std::size_t i = 0; i < keys_.size(); ++i) {
    if (values_[i] && *values_[i] == child) out.push_back(keys_[i]);
  }
  return out;
}

Mapping Mapping::Fit(const Column& parent, const Column& child, std::size_t min_rows) {
  Mapping m;
  m.intervals_ = IsNumber(parent);
  Counts null_counts;
  std::map<double, Counts> by_number;
  std::map<std::string, Counts> by_text;
  for (std::size_t r = 0; r < parent.size(); ++r) {
    Value value = child.IsNull(r) ? Value() : Value(child.FormatValue(r));
    if (parent.IsNull(r)) {
      ++null_counts[std::move(value)];
    } else if (m.intervals_) {
      ++by_number[NumberAt(parent, r)][std::move(value)];
    } else {
      ++by_text[parent.FormatValue(r)][std::move(value)];
    }
  }
  if (m.intervals_) {
    const std::vector<Run> runs = Runs(by_number, min_rows);
    for (std::size_t i = 0; i < runs.size(); ++i) {
      m.starts_.push_back(i == 0 ? -HUGE_VAL : (runs[i - 1].last + runs[i].first) / 2);
      m.values_.push_back(runs[i].value);
    }
  } else {
    for (const auto& [key, counts] : by_text) {
      std::size_t rows = 0;
      const Value& value = Majority(counts, &rows);
      if (rows < min_rows) continue;
      m.keys_.push_back(key);
      m.values_.push_back(value);
    }
  }
  if (!null_counts.empty()) {
    std::size_t rows = 0;
    const Value& value = Majority(null_counts, &rows);
    if (rows >= min_rows) m.null_entry_ = value;
  }
  m.Index();
  return m;
}

void Mapping::Index() {
  index_.clear();
  for (std::size_t i = 0; i < keys_.size(); ++i) index_.emplace(keys_[i], i);
}

json Mapping::ToJson() const {
  json entries = json::array();
  for (std::size_t i = 0; i < values_.size(); ++i) {
    const json key = intervals_ ? (i == 0 ? json(nullptr) : json(starts_[i])) : json(keys_[i]);
    entries.push_back({key, ValueJson(values_[i])});
  }
  json j = {{intervals_ ? "intervals" : "values", entries}};
  if (null_entry_) j["null"] = ValueJson(*null_entry_);
  return j;
}

Mapping Mapping::FromJson(const json& j) {
  Mapping m;
  m.intervals_ = j.contains("intervals");
  const json& entries = j.at(m.intervals_ ? "intervals" : "values");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const json& e = entries.at(i);
    if (!e.is_array() || e.size() != 2) throw ParameterError("mapping: malformed entry");
    if (m.intervals_) {
      const double start = i == 0 ? -HUGE_VAL : e.at(0).get<double>();
      if (i > 0 && !(start > m.starts_.back())) {
        throw ParameterError("mapping: interval starts must increase");
      }
      m.starts_.push_back(start);
    } else {
      m.keys_.push_back(e.at(0).get<std::string>());
    }
    m.values_.push_back(ValueFromJson(e.at(1)));
  }
  if (j.contains("null")) m.null_entry_ = ValueFromJson(j.at("null"));
  m.Index();
  return m;
}

void Mapping::Apply(const Column& parent, Column* out) const {
  // The entries as values of the child's kind, read once; entry values_.size() is "unknown".
  Column entries = out->Take({});
  for (const Value& v : values_) {
    if (v) AppendFormatted(*v, &entries);
    else entries.AppendNull();
  }
  const bool categories = out->kind() == ColumnKind::kCategorical || out->kind() == ColumnKind::kText;
  if (categories) entries.AppendString(encode::kRareToken);
  else entries.AppendNull();
  const std::size_t unknown = values_.size();
  std::size_t null_index = unknown;
  if (null_entry_) {
    null_index = entries.size();
    if (*null_entry_) AppendFormatted(**null_entry_, &entries);
    else entries.AppendNull();
  }
  out->Reserve(parent.size());
  for (std::size_t r = 0; r < parent.size(); ++r) {
    std::size_t entry = unknown;
    if (parent.IsNull(r)) {
      entry = null_index;
    } else if (intervals_) {
      if (IsNumber(parent) && !values_.empty()) {
        const double v = NumberAt(parent, r);
        entry = static_cast<std::size_t>(std::upper_bound(starts_.begin() + 1, starts_.end(), v) -
                                         (starts_.begin() + 1));
      }
    } else {
      const auto it = index_.find(parent.kind() == ColumnKind::kCategorical ||
                                          parent.kind() == ColumnKind::kText
                                      ? std::string(parent.text(r))
                                      : parent.FormatValue(r));
      if (it != index_.end()) entry = it->second;
    }
    AppendValue(entries, entry, out);
  }
}

}  // namespace ersatz::constraints
