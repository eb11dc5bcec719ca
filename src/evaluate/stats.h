// The statistics behind the scores, each on plain arrays so that tests can check them by hand.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace ersatz::evaluate {

// Two-sample Kolmogorov–Smirnov statistic max |F_a − F_b|; NaNs are dropped. NaN when a side
// has no values.
double KsStatistic(std::span<const double> a, std::span<const double> b);

// Pearson ρ over the rows where both are present; NaN when fewer than 2 rows or a constant side.
double Pearson(std::span<const double> x, std::span<const double> y);

// Cramér's V of two code arrays (codes in [0, bins)), without bias correction; 0 when either
// side has a single observed value.
double CramersV(std::span<const std::int32_t> a, std::int32_t a_bins,
                std::span<const std::int32_t> b, std::int32_t b_bins);

// Theil's uncertainty coefficient U(x | y) = (H(x) − H(x | y)) / H(x); 1 when H(x) = 0.
double TheilsU(std::span<const std::int32_t> x, std::int32_t x_bins,
               std::span<const std::int32_t> y, std::int32_t y_bins);

// Correlation ratio η of a numeric y across the categories of x (rows with y NaN dropped);
// 0 when y is constant.
double CorrelationRatio(std::span<const std::int32_t> x, std::int32_t x_bins,
                        std::span<const double> y);

// Jensen–Shannon distance, base 2: sqrt(½ KL(p‖m) + ½ KL(q‖m)), m = (p + q) / 2; in [0, 1].
double JensenShannonDistance(std::span<const double> p, std::span<const double> q);

}  // namespace ersatz::evaluate
