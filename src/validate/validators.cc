#include "validate/validators.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "common/json_integer.h"
#include "encode/categorical_encoder.h"
#include "encode/datetime_encoder.h"
#include "encode/numeric_encoder.h"
#include "ersatz/error.h"
#include "table/civil.h"
#include "table/datetime.h"

namespace ersatz::validate {

using nlohmann::json;

namespace {

constexpr std::size_t kMinShapeLength = 2, kMaxShapeLength = 32;

const char* KindName(ColumnRule::Kind kind) {
  switch (kind) {
    case ColumnRule::Kind::kRange: return "range";
    case ColumnRule::Kind::kDecimals: return "decimals";
    case ColumnRule::Kind::kCategories: return "categories";
    case ColumnRule::Kind::kShape: return "shape";
  }
  return "";
}

std::string FormatBound(double v, bool datetime) {
  if (!datetime) return fmt::format("{}", v);
  std::string out;
  FormatDatetime(static_cast<std::int64_t>(v), DatetimeFormat{"%Y-%m-%d %H:%M:%S", 0}, &out);
  return out;
}

// A shape as one character per position: 9 digit, A upper case, a lower case, ? several classes,
// or the punctuation class shown as '.', e.g. "AA9999".
std::string DescribeShape(const std::vector<std::uint8_t>& classes) {
  std::string out;
  for (std::uint8_t c : classes) {
    out += c == kDigit ? '9' : c == kUpper ? 'A' : c == kLower ? 'a' : c == kOther ? '.' : '?';
  }
  return fmt::format("the learned shape {} (9 digit, A upper case, a lower case, . other, ? mixed)",
                     out);
}

bool MatchesShape(std::string_view v, const std::vector<std::uint8_t>& classes) {
  if (v.size() != classes.size()) return false;
  for (std::size_t i = 0; i < v.size(); ++i) {
    if ((CharClass(v[i]) & classes[i]) == 0) return false;
  }
  return true;
}

bool HasAtMostDecimals(double v, int decimals) {
  const double scaled = v * std::pow(10.0, decimals);
  return std::fabs(scaled - std::round(scaled)) <= 1e-6 * std::max(1.0, std::fabs(scaled)) ||
         !std::isfinite(scaled);
}

// Marks row r rejected for `reason`.
void Reject(std::size_t r, const std::string& reason, std::span<std::uint8_t> reject,
            RejectionCounts* counts) {
  reject[r] = 1;
  ++(*counts)[reason];
}

}  // namespace

std::uint8_t CharClass(char c) {
  if (c >= '0' && c <= '9') return kDigit;
  if (c >= 'A' && c <= 'Z') return kUpper;
  if (c >= 'a' && c <= 'z') return kLower;
  return kOther;
}

Validators::Validators(std::vector<ColumnRule> rules) : rules_(std::move(rules)) {
  for (const ColumnRule& rule : rules_) {
    std::string below, above;
    std::unordered_set<std::string> set;
    switch (rule.kind) {
      case ColumnRule::Kind::kRange: {
        const bool datetime = rule.datetime;
        below = fmt::format("{} {} {} (the smallest value learned)", rule.column,
                            datetime ? "before" : "below", FormatBound(rule.min, datetime));
        above = fmt::format("{} {} {} (the largest value learned)", rule.column,
                            datetime ? "after" : "above", FormatBound(rule.max, datetime));
        break;
      }
      case ColumnRule::Kind::kDecimals:
        below = fmt::format("{} with more than {} decimals", rule.column, rule.decimals);
        break;
      case ColumnRule::Kind::kCategories:
        below = fmt::format("{} not a learned category", rule.column);
        set.insert(rule.categories.begin(), rule.categories.end());
        break;
      case ColumnRule::Kind::kShape:
        below = fmt::format("{} not of {}", rule.column, DescribeShape(rule.classes));
        break;
    }
    below_.push_back(std::move(below));
    above_.push_back(std::move(above));
    sets_.push_back(std::move(set));
  }
}

Validators Validators::Learn(const encode::TableEncoder& encoder) {
  std::vector<ColumnRule> rules;
  for (std::size_t i = 0; i < encoder.num_columns(); ++i) {
    const encode::ColumnEncoder& enc = encoder.encoder(i);
    const encode::ColumnShape& shape = enc.shape();
    if (const auto* num = dynamic_cast<const encode::NumericEncoder*>(&enc)) {
      rules.push_back({.kind = ColumnRule::Kind::kRange,
                       .column = shape.name,
                       .min = num->min(),
                       .max = num->max()});
      if (shape.kind == ColumnKind::kFloat && shape.float_decimals < 15) {
        rules.push_back({.kind = ColumnRule::Kind::kDecimals,
                         .column = shape.name,
                         .decimals = shape.float_decimals});
      }
    } else if (const auto* dt = dynamic_cast<const encode::DatetimeEncoder*>(&enc)) {
      rules.push_back({.kind = ColumnRule::Kind::kRange,
                       .column = shape.name,
                       .min = static_cast<double>(dt->min()),
                       .max = static_cast<double>(dt->max()),
                       .datetime = true});
    } else if (const auto* cat = dynamic_cast<const encode::CategoricalEncoder*>(&enc)) {
      if (shape.kind == ColumnKind::kBoolean) continue;  // the kind allows only two values
      ColumnRule set{.kind = ColumnRule::Kind::kCategories, .column = shape.name};
      set.categories = cat->categories();
      set.categories.emplace_back(encode::kRareToken);
      rules.push_back(std::move(set));
      // Code-like: every kept category of one length; each position keeps the classes seen.
      const auto& cats = cat->categories();
      if (cats.size() < 2) continue;
      const std::size_t length = cats.front().size();
      if (length < kMinShapeLength || length > kMaxShapeLength) continue;
      ColumnRule code{.kind = ColumnRule::Kind::kShape, .column = shape.name};
      code.classes.assign(length, 0);
      bool same_length = true;
      for (const std::string& c : cats) {
        if (c.size() != length) {
          same_length = false;
          break;
        }
        for (std::size_t p = 0; p < length; ++p) code.classes[p] |= CharClass(c[p]);
      }
      if (same_length) rules.push_back(std::move(code));
    }
  }
  return Validators(std::move(rules));
}

json Validators::ToJson() const {
  json out = json::array();
  for (const ColumnRule& r : rules_) {
    json j = {{"rule", KindName(r.kind)}, {"column", r.column}};
    switch (r.kind) {
      case ColumnRule::Kind::kRange:
        j["min"] = r.min;
        j["max"] = r.max;
        j["datetime"] = r.datetime;
        break;
      case ColumnRule::Kind::kDecimals: j["decimals"] = r.decimals; break;
      case ColumnRule::Kind::kCategories: j["categories"] = r.categories; break;
      case ColumnRule::Kind::kShape: j["classes"] = r.classes; break;
    }
    out.push_back(std::move(j));
  }
  return out;
}

Validators Validators::FromJson(const json& j) {
  std::vector<ColumnRule> rules;
  try {
    for (const json& item : j) {
      ColumnRule r;
      r.column = item.at("column").get<std::string>();
      const std::string kind = item.at("rule").get<std::string>();
      if (kind == "range") {
        r.kind = ColumnRule::Kind::kRange;
        r.min = item.at("min").get<double>();
        r.max = item.at("max").get<double>();
        r.datetime = item.value("datetime", false);
        // Datetime bounds are microseconds, printed as dates in messages.
        const double limit =
            r.datetime ? static_cast<double>(kMaxDatetimeMicros) : std::numeric_limits<double>::max();
        if (!(r.min <= r.max) || !(std::fabs(r.min) <= limit) || !(std::fabs(r.max) <= limit)) {
          throw ParameterError(fmt::format("validators: range of '{}' is not [min, max] with finite bounds{}",
                                           r.column, r.datetime ? " within the datetime range" : ""));
        }
      } else if (kind == "decimals") {
        r.kind = ColumnRule::Kind::kDecimals;
        r.decimals = JsonInteger<int>(item.at("decimals"), "decimals");
      } else if (kind == "categories") {
        r.kind = ColumnRule::Kind::kCategories;
        r.categories = item.at("categories").get<std::vector<std::string>>();
      } else if (kind == "shape") {
        r.kind = ColumnRule::Kind::kShape;
        r.classes = JsonIntegers<std::uint8_t>(item.at("classes"), "shape classes");
      } else {
        throw ParameterError(fmt::format("validators: unknown rule \"{}\"", kind));
      }
      rules.push_back(std::move(r));
    }
  } catch (const json::exception& e) {
    throw ParameterError(fmt::format("validators: {}", e.what()));
  }
  return Validators(std::move(rules));
}

void Validators::Check(const Table& batch, std::span<std::uint8_t> reject,
                       RejectionCounts* counts) const {
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    const ColumnRule& rule = rules_[i];
    const int index = batch.FindColumn(rule.column);
    if (index < 0) continue;
    const Column& col = batch.column(static_cast<std::size_t>(index));
    const std::size_t rows = col.size();
    switch (rule.kind) {
      case ColumnRule::Kind::kRange: {
        if (col.kind() == ColumnKind::kFloat) {
          for (std::size_t r = 0; r < rows; ++r) {
            if (col.IsNull(r)) continue;
            const double v = col.floats()[r];
            if (v < rule.min) Reject(r, below_[i], reject, counts);
            if (v > rule.max) Reject(r, above_[i], reject, counts);
          }
        } else if (col.kind() == ColumnKind::kInteger || col.kind() == ColumnKind::kDatetime) {
          for (std::size_t r = 0; r < rows; ++r) {
            if (col.IsNull(r)) continue;
            const auto v = static_cast<double>(col.integers()[r]);
            if (v < rule.min) Reject(r, below_[i], reject, counts);
            if (v > rule.max) Reject(r, above_[i], reject, counts);
          }
        }
        break;
      }
      case ColumnRule::Kind::kDecimals:
        if (col.kind() != ColumnKind::kFloat) break;
        for (std::size_t r = 0; r < rows; ++r) {
          if (!col.IsNull(r) && !HasAtMostDecimals(col.floats()[r], rule.decimals)) {
            Reject(r, below_[i], reject, counts);
          }
        }
        break;
      case ColumnRule::Kind::kCategories:
      case ColumnRule::Kind::kShape: {
        if (col.kind() != ColumnKind::kCategorical && col.kind() != ColumnKind::kText) break;
        auto valid = [&](std::string_view v) {
          return rule.kind == ColumnRule::Kind::kCategories
                     ? sets_[i].contains(std::string(v))
                     : (v == encode::kRareToken || MatchesShape(v, rule.classes));
        };
        if (col.kind() == ColumnKind::kCategorical) {
          // Each of the batch's categories is checked once, not once per row.
          std::vector<std::uint8_t> ok(col.categories().size());
          for (std::size_t c = 0; c < ok.size(); ++c) ok[c] = valid(col.categories()[c]);
          for (std::size_t r = 0; r < rows; ++r) {
            if (!col.IsNull(r) && !ok[col.codes()[r]]) Reject(r, below_[i], reject, counts);
          }
        } else {
          for (std::size_t r = 0; r < rows; ++r) {
            if (!col.IsNull(r) && !valid(col.text(r))) Reject(r, below_[i], reject, counts);
          }
        }
        break;
      }
    }
  }
}

}  // namespace ersatz::validate
