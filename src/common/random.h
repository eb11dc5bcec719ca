// Counter-based randomness: every draw is a pure function of (seed, stream, counter), so results
// do not depend on thread count, batch split or call order (DESIGN.md, principle 5).
// Not for differential-privacy noise, which must come from a cryptographically secure source.
#pragma once

#include <cstdint>

namespace ersatz {

// SplitMix64's finaliser (Steele, Lea & Flood 2014): a bijective 64-bit mix with good avalanche.
inline std::uint64_t Mix64(std::uint64_t x) {
  x += 0x9E3779B97F4A7C15ull;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ull;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

// A generator positioned at (seed, stream, counter); successive calls walk the counter.
class CounterRng {
 public:
  CounterRng(std::uint64_t seed, std::uint64_t stream, std::uint64_t counter = 0)
      : key_(Mix64(seed ^ Mix64(stream + 0x632BE59BD9B4E019ull))), counter_(counter) {}

  std::uint64_t NextU64() { return Mix64(key_ ^ Mix64(counter_++)); }
  // Uniform in [0, 1) with 53 random bits.
  double NextDouble() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n) (n > 0), by Lemire's multiply-shift; bias < n / 2^64.
  std::uint64_t NextBelow(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(NextU64()) * n) >> 64);
  }

 private:
  std::uint64_t key_;
  std::uint64_t counter_;
};

}  // namespace ersatz
