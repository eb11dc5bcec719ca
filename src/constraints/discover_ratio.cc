// Approximate rules (discover.h): a positive column close to k · Π parent^e, found by least
// squares in log space over the parents it correlates with most; the model then learns its
// ratio to the monomial.
#include <algorithm>
#include <array>
#include <cmath>
#include <numeric>

#include "constraints/discover_internal.h"
#include "constraints/expression.h"

namespace ersatz::constraints::discover {

namespace {

constexpr std::size_t kMinRows = 50;
constexpr std::size_t kSampleRows = 4000;  // enough to fit at most three exponents
constexpr std::size_t kTopParents = 6;
constexpr std::int32_t kMinChildValues = 20;  // a ratio of a few distinct values gains nothing
constexpr double kMinCorrelation = 0.3;
constexpr double kMinExplained = 0.99;  // of the variance of log y
constexpr double kMaxSpread = 0.05;     // of ln(y / monomial): within about ±10% on 95% of rows
constexpr std::array<double, 8> kExponents = {-3, -2, -1, -0.5, 0.5, 1, 2, 3};
constexpr double kExponentSlack = 0.2;

double Mean(const std::vector<double>& v) {
  return std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
}

double Variance(const std::vector<double>& v) {
  const double m = Mean(v);
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return s / static_cast<double>(v.size());
}

// Least-squares slopes of y on the columns xs (with an intercept); false when singular.
bool Slopes(const std::vector<const std::vector<double>*>& xs, const std::vector<double>& y,
            std::vector<double>* beta) {
  const std::size_t p = xs.size(), n = y.size();
  std::vector<double> means(p);
  for (std::size_t i = 0; i < p; ++i) means[i] = Mean(*xs[i]);
  const double my = Mean(y);
  std::vector<std::vector<double>> a(p, std::vector<double>(p + 1, 0));  // [X'X | X'y], centred
  for (std::size_t r = 0; r < n; ++r) {
    for (std::size_t i = 0; i < p; ++i) {
      const double xi = (*xs[i])[r] - means[i];
      for (std::size_t j = 0; j < p; ++j) a[i][j] += xi * ((*xs[j])[r] - means[j]);
      a[i][p] += xi * (y[r] - my);
    }
  }
  for (std::size_t c = 0; c < p; ++c) {  // Gaussian elimination with partial pivoting
    std::size_t pivot = c;
    for (std::size_t r = c + 1; r < p; ++r) {
      if (std::abs(a[r][c]) > std::abs(a[pivot][c])) pivot = r;
    }
    if (std::abs(a[pivot][c]) < 1e-12 * static_cast<double>(n)) return false;
    std::swap(a[c], a[pivot]);
    for (std::size_t r = 0; r < p; ++r) {
      if (r == c) continue;
      const double f = a[r][c] / a[c][c];
      for (std::size_t j = c; j <= p; ++j) a[r][j] -= f * a[c][j];
    }
  }
  beta->resize(p);
  for (std::size_t i = 0; i < p; ++i) (*beta)[i] = a[i][p] / a[i][i];
  return true;
}

struct Fit {
  std::vector<std::size_t> parents;  // indices into the strongest parents
  std::vector<double> exponents;
  double explained = 0;
  double spread = 0;  // standard deviation of ln(y / monomial)
  double log_k = 0;
};

// The monomial over `subset` with exponents rounded to halves, and how much of log y it explains.
bool FitSubset(const std::vector<std::size_t>& subset, const std::vector<std::vector<double>>& logs,
               const std::vector<double>& ly, double variance, Fit* fit) {
  std::vector<const std::vector<double>*> xs;
  for (std::size_t i : subset) xs.push_back(&logs[i]);
  std::vector<double> beta;
  if (!Slopes(xs, ly, &beta)) return false;
  fit->exponents.clear();
  for (double b : beta) {
    // The nearest of ±½, ±1, ±2, ±3, and near it: else not a monomial relation (and a 0 says a
    // smaller subset does the same).
    double e = 0;
    for (double allowed : kExponents) {
      if (std::abs(b - allowed) < std::abs(b - e)) e = allowed;
    }
    if (e == 0 || std::abs(b - e) > kExponentSlack) return false;
    fit->exponents.push_back(e);
  }
  std::vector<double> residual(ly);
  for (std::size_t r = 0; r < ly.size(); ++r) {
    for (std::size_t i = 0; i < subset.size(); ++i) residual[r] -= fit->exponents[i] * (*xs[i])[r];
  }
  fit->explained = 1 - Variance(residual) / variance;
  fit->spread = std::sqrt(Variance(residual));
  fit->log_k = Mean(residual);
  return true;
}

}  // namespace

bool ProposeRatio(const Search& s, std::size_t c, const std::vector<bool>& parent_ok,
                  Proposal* out) {
  const Col& child = s.cols[c];
  if (s.logs[c].empty() || child.distinct < kMinChildValues) return false;  // not positive
  std::vector<std::uint32_t> rows;  // where the child has a value, in shuffled order
  for (const std::uint32_t r : s.order) {
    if (!std::isnan(child.values[r])) rows.push_back(r);
  }
  if (rows.size() < kMinRows) return false;
  // Parents: positive, and present wherever the child has a value: every value has a ratio.
  std::vector<std::size_t> parents;
  for (std::size_t j = 0; j < s.cols.size(); ++j) {
    if (j == c || !parent_ok[j] || s.logs[j].empty() || s.cols[j].distinct < 3) continue;
    const std::vector<double>& values = s.cols[j].values;
    if (s.cols[j].column->null_count() == 0 ||
        std::none_of(rows.begin(), rows.end(), [&](std::uint32_t r) { return std::isnan(values[r]); })) {
      parents.push_back(j);
    }
  }
  if (parents.empty()) return false;
  rows.resize(std::min(rows.size(), kSampleRows));
  std::vector<double> ly;
  for (const std::uint32_t r : rows) ly.push_back(s.logs[c][r]);
  const double variance = Variance(ly);
  if (!(variance > 0)) return false;
  // The strongest parents by correlation on the first kScreenRows rows.
  std::vector<std::pair<double, std::size_t>> correlation;  // (−|ρ|, parent): strongest first
  const std::size_t screen = std::min(rows.size(), kScreenRows);
  const std::vector<double> ly_screen(ly.begin(), ly.begin() + static_cast<long>(screen));
  const double my = Mean(ly_screen), vy = Variance(ly_screen);
  if (!(vy > 0)) return false;
  const auto n = static_cast<double>(screen);
  // Without nulls in the child its first rows are those of `order`: read them side by side.
  const bool contiguous = child.column->null_count() == 0;
  for (const std::size_t j : parents) {
    const std::vector<double>& lx = s.logs[j];
    const std::vector<double>& side = s.screen_logs[j];
    double sx = 0, sxx = 0, sxy = 0;
    for (std::size_t r = 0; r < screen; ++r) {
      const double x = contiguous ? side[r] : lx[rows[r]];
      sx += x, sxx += x * x, sxy += x * (ly[r] - my);
    }
    const double vx = sxx / n - (sx / n) * (sx / n);
    if (!(vx > 1e-12)) continue;
    const double rho = sxy / n / std::sqrt(vx * vy);
    if (std::abs(rho) >= kMinCorrelation) correlation.emplace_back(-std::abs(rho), j);
  }
  std::sort(correlation.begin(), correlation.end());
  correlation.resize(std::min(correlation.size(), kTopParents));
  const std::size_t top = correlation.size();
  std::vector<std::vector<double>> logs(top);  // of the strongest parents, on the sample rows
  for (std::size_t i = 0; i < top; ++i) {
    for (const std::uint32_t r : rows) logs[i].push_back(s.logs[correlation[i].second][r]);
  }
  // The best subset of each size; a larger one only when it halves what is left unexplained.
  Fit best;
  for (std::size_t size = 1; size <= std::min<std::size_t>(3, top); ++size) {
    Fit best_of_size;
    std::vector<bool> pick(top, false);
    std::fill(pick.begin(), pick.begin() + size, true);
    do {
      std::vector<std::size_t> subset;
      for (std::size_t i = 0; i < top; ++i) {
        if (pick[i]) subset.push_back(i);
      }
      Fit fit;
      if (FitSubset(subset, logs, ly, variance, &fit) && fit.explained > best_of_size.explained) {
        fit.parents = subset;
        best_of_size = fit;
      }
    } while (std::prev_permutation(pick.begin(), pick.end()));
    if (best_of_size.explained < kMinExplained || best_of_size.spread > kMaxSpread) continue;
    if (best.parents.empty() || 1 - best_of_size.explained < (1 - best.explained) / 2) {
      best = best_of_size;
    }
  }
  if (best.parents.empty()) return false;
  Monomial m;
  m.k = std::exp(best.log_k);
  m.k = Snap(m.k, std::abs(m.k) * 5e-4);  // about three digits: the ratio absorbs the rest
  for (std::size_t i = 0; i < best.parents.size(); ++i) {
    m.terms.emplace_back(correlation[best.parents[i]].second, best.exponents[i]);
  }
  std::sort(m.terms.begin(), m.terms.end());  // in the table's order
  std::vector<std::string> names;
  Proposal p;
  for (const auto& [j, e] : m.terms) {
    names.push_back(QuotedName(s.cols[j].column->name()));
    p.parents.push_back(j);
  }
  p.constraint.kind = Constraint::Kind::kDerived;
  p.constraint.columns = {child.column->name()};
  p.constraint.expression = m.Expression(names);
  p.constraint.learn = Constraint::Learn::kRatio;
  p.child = c;
  p.complexity = 6;
  p.explained = best.explained;
  *out = std::move(p);
  return true;
}

}  // namespace ersatz::constraints::discover
