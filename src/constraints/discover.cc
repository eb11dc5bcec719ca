// Discovered rules: the columns the searches may use, measuring each proposal on every row, and
// choosing among them (discover.h).
#include "constraints/discover.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>
#include <set>
#include <unordered_map>

#include "common/random.h"
#include "constraints/computed.h"
#include "constraints/discover_internal.h"
#include "constraints/expression.h"
#include "constraints/mapping.h"
#include "constraints/values.h"
#include "encode/encoder.h"

namespace ersatz::constraints {

namespace discover {

double Tolerance(const Col& c, double v) { return c.step * (1 + 1e-9) + 1e-12 * std::abs(v); }

}  // namespace discover

namespace {

using discover::Col;
using discover::Proposal;
using discover::Search;
using Learn = Constraint::Learn;

constexpr std::size_t kMinRows = 50;
constexpr double kMinHoldShare = 0.99;
constexpr double kMaxChance = 0.9;
constexpr double kMinEvidence = 40;  // nats: e^-40 ≈ 4e-18 for the rule to hit this often by chance
constexpr std::uint64_t kDiscoverStream = 0xD15C;

bool Searchable(const Column& c, const Metadata& schema, const std::set<std::string>& constrained) {
  const ColumnSpec* spec = schema.Find(c.name());
  if (spec != nullptr && spec->type == SemanticType::kIdentifier) return false;
  if (constrained.count(c.name()) > 0) return false;
  if (c.kind() == ColumnKind::kDatetime || c.kind() == ColumnKind::kText) return false;
  // An expression names a column in backquotes when it must: a backquote cannot be named.
  return c.name().find('`') == std::string::npos && c.null_count() < c.size();
}

Col MakeCol(const Column& c, std::size_t index) {
  Col col;
  col.index = index;
  col.column = &c;
  col.number = c.kind() == ColumnKind::kInteger || c.kind() == ColumnKind::kFloat;
  const std::size_t n = c.size();
  col.ids.resize(n);
  if (col.number) {
    col.values.resize(n);
    std::vector<double> sorted;
    for (std::size_t r = 0; r < n; ++r) {
      col.values[r] = c.IsNull(r) ? std::nan("") : NumberAt(c, r);
      if (!c.IsNull(r)) sorted.push_back(col.values[r]);
    }
    std::sort(sorted.begin(), sorted.end());
    sorted.erase(std::unique(sorted.begin(), sorted.end()), sorted.end());
    // Ids in the order of the values: intervals are runs of consecutive ids.
    for (std::size_t r = 0; r < n; ++r) {
      col.ids[r] = c.IsNull(r) ? static_cast<std::int32_t>(sorted.size())
                               : static_cast<std::int32_t>(std::lower_bound(sorted.begin(), sorted.end(),
                                                                            col.values[r]) -
                                                           sorted.begin());
    }
    col.distinct = static_cast<std::int32_t>(sorted.size()) + (c.null_count() > 0 ? 1 : 0);
    col.step = c.kind() == ColumnKind::kInteger ? 0.5
               : c.float_decimals() >= 15   ? 0
                                            : 0.5 * std::pow(10.0, -c.float_decimals());
  } else {
    std::unordered_map<std::int64_t, std::int32_t> dense;  // a category's code or 0/1 → id
    for (std::size_t r = 0; r < n; ++r) {
      const std::int64_t key = c.IsNull(r) ? -1
                               : c.kind() == ColumnKind::kBoolean ? c.booleans()[r]
                                                                   : c.codes()[r];
      col.ids[r] = dense.emplace(key, static_cast<std::int32_t>(dense.size())).first->second;
    }
    col.distinct = static_cast<std::int32_t>(dense.size());
  }
  std::vector<std::size_t> counts(static_cast<std::size_t>(col.distinct) + 1);
  for (std::int32_t id : col.ids) ++counts[static_cast<std::size_t>(id)];
  col.mode_share = n == 0 ? 1 : static_cast<double>(*std::max_element(counts.begin(), counts.end())) / n;
  return col;
}

struct Measured {
  std::size_t holds = 0;          // rows where the rule gives the column's value
  std::size_t value_holds = 0;    // of which the value is not null
  double chance = 1;              // share of such hits when the parents come from other rows
  bool expressible = false;       // ratio rules: every value is ratio × expression
  bool parents_matter = true;     // no parent can be replaced by another row's and still fit
};

// The rule's values for every row of `parents` (a table holding the parents), rounded like `like`.
Column RuleValues(const Proposal& p, const Table& parents, const Column& like, const Mapping* mapping,
                  std::vector<double>* raw) {
  Column out = like.Take({});
  if (mapping != nullptr) {
    mapping->Apply(ColumnOf(parents, p.constraint.columns[1]), &out);
    return out;
  }
  const Expression e(p.constraint.expression, parents, "discovered rule");
  *raw = e.Evaluate(parents, {});
  out.Reserve(raw->size());
  for (double v : *raw) AppendNumber(v, &out);
  return out;
}

Measured Measure(const Search& s, const Proposal& p) {
  const Table& table = s.table;
  const Column& data = *s.cols[p.child].column;
  Measured m;
  std::optional<Mapping> mapping;
  if (p.constraint.kind == Constraint::Kind::kMapping) {
    const std::string& parent = p.constraint.columns[1];
    const encode::EncodeOptions protection{.value_protection = s.options.value_protection,
                                           .seed = s.options.seed};
    const auto min_rows = static_cast<std::size_t>(
        s.options.value_protection ? encode::ProtectionThreshold(protection, parent) : 1);
    mapping = Mapping::Fit(ColumnOf(table, parent), data, min_rows);
  }
  std::vector<double> raw;
  const Column rule = RuleValues(p, table, data, mapping ? &*mapping : nullptr, &raw);
  if (p.constraint.learn == Learn::kRatio) {
    m.expressible = true;
    for (std::size_t r = 0; r < data.size() && m.expressible; ++r) {
      m.expressible = data.IsNull(r) || RatioExpresses(raw[r]);
    }
    return m;
  }
  for (std::size_t r = 0; r < data.size(); ++r) {
    if (SameValue(data, r, rule, r)) {
      ++m.holds;
      m.value_holds += !data.IsNull(r);
    }
  }
  if (static_cast<double>(m.holds) < kMinHoldShare * static_cast<double>(data.size())) {
    return m;  // not a rule: no need to weigh it against chance
  }
  if (mapping) {
    // A lookup table fitted to the data: what a constant would get is the baseline.
    m.chance = s.cols[p.child].mode_share;
    return m;
  }
  // A fixed expression: how often it hits with its parents taken from another row.
  Table shuffled;
  for (std::size_t j : p.parents) shuffled.AddColumn(s.cols[j].column->Take(s.order));
  std::vector<double> unused;
  const Column chance = RuleValues(p, shuffled, data, nullptr, &unused);
  std::size_t hits = 0, values = 0;
  for (std::size_t r = 0; r < data.size(); ++r) {
    if (data.IsNull(r)) continue;
    ++values;
    hits += SameValue(data, r, chance, r);
  }
  m.chance = values == 0 ? 1 : static_cast<double>(hits) / static_cast<double>(values);
  // Every parent must matter: with one of them taken from other rows, the rule must fail
  // (WhiteSox_Away = WhiteSox_Home - percip holds in integers only because percip < 0.5).
  for (std::size_t k = 0; k < p.parents.size() && p.parents.size() > 1; ++k) {
    Table mixed;
    for (std::size_t i = 0; i < p.parents.size(); ++i) {
      const Column& c = *s.cols[p.parents[i]].column;
      mixed.AddColumn(i == k ? c.Take(s.order) : c);
    }
    const Column without = RuleValues(p, mixed, data, nullptr, &unused);
    std::size_t still = 0;
    for (std::size_t r = 0; r < data.size(); ++r) still += SameValue(data, r, without, r);
    if (static_cast<double>(still) >= kMinHoldShare * static_cast<double>(data.size())) {
      m.parents_matter = false;
    }
  }
  return m;
}

bool Convincing(const Measured& m, std::size_t rows) {
  if (rows < kMinRows || m.value_holds < kMinRows || !m.parents_matter) return false;
  if (static_cast<double>(m.holds) < kMinHoldShare * static_cast<double>(rows)) return false;
  if (m.chance > kMaxChance) return false;
  const double chance = std::max(m.chance, 1.0 / static_cast<double>(rows));
  return static_cast<double>(m.value_holds) * std::log(1 / chance) >= kMinEvidence;
}

// Of two columns a rule could compute, the one the model would find harder to learn: floats
// (many sub-columns), then integers, then categories; later columns before earlier ones.
double ChildPreference(const Col& c) {
  switch (c.column->kind()) {
    case ColumnKind::kFloat: return 3;
    case ColumnKind::kInteger: return 2;
    case ColumnKind::kBoolean: return 0;
    default: return 1;
  }
}

struct Scored {
  Proposal proposal;
  Measured measured;
};

}  // namespace

std::vector<Constraint> DiscoverRules(const Table& table, const Metadata& schema,
                                      const DiscoverOptions& options, DiscoverReport* report) {
  const std::size_t rows = table.num_rows();
  if (report != nullptr) *report = {};
  if (rows < kMinRows) return {};
  std::set<std::string> constrained;
  for (const Constraint& c : schema.constraints) constrained.insert(c.columns.begin(), c.columns.end());
  Search s{table, options, {}, {}, {}, {}, {}, {}, {}};
  std::size_t searchable = 0;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    if (!Searchable(table.column(c), schema, constrained)) continue;
    if (++searchable <= kMaxSearchedColumns) s.cols.push_back(MakeCol(table.column(c), c));
  }
  if (report != nullptr) *report = {.searchable = searchable, .searched = s.cols.size()};
  s.order.resize(rows);
  std::iota(s.order.begin(), s.order.end(), 0u);
  Shuffle(std::span(s.order), options.seed, kDiscoverStream, 0);
  s.probes.assign(s.order.begin(), s.order.begin() + std::min(rows, discover::kProbeRows));
  for (const Col& c : s.cols) {
    std::vector<double>& at = s.at.emplace_back(s.probes.size(), std::nan(""));
    std::uint64_t& has = s.has.emplace_back(0);
    std::vector<double>& logs = s.logs.emplace_back();
    if (!c.number) continue;
    for (std::size_t i = 0; i < s.probes.size(); ++i) {
      at[i] = c.values[s.probes[i]];
      if (!std::isnan(at[i])) has |= std::uint64_t{1} << i;
    }
    if (std::all_of(c.values.begin(), c.values.end(), [](double v) { return std::isnan(v) || v > 0; })) {
      logs.resize(rows);
      for (std::size_t r = 0; r < rows; ++r) logs[r] = std::log(c.values[r]);
    }
  }
  for (const std::vector<double>& logs : s.logs) {
    std::vector<double>& screen = s.screen_logs.emplace_back();
    if (logs.empty()) continue;
    for (std::size_t i = 0; i < std::min(rows, discover::kScreenRows); ++i) screen.push_back(logs[s.order[i]]);
  }

  std::vector<Proposal> proposals;
  discover::ProposeMappings(s, &proposals);
  discover::ProposeArithmetic(s, &proposals);
  std::vector<Scored> exact;
  for (Proposal& p : proposals) {
    const Measured m = Measure(s, p);
    if (Convincing(m, rows)) exact.push_back({std::move(p), m});
  }
  // Of the rules that compute one relation's columns, the one computing the column hardest to
  // learn; then the rule that holds most often.
  std::sort(exact.begin(), exact.end(), [&](const Scored& a, const Scored& b) {
    const Col& ca = s.cols[a.proposal.child];
    const Col& cb = s.cols[b.proposal.child];
    if (ChildPreference(ca) != ChildPreference(cb)) return ChildPreference(ca) > ChildPreference(cb);
    if (ca.index != cb.index) return ca.index > cb.index;
    if (a.measured.holds != b.measured.holds) return a.measured.holds > b.measured.holds;
    if (a.proposal.complexity != b.proposal.complexity) {
      return a.proposal.complexity < b.proposal.complexity;
    }
    // Read the earliest columns: of three copies of one column, the first is the one learned.
    return a.proposal.parents < b.proposal.parents;
  });
  // A column is computed by one rule, from columns the model learns.
  std::vector<bool> child(s.cols.size(), false), parent(s.cols.size(), false);
  std::vector<std::pair<std::size_t, Constraint>> exact_rules;  // (the child's place, rule)
  std::vector<bool> stays(s.cols.size(), false);  // learned whatever rules it obeys
  for (std::size_t j = 0; j < s.cols.size(); ++j) {
    const auto& keep = options.learned;
    stays[j] = std::find(keep.begin(), keep.end(), s.cols[j].column->name()) != keep.end();
  }
  for (Scored& e : exact) {
    const Proposal& p = e.proposal;
    if (stays[p.child] || child[p.child] || parent[p.child]) continue;
    if (std::any_of(p.parents.begin(), p.parents.end(), [&](std::size_t j) { return child[j]; })) {
      continue;
    }
    child[p.child] = true;
    for (std::size_t j : p.parents) parent[j] = true;
    Constraint rule = p.constraint;
    rule.learn = e.measured.holds == rows ? Learn::kNothing : Learn::kExceptions;
    exact_rules.emplace_back(s.cols[p.child].index, std::move(rule));
  }
  // Approximate rules, from columns the model learns, for columns no rule computes yet (one an
  // exact rule reads is then restored before it). The rules relating most columns first; each
  // choice remakes the proposals it spoils.
  std::vector<bool> ratio_parent(s.cols.size(), false);
  auto parent_ok = [&] {
    std::vector<bool> ok(s.cols.size());
    for (std::size_t j = 0; j < s.cols.size(); ++j) ok[j] = !child[j];
    return ok;
  };
  std::vector<Proposal> ratios;
  for (std::size_t c = 0; c < s.cols.size(); ++c) {
    Proposal p;
    if (!child[c] && !stays[c] && discover::ProposeRatio(s, c, parent_ok(), &p)) {
      ratios.push_back(std::move(p));
    }
  }
  std::vector<std::pair<std::size_t, Constraint>> ratio_rules;
  while (!ratios.empty()) {
    const auto next = std::min_element(ratios.begin(), ratios.end(), [](const Proposal& a, const Proposal& b) {
      if (a.parents.size() != b.parents.size()) return a.parents.size() > b.parents.size();
      return a.explained > b.explained;
    });
    const Proposal p = std::move(*next);
    ratios.erase(next);
    if (!Measure(s, p).expressible) continue;
    child[p.child] = true;
    for (std::size_t j : p.parents) ratio_parent[j] = true;
    ratio_rules.emplace_back(s.cols[p.child].index, p.constraint);
    std::vector<Proposal> kept;
    for (Proposal& q : ratios) {
      if (ratio_parent[q.child]) continue;  // now read by a rule: stays learned
      if (std::none_of(q.parents.begin(), q.parents.end(), [&](std::size_t j) { return child[j]; })) {
        kept.push_back(std::move(q));
      } else if (Proposal again; discover::ProposeRatio(s, q.child, parent_ok(), &again)) {
        kept.push_back(std::move(again));
      }
    }
    ratios = std::move(kept);
  }
  // Ratio rules first: an exact rule may read what they restore.
  auto by_place = [](const auto& a, const auto& b) { return a.first < b.first; };
  std::sort(ratio_rules.begin(), ratio_rules.end(), by_place);
  std::sort(exact_rules.begin(), exact_rules.end(), by_place);
  std::vector<Constraint> out;
  for (auto* rules : {&ratio_rules, &exact_rules}) {
    for (auto& [place, rule] : *rules) out.push_back(std::move(rule));
  }
  return out;
}

}  // namespace ersatz::constraints
