// Counter-based random numbers (Philox4x32-10, Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC 2011). A draw is a pure function of (seed, stream, row, index), so any thread can
// produce any row's numbers and the result never depends on how rows were split across threads
// (DESIGN.md principle 5). The one source of randomness for training, sampling and decoding; not
// for differential-privacy noise, which must come from a cryptographically secure source.
#pragma once

#include <array>
#include <cstdint>
#include <span>
#include <utility>

namespace ersatz {

// The raw Philox4x32 bijection with 10 rounds: counter and key in, four random words out.
std::array<std::uint32_t, 4> Philox4x32(std::array<std::uint32_t, 4> counter, std::array<std::uint32_t, 2> key);

class CounterRng {
 public:
  // `seed` is the user's seed; `stream` tells apart independent uses of it (layer, step, purpose).
  CounterRng(std::uint64_t seed, std::uint64_t stream) : seed_(seed), stream_(stream) {}

  // Words 4·block .. 4·block+3 of row `row`.
  std::array<std::uint32_t, 4> Block(std::uint32_t row, std::uint32_t block) const {
    return Philox4x32({block, row, std::uint32_t(stream_), std::uint32_t(stream_ >> 32)},
                      {std::uint32_t(seed_), std::uint32_t(seed_ >> 32)});
  }
  // Uniform in [0, 1) with 24 random bits: every value is an exact float.
  float Uniform(std::uint32_t row, std::uint32_t index) const { return ToUnit(Block(row, index / 4)[index % 4]); }
  static float ToUnit(std::uint32_t word) { return float(word >> 8) * 0x1p-24f; }

 private:
  std::uint64_t seed_;
  std::uint64_t stream_;
};

// Successive draws for one (seed, stream, row): walks the blocks of that row.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, std::uint64_t stream, std::uint32_t row)
      : rng_(seed, stream), row_(row) {}

  std::uint32_t NextU32() {
    if (used_ == 4) {
      words_ = rng_.Block(row_, block_++);
      used_ = 0;
    }
    return words_[used_++];
  }
  std::uint64_t NextU64() { return (std::uint64_t{NextU32()} << 32) | NextU32(); }
  // Uniform in [0, 1) with 53 random bits.
  double NextDouble() { return static_cast<double>(NextU64() >> 11) * 0x1.0p-53; }
  // Uniform integer in [0, n) for n > 0 (Lemire's multiply-shift; bias below n / 2^64).
  std::uint64_t NextBelow(std::uint64_t n) {
    return static_cast<std::uint64_t>((static_cast<unsigned __int128>(NextU64()) * n) >> 64);
  }

 private:
  CounterRng rng_;
  std::uint32_t row_;
  std::uint32_t block_ = 0;
  std::array<std::uint32_t, 4> words_{};
  int used_ = 4;
};

// Fisher–Yates with the draws of (seed, stream, row): the same arguments give the same order.
template <typename T>
void Shuffle(std::span<T> v, std::uint64_t seed, std::uint64_t stream, std::uint32_t row) {
  RandomStream rng(seed, stream, row);
  for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[rng.NextBelow(i)]);
}

}  // namespace ersatz
