// Gaussian noise for DP-SGD that resists the floating-point attacks on naive samplers.
//
// Why this construction: a textbook sampler (Box–Muller on uniform doubles) produces a set of
// floating-point values whose gaps and holes depend on the noise scale and the true value, so an
// output can reveal which input it came from (Mironov 2012; Jin et al. 2022 for Gaussians).
// Instead, each coordinate is moved onto the grid Δ = σ_abs·2^-grid_bits, z = round(x/Δ), and the
// integer z + k is released with k drawn from the exact discrete Gaussian N_Z(0, 2^(2·grid_bits))
// (Canonne, Kamath & Steinke 2020) from a cryptographically secure source. The float returned,
// (z + k)·Δ, is a deterministic function of that integer, i.e. post-processing: nothing the
// floating-point rounding does afterwards can leak more than the integer mechanism.
//
// Privacy: rounding moves each coordinate by at most half a step, so the L2 sensitivity in grid
// units grows from C/Δ to at most C/Δ + √d; EffectiveNoiseMultiplier gives the σ to account with
// (σ·(1 − 1.2e-6·σ) for d = 10^8 parameters at 32 grid bits). On the rounded input the release
// equals, up to a total variation of about 1/(24·2^(2·grid_bits)) per coordinate, the continuous
// Gaussian mechanism followed by rounding (post-processing), which the accountant covers at every
// order; docs/privacy.md states what that adds to δ.
#pragma once

#include <cstddef>
#include <span>

#include "privacy/random_bits.h"

namespace ersatz::privacy {

class GridGaussianNoise {
 public:
  // `stddev` is the absolute noise scale (σ·C in DP-SGD); 2^grid_bits grid steps per stddev.
  explicit GridGaussianNoise(double stddev, int grid_bits = 32);

  // values[i] ← (round(values[i]/Δ) + k_i)·Δ with independent k_i ~ N_Z(0, 2^(2·grid_bits)).
  // Throws ParameterError for a value too large for the grid (|x|/Δ beyond 2^62).
  void Add(std::span<float> values, RandomBits& bits) const;

  double grid_step() const { return step_; }

  // The noise multiplier to give the accountant for d coordinates: 1/(1/σ + √d·2^-grid_bits).
  static double EffectiveNoiseMultiplier(double noise_multiplier, std::size_t dimension,
                                         int grid_bits = 32);

 private:
  double step_;
  int grid_bits_;
};

}  // namespace ersatz::privacy
