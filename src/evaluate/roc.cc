#include "evaluate/roc.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// The point estimate ignores thresholds that flag fewer non-members: 1 hit against 1 false alarm
// is noise, not evidence (the confidence bound handles every threshold).
constexpr std::size_t kMinFalsePositives = 10;

// Row order by descending score (ties by index, so the order is deterministic).
std::vector<std::size_t> DescendingOrder(std::span<const double> scores) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return scores[a] > scores[b]; });
  return order;
}

// P(X ≥ k) for X ~ Binomial(n, p), summed in log space from i = k up; past the mode the terms
// fall geometrically, so the sum stops once they no longer change it.
double BinomialUpperTail(std::size_t k, std::size_t n, double p) {
  if (k == 0) return 1.0;
  if (k > n || p <= 0) return 0.0;
  if (p >= 1) return 1.0;
  const double lp = std::log(p), lq = std::log1p(-p);
  const double log_n_fact = std::lgamma(double(n) + 1);
  const double mode = double(n) * p;
  double sum = 0;
  for (std::size_t i = k; i <= n; ++i) {
    const double term = std::exp(log_n_fact - std::lgamma(double(i) + 1) -
                                 std::lgamma(double(n - i) + 1) + double(i) * lp +
                                 double(n - i) * lq);
    sum += term;
    if (double(i) > mode && term < 1e-17 * sum) break;
  }
  return std::min(sum, 1.0);
}

}  // namespace

double RocAuc(std::span<const double> scores, std::span<const std::uint8_t> labels) {
  std::vector<std::size_t> order(scores.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return scores[a] < scores[b];
  });
  double positive_rank_sum = 0;
  std::size_t positives = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j < order.size() && scores[order[j]] == scores[order[i]]) ++j;
    const double mid_rank = 0.5 * double(i + 1 + j);  // ranks i+1 .. j
    for (std::size_t t = i; t < j; ++t) {
      if (labels[order[t]]) positive_rank_sum += mid_rank, ++positives;
    }
    i = j;
  }
  const std::size_t negatives = scores.size() - positives;
  if (positives == 0 || negatives == 0) return kNaN;
  const double p = double(positives);
  return (positive_rank_sum - p * (p + 1) / 2) / (p * double(negatives));
}

std::vector<RocPoint> RocCurve(std::span<const double> scores,
                               std::span<const std::uint8_t> labels) {
  const std::size_t positives = std::count(labels.begin(), labels.end(), std::uint8_t{1});
  const std::size_t negatives = labels.size() - positives;
  std::vector<RocPoint> curve{RocPoint{}};
  const auto order = DescendingOrder(scores);
  std::size_t tp = 0, fp = 0;
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    for (; j < order.size() && scores[order[j]] == scores[order[i]]; ++j) {
      labels[order[j]] ? ++tp : ++fp;
    }
    curve.push_back({negatives ? double(fp) / double(negatives) : kNaN,
                     positives ? double(tp) / double(positives) : kNaN, fp, tp});
    i = j;
  }
  return curve;
}

double TprAtFpr(std::span<const RocPoint> curve, double max_fpr) {
  double best = 0;
  for (const RocPoint& p : curve) {
    if (p.fpr <= max_fpr + 1e-12) best = std::max(best, p.tpr);
  }
  return best;
}

double ClopperPearsonLower(std::size_t k, std::size_t n, double alpha) {
  if (k == 0 || n == 0) return 0.0;
  // The p at which P(X ≥ k) = alpha; P(X ≥ k) grows with p.
  double lo = 0, hi = double(k) / double(n);
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    (BinomialUpperTail(k, n, mid) < alpha ? lo : hi) = mid;
  }
  return lo;
}

double ClopperPearsonUpper(std::size_t k, std::size_t n, double alpha) {
  if (n == 0) return 1.0;
  if (k >= n) return 1.0;
  // The p at which P(X ≤ k) = alpha, i.e. P(X ≥ k + 1) = 1 − alpha.
  double lo = double(k) / double(n), hi = 1;
  for (int it = 0; it < 60; ++it) {
    const double mid = 0.5 * (lo + hi);
    (1.0 - BinomialUpperTail(k + 1, n, mid) > alpha ? lo : hi) = mid;
  }
  return hi;
}

EpsilonBound EmpiricalEpsilon(std::span<const RocPoint> curve, std::size_t positives,
                              std::size_t negatives) {
  EpsilonBound bound;
  if (positives == 0 || negatives == 0) return {kNaN, kNaN};
  for (const RocPoint& p : curve) {
    if (p.false_positives >= kMinFalsePositives && p.tpr > 0) {
      bound.estimate = std::max(bound.estimate, std::log(p.tpr / p.fpr));
    }
  }
  // Confidence bounds cost a bisection each: evaluate them on at most ~130 points spread over the curve,
  // always including the low-FPR end where the ratio is largest.
  const std::size_t step = std::max<std::size_t>(1, curve.size() / 100);
  for (std::size_t i = 1; i < curve.size(); ++i) {
    if (i % step != 0 && i > 30) continue;
    const RocPoint& p = curve[i];
    if (p.true_positives == 0) continue;
    const double tpr_low = ClopperPearsonLower(p.true_positives, positives, 0.025);
    const double fpr_high = ClopperPearsonUpper(p.false_positives, negatives, 0.025);
    if (tpr_low > 0 && fpr_high > 0) {
      bound.lower_95 = std::max(bound.lower_95, std::log(tpr_low / fpr_high));
    }
  }
  return bound;
}

}  // namespace ersatz::evaluate
