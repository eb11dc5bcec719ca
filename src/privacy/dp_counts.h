// Which categories a column keeps, chosen with differential privacy. Reading the category set
// straight from private data reveals every rare value (a category seen once is one person); here
// each observed category's count gets exact integer noise and only categories whose noisy count
// reaches a threshold are kept, the threshold set so that a category held by one record appears
// with probability at most δ (stability-based histograms, Korolova et al. 2009; Wilson et al. 2020).
//
// Unit of privacy: a record, contributing 1 to exactly one category (add/remove neighbours).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "privacy/budget.h"
#include "privacy/random_bits.h"

namespace ersatz::privacy {

enum class CountNoise {
  kLaplace,   // discrete Laplace, pure ε for the counts; δ pays for the threshold only
  kGaussian,  // discrete Gaussian, ρ-zCDP for the counts (composes well with other Gaussians)
};

struct CategorySelection {
  std::vector<std::size_t> kept;           // indices into the counts given, in input order
  std::vector<std::int64_t> noisy_counts;  // their noisy counts (each ≥ threshold)
  std::int64_t threshold = 0;
  double noise_scale = 0;  // Laplace scale b (P ∝ e^{−|x|/b}) or Gaussian σ actually used
  double rho = 0;          // kGaussian: the counts' zCDP ρ
  Spend spent;             // ≤ the share given
};

// `counts[i]` is the number of records in observed category i (zero counts are never kept).
// `share` is the (ε, δ) this step may spend; δ > 0 is required (a category set with no δ needs
// the domain declared public instead). Laplace: ε for the counts, δ for the threshold.
// Gaussian: δ/2 for the threshold, (ε, δ/2) from ρ-zCDP for the counts.
CategorySelection SelectCategories(std::span<const std::int64_t> counts, Spend share,
                                   CountNoise noise, RandomBits& bits);

// The Gaussian selection given its zCDP ρ directly, for a caller that composes ρ's itself (the
// fit adds them to DP-SGD's RDP curve): discrete Gaussian σ² = 1/(2ρ) (rounded up to a rational,
// so `rho` comes out ≤ the one given) and the threshold that a one-record category passes with
// probability ≤ `threshold_delta`. `spent` is {0, threshold_delta}: the ε is the caller's to state.
CategorySelection SelectCategoriesZcdp(std::span<const std::int64_t> counts, double rho,
                                       double threshold_delta, RandomBits& bits);

}  // namespace ersatz::privacy
