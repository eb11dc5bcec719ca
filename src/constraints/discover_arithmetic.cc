// Exact arithmetic candidates among number columns (discover.h). Wide tables stay cheap: sums
// and monomials are found by looking values up in sorted arrays of a few probe rows
// (O(m² log m) for m columns), and every candidate is checked on the 64 probe rows — where it
// must hold, and must not hold with its parents taken from other rows — before discover.cc
// measures it on all of them.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <set>

#include "constraints/discover_internal.h"
#include "constraints/expression.h"

namespace ersatz::constraints::discover {

namespace {

constexpr std::size_t kMinProbes = 8;       // rows a candidate must be checked on
constexpr double kProbeShare = 0.9;         // of which it must hold on this share
constexpr double kMaxShiftedShare = 0.75;
constexpr std::size_t kMaxHits = 16;        // a lookup matching more columns is uninformative
constexpr std::array<double, 4> kExponents = {-2, -1, 1, 2};

// Whether holds(i, i) — the child at probe i against its parents at probe i — is true on ≥ 90%
// of the probes in `usable` (a bit mask, at least 8 of them), and holds(i, j), the parents taken
// from the next usable probe j, on at most 3 in 4: a relation loose enough to fit rows it was
// not made from says nothing about them (a copy of a yes/no column fits half of them).
template <typename Holds>
bool HoldsOnProbes(std::uint64_t usable, Holds holds) {
  std::array<std::uint8_t, kProbeRows> rows{};
  std::size_t n = 0;
  for (std::uint64_t bits = usable; bits != 0; bits &= bits - 1) {
    rows[n++] = static_cast<std::uint8_t>(std::countr_zero(bits));
  }
  if (n < kMinProbes) return false;
  const auto allowed = static_cast<std::size_t>((1 - kProbeShare) * static_cast<double>(n));
  std::size_t failed = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (!holds(rows[k], rows[k]) && ++failed > allowed) return false;
  }
  std::size_t shifted = 0;
  for (std::size_t k = 0; k < n; ++k) shifted += holds(rows[k], rows[(k + 1) % n]) ? 1 : 0;
  return static_cast<double>(shifted) <= kMaxShiftedShare * static_cast<double>(n);
}

std::string Number(double v) { return fmt::format("{}", v); }

// y = a·x + b, from two probes where x differs (three tries: one pair is free of exceptions).
void ProposeAffine(const Search& s, std::size_t y, std::size_t x, std::vector<Proposal>* out) {
  const Col& cy = s.cols[y];
  const Col& cx = s.cols[x];
  const std::vector<double>&vy = s.at[y], &vx = s.at[x];
  const std::uint64_t usable = s.has[y] & s.has[x];
  if (static_cast<std::size_t>(std::popcount(usable)) < kMinProbes) return;
  std::uint64_t bits = usable;
  for (int attempt = 0; attempt < 3 && bits != 0; ++attempt) {
    const int i0 = std::countr_zero(bits);
    bits &= bits - 1;
    std::uint64_t rest = bits;
    while (rest != 0 && vx[std::countr_zero(rest)] == vx[i0]) rest &= rest - 1;
    if (rest == 0) return;
    const int i1 = std::countr_zero(rest);
    bits &= ~(std::uint64_t{1} << i1);
    const double dx = vx[i1] - vx[i0];
    const double a = (vy[i1] - vy[i0]) / dx;
    if (!(std::isfinite(a) && a != 0)) continue;
    const double slack = (Tolerance(cy, vy[i0]) + Tolerance(cy, vy[i1])) / std::abs(dx);
    const double b = vy[i0] - a * vx[i0];
    const bool rough = HoldsOnProbes(usable, [&](int c, int p) {
      return std::abs(a * vx[p] + b - vy[c]) <=
             Tolerance(cy, vy[c]) + slack * std::abs(vx[p] - vx[i0]);
    });
    if (!rough) continue;
    // The shortest coefficients that fit: 1.8 and 32, not 1.8000000004 and 31.99999.
    double as = 0, bs = 0;
    bool exact = false;
    for (const double snapped : Snaps(a, slack)) {
      std::vector<double> offsets;
      for (std::uint64_t u = usable; u != 0; u &= u - 1) {
        const int i = std::countr_zero(u);
        offsets.push_back(vy[i] - snapped * vx[i]);
      }
      std::nth_element(offsets.begin(), offsets.begin() + offsets.size() / 2, offsets.end());
      as = snapped;
      bs = offsets[offsets.size() / 2];
      bs = std::abs(bs) <= cy.step ? 0 : Snap(bs, cy.step);
      exact = HoldsOnProbes(usable, [&](int c, int p) {
        return std::abs(as * vx[p] + bs - vy[c]) <= Tolerance(cy, vy[c]);
      });
      if (exact) break;
    }
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
    Sorted at;
    for (std::size_t j = 0; j < s.cols.size(); ++j) {
      if (s.cols[j].number && !std::isnan(s.at[j][k])) at.items.emplace_back(s.at[j][k], j);
    }
    std::sort(at.items.begin(), at.items.end());
    for (const auto& [yv, y] : at.items) {
      const double tol = Tolerance(s.cols[y], yv);
      for (const auto& [x1v, x1] : at.items) {
        if (x1 == y) continue;
        if (!at.Find(yv - x1v - tol, yv - x1v + tol, &hits)) continue;
        for (const std::size_t x2 : hits) {
          if (x2 <= x1 || x2 == y || !seen.insert({y, x1, x2}).second) continue;
          const std::vector<double>&vy = s.at[y], &v1 = s.at[x1], &v2 = s.at[x2];
          const Col& cy = s.cols[y];
          const std::uint64_t usable = s.has[y] & s.has[x1] & s.has[x2];
          const bool holds = HoldsOnProbes(usable, [&](int c, int p) {
            return std::abs(v1[p] + v2[p] - vy[c]) <= Tolerance(cy, vy[c]);
          });
          // A term too small to move y past its rounding is no part of the rule.
          auto without = [&](const std::vector<double>& kept) {
            return HoldsOnProbes(usable, [&](int c, int p) {
              return std::abs(kept[p] - vy[c]) <= Tolerance(cy, vy[c]);
            });
          };
          if (!holds || without(v1) || without(v2)) continue;
          const std::string ny = QuotedName(cy.column->name());
          const std::string n1 = QuotedName(s.cols[x1].column->name());
          const std::string n2 = QuotedName(s.cols[x2].column->name());
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

// Π v^e of the monomial's terms at probe i; NaN when a column is null there.
double Product(const Search& s, const Monomial& m, int i) {
  double v = 1;
  for (const auto& [j, e] : m.terms) v *= std::pow(s.at[j][static_cast<std::size_t>(i)], e);
  return v;
}

// `relation` (Π v^f = constant over its columns) solved for each of its columns, with the
// constant fitted and snapped on the probe rows.
void ProposeMonomialForms(const Search& s, const std::vector<std::pair<std::size_t, double>>& relation,
                          std::vector<Proposal>* out) {
  std::uint64_t usable = ~std::uint64_t{0};
  for (const auto& [j, f] : relation) usable &= s.has[j];
  for (const auto& [child, fc] : relation) {
    Monomial m;
    for (const auto& [j, f] : relation) {
      if (j != child) m.terms.emplace_back(j, -f / fc);
    }
    const Col& cc = s.cols[child];
    const std::vector<double>& vc = s.at[child];
    std::vector<double> product(s.probes.size(), std::nan(""));
    std::uint64_t ok = 0;
    std::vector<double> ks;
    double k_slack = HUGE_VAL;
    for (std::uint64_t u = usable; u != 0; u &= u - 1) {
      const int i = std::countr_zero(u);
      product[static_cast<std::size_t>(i)] = Product(s, m, i);
      const double v = product[static_cast<std::size_t>(i)];
      if (!std::isfinite(v) || v == 0) continue;
      ok |= std::uint64_t{1} << i;
      ks.push_back(vc[static_cast<std::size_t>(i)] / v);
      k_slack = std::min(k_slack, Tolerance(cc, vc[static_cast<std::size_t>(i)]) / std::abs(v));
    }
    if (ks.size() < kMinProbes) continue;
    std::nth_element(ks.begin(), ks.begin() + ks.size() / 2, ks.end());
    bool holds = false;
    for (const double k : Snaps(ks[ks.size() / 2], k_slack)) {
      if (!(std::isfinite(k) && k != 0)) break;
      m.k = k;
      holds = HoldsOnProbes(ok, [&](int c, int p) {
        return std::abs(k * product[static_cast<std::size_t>(p)] - vc[static_cast<std::size_t>(c)]) <=
               Tolerance(cc, vc[static_cast<std::size_t>(c)]);
      });
      if (holds) break;
    }
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
    std::vector<double> logs(s.cols.size(), std::nan(""));
    for (std::size_t j = 0; j < s.cols.size(); ++j) {
      const double vr = s.at[j][k], vq = s.at[j][k + 1];
      if (!s.cols[j].number || std::isnan(vr) || std::isnan(vq) || vr == 0 || vq == 0) continue;
      logs[j] = std::log(std::abs(vr)) - std::log(std::abs(vq));
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
      const double vr = s.at[y][k], vq = s.at[y][k + 1];
      const double tol = Tolerance(cy, vr) / std::abs(vr) + Tolerance(cy, vq) / std::abs(vq);
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

std::vector<double> Snaps(double v, double slack) {
  std::vector<double> out;
  if (slack > 0 && std::isfinite(v) && v != 0) {
    // Never to 0 or past half the value: a coefficient keeps its sign and its size.
    slack = std::min(slack, std::abs(v) / 2);
    for (int decimals = -15; decimals <= 15; ++decimals) {
      const double scale = std::pow(10.0, decimals);
      const double snapped = std::round(v * scale) / scale;
      if (snapped != 0 && std::abs(snapped - v) <= slack &&
          (out.empty() || snapped != out.back())) {
        out.push_back(snapped);
      }
    }
  }
  if (out.empty() || out.back() != v) out.push_back(v);
  return out;
}

double Snap(double v, double slack) { return Snaps(v, slack).front(); }

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
