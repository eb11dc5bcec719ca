// A deterministic stand-in for the secure source, so the samplers' algorithms can be tested with
// fixed seeds. Tests only: DP noise in the library always comes from OpenSslRandomBits.
#pragma once

#include "common/random.h"
#include "privacy/random_bits.h"

namespace ersatz::privacy::testing {

class SeededBits final : public RandomBits {
 public:
  explicit SeededBits(std::uint64_t seed) : stream_(seed, /*stream=*/0x5eed, /*row=*/0) {}
  std::uint64_t NextU64() override { return stream_.NextU64(); }

 private:
  RandomStream stream_;
};

}  // namespace ersatz::privacy::testing
