#include "privacy/discrete.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "ersatz/error.h"

namespace ersatz::privacy {

namespace {

int BitWidth(UInt128 x) {
  const auto high = static_cast<std::uint64_t>(x >> 64);
  if (high != 0) return 128 - __builtin_clzll(high);
  const auto low = static_cast<std::uint64_t>(x);
  return low == 0 ? 0 : 64 - __builtin_clzll(low);
}

UInt128 Gcd(UInt128 a, UInt128 b) {
  while (b != 0) {
    const UInt128 r = a % b;
    a = b;
    b = r;
  }
  return a;
}

UInt128 Multiply(UInt128 a, UInt128 b, const char* what) {
  UInt128 product;
  if (__builtin_mul_overflow(a, b, &product)) {
    throw ParameterError(fmt::format(
        "{}: the exact sampler's arithmetic would overflow 128 bits; use a smaller sigma or a "
        "parameter with a smaller denominator",
        what));
  }
  return product;
}

// floor(√x) for a 128-bit x: a double estimate, then corrected to be exact.
UInt128 IntegerSqrt(UInt128 x) {
  auto r = static_cast<UInt128>(std::sqrt(static_cast<long double>(x)));
  while (r > 0 && r * r > x) --r;
  while ((r + 1) * (r + 1) <= x) ++r;
  return r;
}

// True with probability 1/k, k ≥ 1: U < 1/k, comparing U with the first 64 bits of 1/k 16 at a
// time (one chunk nearly always decides), then, on a 2^-64 tie, bit by bit by long division from
// where those 64 bits left off — exact.
bool BernoulliOneIn(std::uint64_t k, RandomBits& bits) {
  if (k == 1) return true;
  if ((k & (k - 1)) == 0) return bits.NextBits(__builtin_ctzll(k)) == 0;
  // k is not a power of two, so ⌊(2^64 − 1)/k⌋ = ⌊2^64/k⌋: 1/k's first 64 bits; 2^64 = E·k + r.
  const std::uint64_t expansion = ~std::uint64_t{0} / k;
  for (int shift = 48; shift >= 0; shift -= 16) {
    const std::uint64_t p_chunk = (expansion >> shift) & 0xFFFF;
    const std::uint64_t u_chunk = bits.NextBits(16);
    if (u_chunk != p_chunk) return u_chunk < p_chunk;
  }
  std::uint64_t remainder = std::uint64_t{0} - expansion * k;  // r, never 0
  for (;;) {
    const bool carry = remainder >> 63;  // 2r ≥ 2^64 > k
    remainder <<= 1;
    const bool p_bit = carry || remainder >= k;
    if (p_bit) remainder -= k;
    if (bits.NextBit() != p_bit) return p_bit;
  }
}

// exp(−γ) for γ in [0, 1] (CKS Algorithm 1), `gamma_trial` a Bernoulli(γ): K counts how many
// Bernoulli(γ/k) trials succeed in a row; P(K odd) is the alternating series of e^{−γ}.
// Bernoulli(γ/k) is drawn as Bernoulli(γ) ∧ Bernoulli(1/k), the same law, so no product of
// denominators can overflow.
template <class GammaTrial>
bool ExpMinusGamma(GammaTrial gamma_trial, RandomBits& bits) {
  std::uint64_t k = 1;
  while (gamma_trial() && BernoulliOneIn(k, bits)) ++k;
  return k % 2 == 1;
}

bool BernoulliExpAtMostOne(Rational gamma, RandomBits& bits) {
  return ExpMinusGamma([&] { return Bernoulli(gamma, bits); }, bits);
}

bool BernoulliExpMinusOne(RandomBits& bits) {
  return ExpMinusGamma([] { return true; }, bits);
}

// True with probability num/2^width (num < 2^width, width ≤ 127): a uniform width-bit R is
// compared with num from the top, 16 bits at a time; the first chunk that differs decides R < num,
// so a trial nearly always reads one chunk.
bool BernoulliDyadic(UInt128 num, int width, RandomBits& bits) {
  constexpr int kChunk = 16;
  while (width > 0) {
    const int take = std::min(kChunk, width);
    width -= take;
    const auto p_chunk = static_cast<std::uint64_t>(num >> width) & ((std::uint64_t{1} << take) - 1);
    const std::uint64_t r = bits.NextBits(take);
    if (r != p_chunk) return r < p_chunk;
  }
  return false;  // R = num: not below
}

// exp(−num/2^width) for num < 2^width.
bool BernoulliExpDyadic(UInt128 num, int width, RandomBits& bits) {
  return ExpMinusGamma([&] { return BernoulliDyadic(num, width, bits); }, bits);
}

}  // namespace

Rational RationalAtLeast(double x, std::uint64_t den) {
  if (!(x >= 0) || std::isinf(x) || den == 0) {
    throw ParameterError(fmt::format("noise parameter must be a finite number ≥ 0, got {}", x));
  }
  const long double scaled = std::ceil(static_cast<long double>(x) * den);
  if (scaled >= 0x1p126L) throw ParameterError(fmt::format("noise parameter {} is too large", x));
  return {static_cast<UInt128>(scaled), den};
}

UInt128 UniformBelow(UInt128 n, RandomBits& bits) {
  if (n <= 1) return 0;
  const int width = BitWidth(n - 1);
  for (;;) {
    UInt128 draw = bits.NextBits(std::min(width, 64));
    if (width > 64) draw |= static_cast<UInt128>(bits.NextBits(width - 64)) << 64;
    if (draw < n) return draw;  // accepted with probability > 1/2
  }
}

// Compares a uniform real U in [0, 1), drawn bit by bit, with the binary expansion of p (long
// division): the first differing bit decides U < p, so a trial takes 2 random bits on average.
bool Bernoulli(Rational p, RandomBits& bits) {
  if (p.den == 0 || p.den >> 127 != 0) {
    throw ParameterError("Bernoulli: the denominator must be in [1, 2^127)");
  }
  if (p.num >= p.den) return true;
  UInt128 remainder = p.num;
  while (remainder != 0) {
    remainder <<= 1;
    const bool p_bit = remainder >= p.den;
    if (p_bit) remainder -= p.den;
    const bool u_bit = bits.NextBit();
    if (u_bit != p_bit) return p_bit;  // U's bit is 0 where p's is 1: U < p
  }
  return false;  // p's expansion ended while U matched it so far: U ≥ p (almost surely U > p)
}

bool BernoulliExp(Rational gamma, RandomBits& bits) {
  // exp(−γ) = exp(−1)^⌊γ⌋ · exp(−(γ − ⌊γ⌋)), each factor an independent trial.
  while (gamma.num > gamma.den) {
    if (!BernoulliExpMinusOne(bits)) return false;
    gamma.num -= gamma.den;
  }
  return BernoulliExpAtMostOne(gamma, bits);
}

std::int64_t DiscreteLaplace(Rational scale, RandomBits& bits) {
  if (scale.num == 0 || scale.den == 0) throw ParameterError("discrete Laplace: scale must be > 0");
  // scale = t/s with t, s integers.
  const UInt128 t = scale.num, s = scale.den;
  for (;;) {
    const UInt128 u = UniformBelow(t, bits);
    if (!BernoulliExp({u, t}, bits)) continue;
    UInt128 v = 0;  // geometric with parameter 1 − e^{−1}
    while (BernoulliExp({1, 1}, bits)) ++v;
    const UInt128 x = u + Multiply(t, v, "discrete Laplace");  // geometric with parameter 1 − e^{−1/t}
    const UInt128 y = x / s;
    const bool negative = bits.NextBit();
    if (negative && y == 0) continue;  // otherwise 0 would be counted twice
    const auto magnitude = static_cast<std::int64_t>(y);
    return negative ? -magnitude : magnitude;
  }
}

std::int64_t DiscreteGaussian(Rational sigma_squared, RandomBits& bits) {
  const UInt128 n = sigma_squared.num, d = sigma_squared.den;
  if (n == 0 || d == 0) throw ParameterError("discrete Gaussian: sigma² must be > 0");
  // Proposal: discrete Laplace with scale t. CKS take t = ⌊σ⌋ + 1; any t > 0 is exact (the
  // acceptance step cancels the |y|/t term), and t = σ when σ is a whole number keeps the
  // arithmetic small. (The DP-SGD grid, σ a power of two, has its own DiscreteGaussianPowerOfTwo.)
  const UInt128 root = IntegerSqrt(n / d);
  const UInt128 t = (root * root * d == n) ? root : root + 1;
  // Accept y with probability exp(−(|y| − σ²/t)²/(2σ²)) = exp(−a²/(2·n·d·t²)), a = |y|·t·d − n,
  // written as (a/(t·d))² · d/(2n) and reduced factor by factor so it stays within 128 bits.
  const UInt128 td = Multiply(t, d, "discrete Gaussian");
  const UInt128 two_n = Multiply(2, n, "discrete Gaussian");
  for (;;) {
    const std::int64_t y = DiscreteLaplace({t, 1}, bits);
    const UInt128 abs_y = static_cast<UInt128>(y < 0 ? -y : y);
    const UInt128 ytd = Multiply(abs_y, td, "discrete Gaussian");
    UInt128 a = ytd >= n ? ytd - n : n - ytd;
    UInt128 v = td;
    UInt128 g = Gcd(a, v);
    if (g > 1) a /= g, v /= g;
    UInt128 a1 = a, a2 = a, v1 = v, v2 = v, p = d, q = two_n;
    g = Gcd(p, q), p /= g, q /= g;
    g = Gcd(a1, q), a1 /= g, q /= g;
    g = Gcd(a2, q), a2 /= g, q /= g;
    g = Gcd(p, v1), p /= g, v1 /= g;
    g = Gcd(p, v2), p /= g, v2 /= g;
    const Rational gamma{Multiply(Multiply(a1, a2, "discrete Gaussian"), p, "discrete Gaussian"),
                         Multiply(Multiply(v1, v2, "discrete Gaussian"), q, "discrete Gaussian")};
    if (BernoulliExp(gamma, bits)) return y;
  }
}

std::int64_t DiscreteGaussianPowerOfTwo(int log2_sigma, RandomBits& bits) {
  if (log2_sigma < 0 || log2_sigma > 40) {
    throw ParameterError(fmt::format("discrete Gaussian: log2 sigma must be in [0, 40], got {}", log2_sigma));
  }
  const int b = log2_sigma;
  const std::uint64_t sigma = std::uint64_t{1} << b;
  const int gamma_width = 2 * b + 1;  // γ = a²/(2σ²) = a²/2^(2b+1)
  const UInt128 gamma_mask = (static_cast<UInt128>(1) << gamma_width) - 1;
  for (;;) {
    // Proposal: discrete Laplace with scale t = σ (CKS Algorithm 2 with s = 1).
    const std::uint64_t u = b == 0 ? 0 : bits.NextBits(b);
    if (!BernoulliExpDyadic(u, b, bits)) continue;
    std::uint64_t v = 0;  // geometric with parameter 1 − e^{−1}
    while (BernoulliExpMinusOne(bits)) ++v;
    if (v >= (std::uint64_t{1} << (62 - b))) continue;  // P < e^{−2^22}: never, but no overflow
    const std::uint64_t magnitude = u + (v << b);
    const bool negative = bits.NextBit();
    if (negative && magnitude == 0) continue;  // otherwise 0 would be counted twice
    // Accept with exp(−(|y| − σ)²/(2σ²)) (CKS Algorithm 3 with t = σ): e^{−1} per whole unit of γ,
    // then the fraction.
    const UInt128 a = magnitude >= sigma ? magnitude - sigma : sigma - magnitude;
    const UInt128 a2 = a * a;  // a < 2^62: fits
    UInt128 whole = a2 >> gamma_width;
    bool accepted = true;
    for (; whole > 0 && accepted; --whole) accepted = BernoulliExpMinusOne(bits);
    if (accepted && BernoulliExpDyadic(a2 & gamma_mask, gamma_width, bits)) {
      const auto y = static_cast<std::int64_t>(magnitude);
      return negative ? -y : y;
    }
  }
}

}  // namespace ersatz::privacy
