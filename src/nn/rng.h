// Counter-based random numbers (Philox4x32-10, Salmon et al., "Parallel random numbers: as easy as
// 1, 2, 3", SC 2011). A draw is a pure function of (seed, stream, row, index), so any thread can
// produce any row's numbers and the result never depends on how rows were split across threads.
#pragma once

#include <array>
#include <cstdint>

namespace ersatz::nn {

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

}  // namespace ersatz::nn
