#include "constraints/plan.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <set>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_map>

#include "common/json_integer.h"
#include "constraints/computed.h"
#include "constraints/values.h"
#include "encode/shape_json.h"
#include "ersatz/error.h"

namespace ersatz::constraints {

using nlohmann::json;
using Kind = Constraint::Kind;
using Learn = Constraint::Learn;

namespace {

constexpr std::int64_t kMicrosPerSecond = 1'000'000;
constexpr std::int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;
// Joins the values of a combination; no CSV cell of a real table holds these control characters.
constexpr char kJoin = '\x1f';
constexpr std::string_view kNullPart = "\x1e";

bool IsNumber(ColumnKind k) { return k == ColumnKind::kInteger || k == ColumnKind::kFloat; }

// The step in which a datetime difference is learned: days when every value is a whole day,
// seconds when every value is a whole second, else microseconds (fewer digits to learn).
std::int64_t DatetimeUnit(const Column& a, const Column& b) {
  std::int64_t unit = kMicrosPerDay;
  for (const Column* c : {&a, &b}) {
    for (std::size_t r = 0; r < c->size(); ++r) {
      if (c->IsNull(r)) continue;
      const std::int64_t v = c->integers()[r];
      while (unit > 1 && v % unit != 0) unit = unit == kMicrosPerDay ? kMicrosPerSecond : 1;
    }
  }
  return unit;
}

// A table with no rows and the given columns: what expressions are compiled against.
Table EmptyTable(const std::vector<encode::ColumnShape>& shapes) {
  Table t;
  for (const auto& s : shapes) t.AddColumn(s.MakeEmpty());
  return t;
}

// The parts of a joined combination; a value without all its parts (_RARE_, a protected rare
// combination) gives that value in every part.
void SplitCombination(std::string_view v, std::size_t n, std::vector<std::string_view>* parts) {
  parts->clear();
  std::size_t start = 0;
  while (parts->size() + 1 < n) {
    const std::size_t end = v.find(kJoin, start);
    if (end == std::string_view::npos) break;
    parts->push_back(v.substr(start, end - start));
    start = end + 1;
  }
  if (parts->size() + 1 == n && v.find(kJoin, start) == std::string_view::npos) {
    parts->push_back(v.substr(start));
  } else {
    parts->assign(n, v);
  }
}

}  // namespace

std::string DifferenceColumnName(const std::string& high, const std::string& low) {
  return fmt::format("{} (minus {})", high, low);
}

std::string CombinationColumnName(const std::vector<std::string>& columns) {
  std::string out;
  for (const auto& c : columns) out += (out.empty() ? "" : " + ") + c;
  return out;
}

ConstraintPlan::ConstraintPlan() = default;
ConstraintPlan::~ConstraintPlan() = default;
ConstraintPlan::ConstraintPlan(ConstraintPlan&&) noexcept = default;
ConstraintPlan& ConstraintPlan::operator=(ConstraintPlan&&) noexcept = default;

ConstraintPlan ConstraintPlan::Fit(const Table& table, const Metadata& schema,
                                   const PlanOptions& options) {
  ConstraintPlan plan;
  plan.constraints_ = schema.constraints;
  plan.constraints_.insert(plan.constraints_.end(), options.discovered.begin(),
                           options.discovered.end());
  plan.rows_ = table.num_rows();
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    plan.columns_.push_back(encode::ColumnShape::Of(table.column(c)));
  }
  const std::size_t declared = schema.constraints.size();
  std::unordered_map<std::string, std::size_t> shaped;  // column → the constraint that reshapes it
  for (std::size_t i = 0; i < plan.constraints_.size(); ++i) {
    const Constraint& con = plan.constraints_[i];
    const std::string label =
        i < declared ? ConstraintLabel(schema, i)
                     : fmt::format("discovered rule ({})", con.Describe());
    for (const std::string& name : con.columns) {
      if (table.FindColumn(name) < 0)
        throw ParameterError(fmt::format("{}: unknown column '{}'", label, name));
    }
    auto kind_of = [&](const std::string& name) { return ColumnOf(table, name).kind(); };
    // A column can be rebuilt by one constraint only (the low side of an inequality is read, not
    // rebuilt).
    auto claim = [&](const std::string& name) {
      auto [it, fresh] = shaped.emplace(name, i);
      if (!fresh) {
        throw ParameterError(fmt::format("{}: '{}' is already rebuilt by constraint {}", label,
                                         name, it->second + 1));
      }
    };
    switch (con.kind) {
      case Kind::kInequality: {
        const ColumnKind a = kind_of(con.columns[0]), b = kind_of(con.columns[1]);
        const bool numbers = IsNumber(a) && IsNumber(b);
        const bool datetimes = a == ColumnKind::kDatetime && b == ColumnKind::kDatetime;
        if (!numbers && !datetimes) {
          const std::string& bad =
              IsNumber(a) || a == ColumnKind::kDatetime ? con.columns[1] : con.columns[0];
          throw ParameterError(fmt::format(
              "{}: '{}' is {}; an inequality compares two number columns or two datetime columns",
              label, bad, ColumnKindName(kind_of(bad))));
        }
        if (con.columns[0] == con.columns[1]) {
          throw ParameterError(fmt::format("{}: compares '{}' with itself", label, con.columns[0]));
        }
        claim(con.columns[1]);
        break;
      }
      case Kind::kCombination:
        for (const std::string& name : con.columns) {
          const ColumnKind k = kind_of(name);
          if (k != ColumnKind::kCategorical && k != ColumnKind::kText) {
            throw ParameterError(
                fmt::format("{}: '{}' is {}; a combination joins categorical or text columns",
                            label, name, ColumnKindName(k)));
          }
          claim(name);
        }
        break;
      case Kind::kDerived: {
        if (!IsNumber(kind_of(con.columns[0]))) {
          throw ParameterError(
              fmt::format("{}: '{}' is {}; a derived column must be integer or float", label,
                          con.columns[0], ColumnKindName(kind_of(con.columns[0]))));
        }
        claim(con.columns[0]);
        const Expression e(con.expression, table, label);
        if (std::find(e.variables().begin(), e.variables().end(), con.columns[0]) !=
            e.variables().end()) {
          throw ParameterError(
              fmt::format("{}: '{}' cannot be computed from itself", label, con.columns[0]));
        }
        break;
      }
      case Kind::kMapping: {
        if (kind_of(con.columns[0]) == ColumnKind::kDatetime) {
          throw ParameterError(fmt::format(
              "{}: '{}' is datetime; a mapping gives categorical, text, boolean or number columns",
              label, con.columns[0]));
        }
        if (kind_of(con.columns[1]) == ColumnKind::kDatetime) {
          throw ParameterError(fmt::format(
              "{}: '{}' is datetime; a mapping reads a categorical, text, boolean or number column",
              label, con.columns[1]));
        }
        if (con.columns[0] == con.columns[1]) {
          throw ParameterError(
              fmt::format("{}: '{}' cannot be determined by itself", label, con.columns[0]));
        }
        claim(con.columns[0]);
        break;
      }
      case Kind::kUnique: break;
    }
  }
  plan.fitted_.assign(plan.constraints_.size(), Fitted{});
  for (std::size_t i = 0; i < plan.constraints_.size(); ++i) {
    const Constraint& con = plan.constraints_[i];
    Fitted& f = plan.fitted_[i];
    f.discovered = i >= declared;
    if (con.kind == Kind::kInequality &&
        ColumnOf(table, con.columns[0]).kind() == ColumnKind::kDatetime) {
      f.unit = DatetimeUnit(ColumnOf(table, con.columns[0]), ColumnOf(table, con.columns[1]));
    }
    if (con.kind == Kind::kMapping) {
      // The same threshold as the parent's own encoder: the table keeps what it keeps.
      const encode::EncodeOptions protection{.value_protection = options.value_protection,
                                             .seed = options.seed};
      const auto min_rows = static_cast<std::size_t>(
          options.value_protection ? encode::ProtectionThreshold(protection, con.columns[1]) : 1);
      f.mapping = Mapping::Fit(ColumnOf(table, con.columns[1]), ColumnOf(table, con.columns[0]),
                               min_rows);
    }
    if (con.kind == Kind::kDerived && con.learn == Learn::kRatio) {
      f.ratio_decimals = RatioDecimals(ColumnOf(table, con.columns[0]));
    }
  }
  plan.Compile();
  plan.MeasureRules(table);
  try {  // every step finds what it reads: restore an empty table once
    plan.Restore(plan.Prepare(table.Take({})), {});
  } catch (const ParameterError& e) {
    throw ParameterError(fmt::format("{}: constraints: {}",
                                     schema.source.empty() ? "metadata" : schema.source, e.what()));
  }
  return plan;
}

void ConstraintPlan::MeasureRules(const Table& table) {
  std::vector<std::uint64_t> ids(table.num_rows());
  std::iota(ids.begin(), ids.end(), 0);
  const std::vector<double> row_numbers = RowNumbers(ids);
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    if (con.kind != Kind::kDerived && con.kind != Kind::kMapping) continue;
    Fitted& f = fitted_[i];
    const Column& data = ColumnOf(table, con.columns[0]);
    std::vector<double> raw;
    const Column rule = RuleValues(i, table, row_numbers, &raw);
    f.holds = 0;
    if (con.learn != Learn::kRatio) {
      for (std::size_t r = 0; r < data.size(); ++r) f.holds += SameValue(data, r, rule, r);
      continue;
    }
    std::vector<double> ratios;
    for (std::size_t r = 0; r < data.size(); ++r) {
      if (data.IsNull(r)) {
        ++f.holds;
      } else if (RatioExpresses(raw[r])) {
        ++f.holds;
        ratios.push_back(NumberAt(data, r) / raw[r]);
      }
    }
    if (!ratios.empty()) {
      std::sort(ratios.begin(), ratios.end());
      f.ratio_low = ratios[ratios.size() / 100];
      f.ratio_high = ratios[ratios.size() - 1 - ratios.size() / 100];
    }
  }
}

void ConstraintPlan::Compile() {
  expressions_.clear();
  const Table prototype = EmptyTable(columns_);
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    expressions_.push_back(con.kind == Kind::kDerived
                               ? std::make_unique<Expression>(con.expression, prototype,
                                                              fmt::format("constraint {}", i + 1))
                               : nullptr);
  }
}

json ConstraintPlan::ToJson() const {
  Metadata m;
  m.constraints = constraints_;
  json shapes = json::array();
  for (const auto& s : columns_) shapes.push_back(encode::ShapeToJson(s));
  json units = json::array(), fitted = json::array();
  for (const Fitted& f : fitted_) {
    units.push_back(f.unit);
    json j = {{"discovered", f.discovered}, {"holds", f.holds}};
    if (f.mapping) j["mapping"] = f.mapping->ToJson();
    if (f.ratio_decimals > 0) {
      j["ratio_decimals"] = f.ratio_decimals;
      j["ratio_range"] = {f.ratio_low, f.ratio_high};
    }
    fitted.push_back(std::move(j));
  }
  return {{"constraints", json::parse(m.ToJson()).at("constraints")},
          {"columns", shapes},
          {"units", units},
          {"rows", rows_},
          {"fitted", fitted}};
}

ConstraintPlan ConstraintPlan::FromJson(const json& j) {
  ConstraintPlan plan;
  json doc = {{"version", 1}, {"columns", json::array()}, {"constraints", j.at("constraints")}};
  plan.constraints_ = Metadata::ParseJson(doc.dump(), "model constraints").constraints;
  for (const json& s : j.at("columns")) plan.columns_.push_back(encode::ShapeFromJson(s));
  // Every column a constraint names must have a shape, once: restoring looks them up by name.
  std::set<std::string> names;
  for (const auto& shape : plan.columns_) {
    if (!names.insert(shape.name).second) {
      throw ParameterError(fmt::format("model constraints: column '{}' is listed twice", shape.name));
    }
  }
  for (const Constraint& con : plan.constraints_) {
    for (const std::string& name : con.columns) {
      if (!names.count(name)) {
        throw ParameterError(fmt::format("model constraints: {} names '{}', which has no column shape",
                                         con.Describe(), name));
      }
    }
  }
  const auto units = JsonIntegers<std::int64_t>(j.at("units"), "units");
  if (units.size() != plan.constraints_.size()) {
    throw ParameterError("model constraints: one unit per constraint expected");
  }
  plan.fitted_.resize(units.size());
  // Models written before discovered rules (format 2) have no "fitted": nothing to read there.
  const json fitted = j.value("fitted", json::array());
  if (!fitted.empty() && fitted.size() != units.size()) {
    throw ParameterError("model constraints: one fitted entry per constraint expected");
  }
  plan.rows_ = JsonIntegerOr<std::size_t>(j, "rows", 0, "constraints.rows");
  for (std::size_t i = 0; i < units.size(); ++i) {
    Fitted& f = plan.fitted_[i];
    f.unit = units[i];
    if (!fitted.empty()) {
      const json& e = fitted[i];
      f.discovered = e.at("discovered").get<bool>();
      f.holds = JsonInteger<std::size_t>(e.at("holds"), "holds");
      if (e.contains("mapping")) f.mapping = Mapping::FromJson(e.at("mapping"));
      if (e.contains("ratio_decimals")) {
        f.ratio_decimals = JsonInteger<int>(e.at("ratio_decimals"), "ratio_decimals");
        f.ratio_low = e.at("ratio_range").at(0).get<double>();
        f.ratio_high = e.at("ratio_range").at(1).get<double>();
      }
    }
    const Constraint& con = plan.constraints_[i];
    if (con.kind == Kind::kMapping && !f.mapping) {
      throw ParameterError(
          fmt::format("model constraints: constraint {} ({}) has no table", i + 1, con.Describe()));
    }
    if (con.learn == Learn::kRatio && !(f.ratio_decimals > 0 && f.ratio_decimals <= 15)) {
      throw ParameterError(fmt::format(
          "model constraints: constraint {} ({}) has no ratio precision", i + 1, con.Describe()));
    }
  }
  plan.Compile();
  return plan;
}

std::vector<std::string> ConstraintPlan::UniqueColumns() const {
  std::vector<std::string> out;
  for (const Constraint& c : constraints_) {
    if (c.kind == Kind::kUnique) out.push_back(c.columns[0]);
  }
  return out;
}

std::vector<RuleReport> ConstraintPlan::Rules() const {
  std::vector<RuleReport> out;
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    if (con.kind != Kind::kDerived && con.kind != Kind::kMapping) continue;
    const Fitted& f = fitted_[i];
    out.push_back({.constraint = con,
                   .discovered = f.discovered,
                   .rows = rows_,
                   .holds = f.holds,
                   .entries = f.mapping ? f.mapping->size() : 0,
                   .intervals = f.mapping && f.mapping->intervals(),
                   .ratio_low = f.ratio_low,
                   .ratio_high = f.ratio_high});
  }
  return out;
}

ConstraintPlan::Rebuilder ConstraintPlan::RebuiltBy(const std::string& column) const {
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    bool rebuilds = false;
    switch (con.kind) {
      case Kind::kInequality: rebuilds = con.columns[1] == column; break;
      case Kind::kCombination:
        rebuilds = std::find(con.columns.begin(), con.columns.end(), column) != con.columns.end();
        break;
      case Kind::kDerived:
      case Kind::kMapping: rebuilds = con.columns[0] == column; break;
      case Kind::kUnique: break;
    }
    if (rebuilds) return {&con, fitted_[i].discovered};
  }
  return {};
}

const Mapping* ConstraintPlan::MappingOf(const std::string& column) const {
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    if (con.kind == Kind::kMapping && con.columns[0] == column) return &*fitted_[i].mapping;
  }
  return nullptr;
}

const encode::ColumnShape& ConstraintPlan::ShapeOf(const std::string& name) const {
  return *std::find_if(columns_.begin(), columns_.end(),
                       [&](const auto& s) { return s.name == name; });
}

Column ConstraintPlan::RuleValues(std::size_t i, const Table& work,
                                  std::span<const double> row_numbers,
                                  std::vector<double>* raw) const {
  const Constraint& con = constraints_[i];
  Column out = ShapeOf(con.columns[0]).MakeEmpty();
  if (con.kind == Kind::kMapping) {
    fitted_[i].mapping->Apply(ColumnOf(work, con.columns[1]), &out);
    return out;
  }
  for (const std::string& v : expressions_[i]->variables()) ColumnOf(work, v);
  std::vector<double> values = expressions_[i]->Evaluate(work, row_numbers);
  out.Reserve(values.size());
  for (double v : values) AppendNumber(v, &out);
  if (raw != nullptr) *raw = std::move(values);
  return out;
}

Table ConstraintPlan::Prepare(const Table& table) const {
  if (constraints_.empty()) return table;
  // What replaces each original column: nothing (dropped), itself, or a learned column.
  std::unordered_map<std::string, std::optional<Column>> replaced;
  std::vector<std::uint64_t> ids(table.num_rows());
  std::iota(ids.begin(), ids.end(), 0);
  const std::vector<double> row_numbers = RowNumbers(ids);
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    switch (con.kind) {
      case Kind::kInequality: {
        const Column& low = ColumnOf(table, con.columns[0]);
        const Column& high = ColumnOf(table, con.columns[1]);
        const bool floats = low.kind() == ColumnKind::kFloat || high.kind() == ColumnKind::kFloat;
        Column diff(DifferenceColumnName(con.columns[1], con.columns[0]),
                    floats ? ColumnKind::kFloat : ColumnKind::kInteger);
        diff.set_float_decimals(std::max(low.float_decimals(), high.float_decimals()));
        diff.Reserve(table.num_rows());
        for (std::size_t r = 0; r < table.num_rows(); ++r) {
          if (low.IsNull(r) || high.IsNull(r)) {
            diff.AppendNull();
          } else if (low.kind() == ColumnKind::kDatetime) {
            diff.AppendInteger((high.integers()[r] - low.integers()[r]) / fitted_[i].unit);
          } else if (floats) {
            diff.AppendFloat(RoundTo(NumberAt(high, r) - NumberAt(low, r), diff.float_decimals()));
          } else {
            std::int64_t d;  // saturated: columns at both ends of int64 would overflow
            if (__builtin_sub_overflow(high.integers()[r], low.integers()[r], &d)) {
              d = high.integers()[r] > low.integers()[r] ? std::numeric_limits<std::int64_t>::max()
                                                         : std::numeric_limits<std::int64_t>::min();
            }
            diff.AppendInteger(d);
          }
        }
        replaced[con.columns[1]] = std::move(diff);
        break;
      }
      case Kind::kCombination: {
        Column joined(CombinationColumnName(con.columns), ColumnKind::kCategorical);
        std::vector<const Column*> parts;
        for (const auto& name : con.columns) parts.push_back(&ColumnOf(table, name));
        std::string value;
        for (std::size_t r = 0; r < table.num_rows(); ++r) {
          value.clear();
          for (std::size_t p = 0; p < parts.size(); ++p) {
            if (p) value += kJoin;
            value += parts[p]->IsNull(r) ? std::string(kNullPart) : std::string(parts[p]->text(r));
          }
          joined.AppendString(value);
        }
        replaced[con.columns[0]] = std::move(joined);
        for (std::size_t p = 1; p < con.columns.size(); ++p)
          replaced[con.columns[p]] = std::nullopt;
        break;
      }
      case Kind::kDerived:
      case Kind::kMapping: {
        const Column& data = ColumnOf(table, con.columns[0]);
        std::vector<double> raw;
        switch (con.learn) {
          case Learn::kNothing: replaced[con.columns[0]] = std::nullopt; break;
          case Learn::kExceptions:
            replaced[con.columns[0]] = ExceptionColumn(data, RuleValues(i, table, row_numbers));
            break;
          case Learn::kRatio:
            RuleValues(i, table, row_numbers, &raw);
            replaced[con.columns[0]] = RatioColumn(data, raw, fitted_[i].ratio_decimals);
            break;
        }
        break;
      }
      case Kind::kUnique: break;
    }
  }
  Table out;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    auto it = replaced.find(table.column(c).name());
    if (it == replaced.end()) {
      out.AddColumn(table.column(c));
    } else if (it->second) {
      out.AddColumn(std::move(*it->second));
    }
  }
  return out;
}

Table ConstraintPlan::Restore(Table work, std::span<const std::uint64_t> row_ids) const {
  if (constraints_.empty()) return work;
  const std::size_t rows = work.num_rows();
  auto shape_of = [&](const std::string& name) -> const encode::ColumnShape& {
    return ShapeOf(name);
  };
  // Combinations first (they only read themselves), then inequalities and derived columns in the
  // order declared, so one may read a column an earlier one rebuilt.
  for (const Constraint& con : constraints_) {
    if (con.kind != Kind::kCombination) continue;
    const std::string name = CombinationColumnName(con.columns);
    const Column& joined = ColumnOf(work, name);
    std::vector<Column> parts;
    for (const auto& c : con.columns) parts.push_back(shape_of(c).MakeEmpty());
    std::vector<std::string_view> values;
    for (std::size_t r = 0; r < rows; ++r) {
      SplitCombination(joined.IsNull(r) ? std::string_view(kNullPart) : joined.text(r),
                       parts.size(), &values);
      for (std::size_t p = 0; p < parts.size(); ++p) {
        if (values[p] == kNullPart) {
          parts[p].AppendNull();
        } else {
          parts[p].AppendString(values[p]);
        }
      }
    }
    work.RemoveColumn(name);
    for (auto& p : parts) work.AddColumn(std::move(p));
  }
  const std::vector<double> row_numbers = RowNumbers(row_ids);
  for (std::size_t i = 0; i < constraints_.size(); ++i) {
    const Constraint& con = constraints_[i];
    if (con.kind == Kind::kInequality) {
      const std::string diff_name = DifferenceColumnName(con.columns[1], con.columns[0]);
      const Column& diff = ColumnOf(work, diff_name);
      const Column& low = ColumnOf(work, con.columns[0]);
      Column high = shape_of(con.columns[1]).MakeEmpty();
      for (std::size_t r = 0; r < rows; ++r) {
        if (diff.IsNull(r) || low.IsNull(r)) {
          high.AppendNull();
        } else if (high.kind() == ColumnKind::kDatetime) {
          high.AppendDatetime(low.integers()[r] +
                              std::max<std::int64_t>(0, diff.integers()[r]) * fitted_[i].unit);
        } else if (high.kind() == ColumnKind::kInteger && low.kind() == ColumnKind::kInteger &&
                   diff.kind() == ColumnKind::kInteger) {
          // In int64, not doubles: integers beyond 2^53 stay exact (saturating at the top).
          std::int64_t v;
          if (__builtin_add_overflow(low.integers()[r], std::max<std::int64_t>(0, diff.integers()[r]), &v)) {
            v = std::numeric_limits<std::int64_t>::max();
          }
          high.AppendInteger(v);
        } else {
          // Rounded like the column, never below low.
          const double d = std::max(0.0, NumberAt(diff, r));
          const double lo = NumberAt(low, r);
          if (high.kind() == ColumnKind::kInteger) {
            high.AppendInteger(static_cast<std::int64_t>(std::ceil(lo + d - 1e-9)));
          } else {
            double v = RoundTo(lo + d, high.float_decimals());
            if (v < lo) v = lo;
            high.AppendFloat(v);
          }
        }
      }
      work.RemoveColumn(diff_name);
      work.AddColumn(std::move(high));
    } else if (con.kind == Kind::kDerived || con.kind == Kind::kMapping) {
      std::vector<double> raw;
      Column out = RuleValues(i, work, row_numbers, &raw);
      if (con.learn == Learn::kExceptions) {
        const std::string name = ExceptionColumnName(con.columns[0]);
        out = ApplyExceptions(out, ColumnOf(work, name));
        work.RemoveColumn(name);
      } else if (con.learn == Learn::kRatio) {
        const std::string name = RatioColumnName(con.columns[0]);
        out = shape_of(con.columns[0]).MakeEmpty();
        out.Reserve(rows);
        for (double v : ApplyRatio(raw, ColumnOf(work, name))) AppendNumber(v, &out);
        work.RemoveColumn(name);
      }
      work.AddColumn(std::move(out));
    }
  }
  Table ordered;
  for (const auto& s : columns_) {
    ordered.AddColumn(std::move(const_cast<Column&>(ColumnOf(work, s.name))));
  }
  return ordered;
}

}  // namespace ersatz::constraints
