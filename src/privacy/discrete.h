// Exact samplers on the integers from Canonne, Kamath & Steinke 2020 ("The Discrete Gaussian for
// Differential Privacy", Algorithms 1–3). Every step is integer arithmetic on exact rationals and
// uniform integers drawn by rejection from random bits: no floating point, hence none of the
// floating-point attacks on naive Laplace/Gaussian samplers (Mironov 2012). Used for noisy counts
// and, on a fine grid, for DP-SGD's Gaussian noise (grid_gaussian.h).
#pragma once

#include <cstdint>

#include "privacy/random_bits.h"

namespace ersatz::privacy {

using UInt128 = unsigned __int128;

// A non-negative rational num/den (den > 0). Parameters are rationals so the samplers are exact.
struct Rational {
  UInt128 num = 0;
  UInt128 den = 1;
};

// The smallest rational with denominator `den` that is ≥ x: rounding parameters toward more
// noise keeps a guarantee computed for x. Throws ParameterError for negative or non-finite x.
Rational RationalAtLeast(double x, std::uint64_t den = std::uint64_t{1} << 20);

// Uniform on {0, …, n−1}, n ≥ 1, by rejection (no modulo bias).
UInt128 UniformBelow(UInt128 n, RandomBits& bits);
// True with probability p = num/den ≤ 1.
bool Bernoulli(Rational p, RandomBits& bits);
// True with probability exp(−γ), γ ≥ 0 (CKS Algorithm 1).
bool BernoulliExp(Rational gamma, RandomBits& bits);

// P(x) ∝ exp(−|x|/scale) on the integers, scale > 0 (CKS Algorithm 2).
std::int64_t DiscreteLaplace(Rational scale, RandomBits& bits);
// P(x) ∝ exp(−x²/(2σ²)) on the integers, σ² > 0 (CKS Algorithm 3). Throws ParameterError when the
// exact arithmetic would overflow 128 bits (σ beyond ~2^40, or σ² with a huge denominator).
std::int64_t DiscreteGaussian(Rational sigma_squared, RandomBits& bits);
// The same law as DiscreteGaussian({2^(2·log2_sigma), 1}) for σ = 2^log2_sigma, 0 ≤ log2_sigma ≤ 40:
// the grid sampler's hot path. With σ and the proposal's scale powers of two, every Bernoulli
// but those of e^{−1} has a dyadic probability num/2^w, decided by comparing num with random bits
// a 16-bit chunk at a time — no 128-bit long division, gcd or square root per draw (~4× faster).
std::int64_t DiscreteGaussianPowerOfTwo(int log2_sigma, RandomBits& bits);

}  // namespace ersatz::privacy
