// Exact arithmetic candidates among number columns (discover.h). Wide tables stay cheap: sums
// and monomials are found by looking values up in sorted arrays of a few probe rows
// (O(m² log m) for m columns), and every candidate is checked on up to 64 random rows before
// discover.cc measures it on all of them.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <set>

#include "constraints/discover_internal.h"
#include "constraints/expression.h"

namespace ersatz::constraints::discover {

namespace {

constexpr std::size_t kMinProbes = 8;       // rows a candidate must be checked on
constexpr double kProbeShare = 0.9;         // of which it must hold on this share
constexpr std::size_t kMaxHits = 16;        // a lookup matching more columns is uninformative
constexpr std::array<double, 4> kExponents = {-2, -1, 1, 2};

bool Has(const Col& c, std::uint32_t r) { return !std::isnan(c.values[r]); }

// Whether `holds(r)` is true on ≥ 90% of the probe rows where `usable(r)` (at least 8 of them).
template <typename Usable, typename Holds>
bool HoldsOnProbes(const Search& s, Usable usable, Holds holds) {
  std::size_t used = 0, failed = 0;
  const auto allowed = static_cast<std::size_t>((1 - kProbeShare) * static_cast<double>(s.probes.size()));
  for (const std::uint32_t r : s.probes) {
    if (!usable(r)) continue;
    ++used;
    if (!holds(r) && ++failed > allowed) return false;
  }
  return used >= kMinProbes && static_cast<double>(failed) <= (1 - kProbeShare) * static_cast<double>(used);
}

std::string Number(double v) { return fmt::format("{}", v); }

// y = a·x + b.
void ProposeAffine(const Search& s, std::size_t y, std::size_t x, std::vector<Proposal>* out) {
  const Col& cy = s.cols[y];
  const Col& cx = s.cols[x];
  std::vector<std::uint32_t> rows;
  for (const std::uint32_t r : s.probes) {
    if (Has(cy, r) && Has(cx, r)) rows.push_back(r);
  }
  if (rows.size() < kMinProbes) return;
  // Three disjoint pairs of rows: one of them is free of exceptions.
  for (std::size_t k = 0; k + 1 < rows.size() && k < 6; k += 2) {
    const std::uint32_t r0 = rows[k], r1 = rows[k + 1];
    const double dx = cx.values[r1] - cx.values[r0];
    if (dx == 0) continue;
    const double a = (cy.values[r1] - cy.values[r0]) / dx;
    if (!(std::isfinite(a) && a != 0)) continue;
    const double slack = (Tolerance(cy, cy.values[r0]) + Tolerance(cy, cy.values[r1])) / std::abs(dx);
    const double b = cy.values[r0] - a * cx.values[r0];
    const bool rough = HoldsOnProbes(
        s, [&](std::uint32_t r) { return Has(cy, r) && Has(cx, r); },
        [&](std::uint32_t r) {
          return std::abs(a * cx.values[r] + b - cy.values[r]) <=
                 Tolerance(cy, cy.values[r]) + slack * std::abs(cx.values[r] - cx.values[r0]);
        });
    if (!rough) continue;
    const double as = Snap(a, slack);
    std::vector<double> offsets;
    for (const std::uint32_t r : rows) offsets.push_back(cy.values[r] - as * cx.values[r]);
    std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2, offsets.end());
    const double bs = Snap(offsets[offsets.size() / 2], cy.step);
    const bool exact = HoldsOnProbes(
        s, [&](std::uint32_t r) { return Has(cy, r) && Has(cx, r); },
        [&](std::uint32_t r) {
          return std::abs(as * cx.values[r] + bs - cy.values[r]) <= Tolerance(cy, cy.values[r]);
        });
    if (!exact) continue;
    const std::string name = QuotedName(cx.column->name());
    std::string expression = as == 1 ? name : fmt::format("{} * {}", Number(as), name);
    if (bs > 0) expression += " + " + Number(bs);
    if (bs < 0) expression += " - " + Number(-bs);
    Proposal p;
    p.constraint.kind = Constraint::Kind::kDerived;
    p.constraint.columns = {cy.column->name()};
    p.constraint.expression = expression;
    p.child = y;
    p.parents = {x};
    p.complexity = as == 1 && bs == 0 ? 0 : 1;
    out->push_back(std::move(p));
    return;
  }
}

// A number of each column at one row, sorted, for range lookups.
struct Sorted {
  std::vector<std::pair<double, std::size_t>> items;
  // Columns whose number lies in [lo, hi]; false when more than kMaxHits do.
  bool Find(double lo, double hi, std::vector<std::size_t>* hits) const {
    hits->clear();
    auto it = std::lower_bound(items.begin(), items.end(), std::make_pair(lo, std::size_t{0}));
    for (; it != items.end() && it->first <= hi; ++it) {
      if (hits->size() == kMaxHits) return false;
      hits->push_back(it->second);
    }
    return true;
  }
};

// y = x1 + x2, proposed for each of its three columns as the computed one.
void ProposeSums(const Search& s, std::vector<Proposal>* out) {
  std::set<std::array<std::size_t, 3>> seen;
  std::vector<std::size_t> hits;
  for (std::size_t k = 0; k < std::min<std::size_t>(3, s.probes.size()); ++k) {
    const std::uint32_t r = s.probes[k];
    Sorted at;
    for (std::size_t j = 0; j < s.cols.size(); ++j) {
      if (s.cols[j].number && Has(s.cols[j], r)) at.items.emplace_back(s.cols[j].values[r], j);
    }
    std::sort(at.items.begin(), at.items.end());
    for (const auto& [yv, y] : at.items) {
      const double tol = Tolerance(s.cols[y], yv);
      for (const auto& [x1v, x1] : at.items) {
        if (x1 == y) continue;
        if (!at.Find(yv - x1v - tol, yv - x1v + tol, &hits)) continue;
        for (const std::size_t x2 : hits) {
          if (x2 <= x1 || x2 == y || !seen.insert({y, x1, x2}).second) continue;
          const Col &cy = s.cols[y], &c1 = s.cols[x1], &c2 = s.cols[x2];
          const bool holds = HoldsOnProbes(
              s, [&](std::uint32_t q) { return Has(cy, q) && Has(c1, q) && Has(c2, q); },
              [&](std::uint32_t q) {
                return std::abs(c1.values[q] + c2.values[q] - cy.values[q]) <=
                       Tolerance(cy, cy.values[q]);
              });
          if (!holds) continue;
          const std::string ny = QuotedName(cy.column->name());
          const std::string n1 = QuotedName(c1.column->name());
          const std::string n2 = QuotedName(c2.column->name());
          const std::array<std::tuple<std::size_t, std::string, std::size_t, std::size_t>, 3> forms = {
              std::make_tuple(y, n1 + " + " + n2, x1, x2),
              std::make_tuple(x1, ny + " - " + n2, y, x2),
              std::make_tuple(x2, ny + " - " + n1, y, x1)};
          for (const auto& [child, expression, a, b] : forms) {
            Proposal p;
            p.constraint.kind = Constraint::Kind::kDerived;
            p.constraint.columns = {s.cols[child].column->name()};
            p.constraint.expression = expression;
            p.child = child;
            p.parents = {a, b};
            p.complexity = 2;
            out->push_back(std::move(p));
          }
        }
      }
    }
  }
}

// k · Π v^e for the monomial `m` at row r; NaN when a column is null there.
double Product(const Search& s, const Monomial& m, std::uint32_t r) {
  double v = 1;
  for (const auto& [j, e] : m.terms) v *= std::pow(s.cols[j].values[r], e);
  return v;
}

// `relation` (Π v^f = constant over its columns) solved for each of its columns, with the
// constant fitted and snapped on the probe rows.
void ProposeMonomialForms(const Search& s, const std::vector<std::pair<std::size_t, double>>& relation,
                          std::vector<Proposal>* out) {
  for (const auto& [child, fc] : relation) {
    Monomial m;
    for (const auto& [j, f] : relation) {
      if (j != child) m.terms.emplace_back(j, -f / fc);
    }
    const Col& cc = s.cols[child];
    auto usable = [&](std::uint32_t r) {
      if (!Has(cc, r)) return false;
      const double v = Product(s, m, r);
      return std::isfinite(v) && v != 0;
    };
    std::vector<double> ks;
    double k_slack = HUGE_VAL;
    for (const std::uint32_t r : s.probes) {
      if (!usable(r)) continue;
      const double v = Product(s, m, r);
      ks.push_back(cc.values[r] / v);
      k_slack = std::min(k_slack, Tolerance(cc, cc.values[r]) / std::abs(v));
    }
    if (ks.size() < kMinProbes) continue;
    std::nth_element(ks.begin(), ks.begin() + ks.size() / 2, ks.end());
    m.k = Snap(ks[ks.size() / 2], k_slack);
    if (!(std::isfinite(m.k) && m.k != 0)) continue;
    const bool holds = HoldsOnProbes(s, usable, [&](std::uint32_t r) {
      return std::abs(m.k * Product(s, m, r) - cc.values[r]) <= Tolerance(cc, cc.values[r]);
    });
    if (!holds) continue;
    std::vector<std::string> names;
    for (const auto& [j, e] : m.terms) names.push_back(QuotedName(s.cols[j].column->name()));
    Proposal p;
    p.constraint.kind = Constraint::Kind::kDerived;
    p.constraint.columns = {cc.column->name()};
    p.constraint.expression = m.Expression(names);
    p.child = child;
    for (const auto& [j, e] : m.terms) p.parents.push_back(j);
    p.complexity = 3;
    out->push_back(std::move(p));
  }
}

// y = k · x1^e1 (· x2^e2): two probe rows r, q give ln|y_r / y_q| = Σ e · ln|x_r / x_q|, which
// sorted arrays answer for every (y, x1, e1) at once.
void ProposeMonomials(const Search& s, std::vector<Proposal>* out) {
  std::set<std::vector<std::pair<std::size_t, double>>> seen;
  std::vector<std::size_t> hits;
  for (std::size_t k = 0; k + 1 < std::min<std::size_t>(4, s.probes.size()); k += 2) {
    const std::uint32_t r = s.probes[k], q = s.probes[k + 1];
    std::vector<double> logs(s.cols.size(), std::nan(""));
    for (std::size_t j = 0; j < s.cols.size(); ++j) {
      const Col& c = s.cols[j];
      if (!c.number || !Has(c, r) || !Has(c, q) || c.values[r] == 0 || c.values[q] == 0) continue;
      logs[j] = std::log(std::abs(c.values[r])) - std::log(std::abs(c.values[q]));
    }
    std::array<Sorted, kExponents.size()> by_exponent;
    for (std::size_t e = 0; e < kExponents.size(); ++e) {
      for (std::size_t j = 0; j < s.cols.size(); ++j) {
        if (!std::isnan(logs[j])) by_exponent[e].items.emplace_back(kExponents[e] * logs[j], j);
      }
      std::sort(by_exponent[e].items.begin(), by_exponent[e].items.end());
    }
    auto propose = [&](std::vector<std::pair<std::size_t, double>> relation) {
      std::sort(relation.begin(), relation.end());
      const double first = relation[0].second;  // one relation, however it was found
      for (auto& term : relation) term.second /= first;
      if (seen.insert(relation).second) ProposeMonomialForms(s, relation, out);
    };
    for (std::size_t y = 0; y < s.cols.size(); ++y) {
      if (std::isnan(logs[y])) continue;
      const Col& cy = s.cols[y];
      const double tol = Tolerance(cy, cy.values[r]) / std::abs(cy.values[r]) +
                         Tolerance(cy, cy.values[q]) / std::abs(cy.values[q]);
      if (tol > 0.5) continue;  // too coarse to tell exponents apart
      for (std::size_t x1 = 0; x1 < s.cols.size(); ++x1) {
        if (x1 == y || std::isnan(logs[x1]) || std::abs(logs[x1]) < 1e-9) continue;
        for (const double e1 : kExponents) {
          const double target = logs[y] - e1 * logs[x1];
          if (e1 != 1 && std::abs(target) <= tol) propose({{y, 1}, {x1, -e1}});
          for (std::size_t e = 0; e < kExponents.size(); ++e) {
            if (!by_exponent[e].Find(target - tol, target + tol, &hits)) continue;
            for (const std::size_t x2 : hits) {
              if (x2 > x1 && x2 != y) propose({{y, 1}, {x1, -e1}, {x2, -kExponents[e]}});
            }
          }
        }
      }
    }
  }
}

}  // namespace

std::string Monomial::Expression(const std::vector<std::string>& names) const {
  auto power = [](const std::string& name, double e) {
    if (e == 1) return name;
    if (e == 0.5) return fmt::format("sqrt({})", name);
    return fmt::format("{}^{}", name, e);
  };
  std::string numerator, denominator;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    const double e = terms[i].second;
    if (e > 0) {
      numerator += (numerator.empty() ? "" : " * ") + power(names[i], e);
    } else {
      denominator += " / " + power(names[i], -e);
    }
  }
  std::string out = k != 1 || numerator.empty() ? Number(k) : "";
  if (!numerator.empty()) out += (out.empty() ? "" : " * ") + numerator;
  return out + denominator;
}

double Snap(double v, double slack) {
  if (!(slack > 0) || !std::isfinite(v)) return v;
  for (int decimals = -15; decimals <= 15; ++decimals) {
    const double scale = std::pow(10.0, decimals);
    const double snapped = std::round(v * scale) / scale;
    if (std::abs(snapped - v) <= slack) return snapped;
  }
  return v;
}

void ProposeArithmetic(const Search& s, std::vector<Proposal>* out) {
  for (std::size_t y = 0; y < s.cols.size(); ++y) {
    if (!s.cols[y].number || s.cols[y].distinct < 2) continue;
    for (std::size_t x = 0; x < s.cols.size(); ++x) {
      if (x != y && s.cols[x].number && s.cols[x].distinct >= 2) ProposeAffine(s, y, x, out);
    }
  }
  ProposeSums(s, out);
  ProposeMonomials(s, out);
}

}  // namespace ersatz::constraints::discover
