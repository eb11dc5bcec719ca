// Parsing --where and --rebalance into per-row conditions (conditions.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/random.h"
#include "encode/categorical_encoder.h"
#include "ersatz/error.h"
#include "models/argn/conditions.h"
#include "table/datetime.h"
#include "table/value_parse.h"

namespace ersatz::argn {

namespace {

constexpr std::uint64_t kRebalanceStream = 0x4EBA;

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

std::vector<std::string_view> SplitCommas(std::string_view s) {
  std::vector<std::string_view> parts;
  for (std::size_t at = 0;;) {
    const std::size_t comma = s.find(',', at);
    parts.push_back(Trim(s.substr(at, comma == std::string_view::npos ? comma : comma - at)));
    if (comma == std::string_view::npos) return parts;
    at = comma + 1;
  }
}

// Number or datetime (in microseconds) in the column's own format.
double ParseBound(const encode::ColumnEncoder& encoder, std::string_view text,
                  const std::string& origin) {
  if (encoder.shape().kind == ColumnKind::kDatetime) {
    std::int64_t micros = 0;
    if (!ParseDatetime(text, encoder.shape().datetime_format, &micros)) {
      throw ParameterError(fmt::format("{}: '{}' is not a date/time written like the column's values",
                                       origin, text));
    }
    return static_cast<double>(micros);
  }
  double v = 0;
  if (!ParseFloat(text, &v)) {
    throw ParameterError(fmt::format("{}: '{}' is not a number", origin, text));
  }
  return v;
}

int FindLearnedColumn(const encode::TableEncoder& encoder, std::string_view name,
                      const std::string& origin) {
  const int c = encoder.FindColumn(name);
  if (c < 0) throw ParameterError(fmt::format("{}: the model has no column '{}'", origin, name));
  return c;
}

std::int32_t CategoryCode(const encode::CategoricalEncoder& encoder, std::string_view value,
                          const std::string& column, const std::string& origin) {
  const std::int32_t code = encoder.CodeOf(value);
  if (code == 0 && value != encode::kRareToken) {
    throw ParameterError(fmt::format(
        "{}: column '{}' has no category '{}' (never seen, or too rare to be kept)", origin,
        column, value));
  }
  return code;
}

// A rule excluding NULL from column c, or column -1 when the column cannot be null.
ColumnRule NotNullRule(const encode::TableEncoder& encoder, int c) {
  const encode::ColumnEncoder& column = encoder.encoder(c);
  ColumnRule rule;
  rule.origin = "no nulls";
  if (const auto* categorical = dynamic_cast<const encode::CategoricalEncoder*>(&column)) {
    if (!categorical->has_null()) return rule;
    rule.allowed.assign(column.sub_columns()[0].cardinality, 1);
    rule.allowed[categorical->null_code()] = 0;
  } else if (column.sub_columns().size() == 1) {
    rule.allowed.assign(column.sub_columns()[0].cardinality, 0);
    for (std::int32_t code = 0; code < column.sub_columns()[0].cardinality; ++code) {
      rule.allowed[code] = column.ReachShare(std::span(&code, 1), -HUGE_VAL, HUGE_VAL) > 0;
    }
    if (std::count(rule.allowed.begin(), rule.allowed.end(), 0) == 0) return rule;
  } else {
    // Digits and datetimes: a NULL flag comes first when the column had nulls.
    const std::string& first = column.sub_columns()[0].name;
    if (first.size() < 5 || first.compare(first.size() - 5, 5, ".null") != 0) return rule;
    rule.range = true;
    rule.lo = -HUGE_VAL;
    rule.hi = HUGE_VAL;
  }
  rule.column = c;
  return rule;
}

}  // namespace

ColumnRule ParseWhere(const encode::TableEncoder& encoder, const std::string& text,
                      const std::string& origin) {
  const std::size_t eq = text.find('=');
  if (eq == std::string::npos || eq == 0) {
    throw ParameterError(fmt::format(
        "{}: expected 'column=value', 'column=a,b' or 'column=lo..hi'", origin));
  }
  const std::string name(Trim(std::string_view(text).substr(0, eq)));
  const std::string_view value = Trim(std::string_view(text).substr(eq + 1));
  ColumnRule rule;
  rule.column = FindLearnedColumn(encoder, name, origin);
  rule.origin = origin;
  const encode::ColumnEncoder& column = encoder.encoder(rule.column);
  const int cardinality = column.sub_columns()[0].cardinality;
  if (const auto* categorical = dynamic_cast<const encode::CategoricalEncoder*>(&column)) {
    rule.allowed.assign(cardinality, 0);
    for (std::string_view v : SplitCommas(value)) {
      rule.allowed[CategoryCode(*categorical, v, name, origin)] = 1;
    }
    return rule;
  }
  rule.range = true;
  const std::size_t dots = value.find("..");
  if (dots == std::string_view::npos) {
    rule.lo = rule.hi = ParseBound(column, value, origin);
  } else {
    const std::string_view lo = Trim(value.substr(0, dots));
    const std::string_view hi = Trim(value.substr(dots + 2));
    rule.lo = lo.empty() ? -HUGE_VAL : ParseBound(column, lo, origin);
    rule.hi = hi.empty() ? HUGE_VAL : ParseBound(column, hi, origin);
  }
  if (rule.lo > rule.hi) throw ParameterError(fmt::format("{}: empty range", origin));
  // With whole-code steps (encoders snap ranges to their grid) a walk never dead-ends, so one
  // reachable first code is enough for every row to find a value.
  bool reachable = false;
  for (std::int32_t code = 0; code < cardinality && !reachable; ++code) {
    reachable = column.ReachShare(std::span(&code, 1), rule.lo, rule.hi) > 0;
  }
  if (!reachable) {
    throw ParameterError(
        fmt::format("{}: no value the model can generate for column '{}' lies in this range",
                    origin, name));
  }
  if (column.sub_columns().size() == 1) {  // one sub-column: a set of codes is simpler and faster
    rule.range = false;
    rule.allowed.assign(cardinality, 0);
    for (std::int32_t code = 0; code < cardinality; ++code) {
      rule.allowed[code] = column.ReachShare(std::span(&code, 1), rule.lo, rule.hi) > 0 ? 1 : 0;
    }
  }
  return rule;
}

ConditionPlan::ConditionPlan(const encode::TableEncoder& encoder, Network& network,
                             const std::vector<std::string>& where,
                             const std::vector<std::string>& rebalance, bool no_nulls) {
  std::vector<std::string> origin_of(encoder.num_columns());
  auto claim = [&](int column, const std::string& origin) {
    if (!origin_of[column].empty()) {
      throw ParameterError(fmt::format("{}: column '{}' already has a condition ({})", origin,
                                       encoder.encoder(column).shape().name, origin_of[column]));
    }
    origin_of[column] = origin;
  };
  for (const std::string& text : where) {
    const std::string origin = fmt::format("--where '{}'", text);
    ColumnRule rule = ParseWhere(encoder, text, origin);
    claim(rule.column, origin);
    if (!rule.range && std::count(rule.allowed.begin(), rule.allowed.end(), 1) == 1) {
      const auto code = std::find(rule.allowed.begin(), rule.allowed.end(), 1) - rule.allowed.begin();
      fixed_.push_back({rule.column, static_cast<std::int32_t>(code)});
    } else {
      rules_.push_back(std::move(rule));
    }
  }
  // Target shares per column, gathered over every --rebalance naming it.
  std::vector<std::vector<double>> shares(encoder.num_columns());
  std::vector<std::string> first_origin(encoder.num_columns());
  for (const std::string& text : rebalance) {
    const std::string origin = fmt::format("--rebalance '{}'", text);
    const std::size_t eq = text.find('=');
    const std::size_t colon = text.rfind(':');
    if (eq == std::string::npos || eq == 0 || colon == std::string::npos || colon < eq) {
      throw ParameterError(fmt::format("{}: expected 'column=value:share'", origin));
    }
    const std::string name(Trim(std::string_view(text).substr(0, eq)));
    const int c = FindLearnedColumn(encoder, name, origin);
    const auto* categorical = dynamic_cast<const encode::CategoricalEncoder*>(&encoder.encoder(c));
    if (categorical == nullptr) {
      throw ParameterError(fmt::format("{}: column '{}' is not categorical", origin, name));
    }
    double share = 0;
    const std::string_view share_text = Trim(std::string_view(text).substr(colon + 1));
    if (!ParseFloat(share_text, &share) || !(share >= 0 && share <= 1)) {
      throw ParameterError(fmt::format("{}: expected a share in [0, 1], found '{}'", origin, share_text));
    }
    const std::int32_t code = CategoryCode(
        *categorical, Trim(std::string_view(text).substr(eq + 1, colon - eq - 1)), name, origin);
    if (shares[c].empty()) {
      claim(c, origin);
      first_origin[c] = origin;
      shares[c].assign(categorical->sub_columns()[0].cardinality, -1);
    }
    shares[c][code] = share;
  }
  for (std::size_t c = 0; c < shares.size(); ++c) {
    if (shares[c].empty()) continue;
    std::vector<double>& s = shares[c];
    double given = 0, model_rest = 0;
    const std::vector<double> model = network.FirstDistribution(static_cast<int>(encoder.first_sub(c)));
    for (std::size_t code = 0; code < s.size(); ++code) {
      if (s[code] >= 0) given += s[code];
      else model_rest += model[code];
    }
    if (given > 1 + 1e-9) {
      throw ParameterError(fmt::format("{}: the shares of column '{}' add up to {:g}, more than 1",
                                       first_origin[c], encoder.encoder(c).shape().name, given));
    }
    Rebalance r{static_cast<int>(c), {}};
    double acc = 0;
    for (std::size_t code = 0; code < s.size(); ++code) {
      acc += s[code] >= 0 ? s[code]
                          : (model_rest > 0 ? std::max(0.0, 1 - given) * model[code] / model_rest : 0);
      r.cumulative.push_back(acc);
    }
    if (acc <= 0) {
      throw ParameterError(fmt::format("{}: the shares of column '{}' add up to 0", first_origin[c],
                                       encoder.encoder(c).shape().name));
    }
    for (double& v : r.cumulative) v /= acc;
    rebalance_.push_back(std::move(r));
  }
  if (!no_nulls) return;
  for (std::size_t c = 0; c < encoder.num_columns(); ++c) {
    if (!origin_of[c].empty()) continue;
    ColumnRule rule = NotNullRule(encoder, static_cast<int>(c));
    if (rule.column >= 0) {
      rules_.push_back(std::move(rule));
      ++not_null_rules_;
    }
  }
}

RowConditions ConditionPlan::Start(const encode::TableEncoder& encoder, std::size_t rows) const {
  RowConditions conditions(encoder, rows);
  for (const ColumnRule& rule : rules_) conditions.AddRule(rule);
  return conditions;
}

void ConditionPlan::Apply(RowConditions* conditions, std::size_t row, std::uint64_t global_row,
                          std::uint64_t seed) const {
  using State = RowConditions::State;
  for (std::size_t i = 0; i < rules_.size(); ++i) {
    if (conditions->state(row, rules_[i].column) == State::kFree) {
      conditions->Restrict(row, static_cast<int>(i));
    }
  }
  for (const Fixed& f : fixed_) {
    if (conditions->state(row, f.column) == State::kFree) {
      conditions->Fix(row, f.column, std::span(&f.code, 1));
    }
  }
  for (const Rebalance& r : rebalance_) {
    if (conditions->state(row, r.column) != State::kFree) continue;
    RandomStream rng(seed, kRebalanceStream + static_cast<std::uint64_t>(r.column),
                     static_cast<std::uint32_t>(global_row));
    const double u = rng.NextDouble();
    const auto code = static_cast<std::int32_t>(
        std::min<std::size_t>(std::upper_bound(r.cumulative.begin(), r.cumulative.end(), u) -
                                  r.cumulative.begin(),
                              r.cumulative.size() - 1));
    conditions->Fix(row, r.column, std::span(&code, 1));
  }
}

std::vector<int> ConditionPlan::Columns() const {
  std::vector<int> columns;
  for (std::size_t i = 0; i + not_null_rules_ < rules_.size(); ++i) columns.push_back(rules_[i].column);
  for (const Fixed& f : fixed_) columns.push_back(f.column);
  for (const Rebalance& r : rebalance_) columns.push_back(r.column);
  return columns;
}

}  // namespace ersatz::argn
