// Where differential-privacy noise gets its randomness. Production code uses OpenSslRandomBits
// (the operating system's entropy through OpenSSL's DRBG): unpredictable, so noise cannot be
// replayed or guessed from a seed. The interface exists so the samplers' algorithms can be tested
// with a deterministic source; ersatz's counter RNG (src/common/random.h) must never feed DP noise.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>

namespace ersatz::privacy {

class RandomBits {
 public:
  virtual ~RandomBits() = default;
  // 64 independent, uniformly random bits.
  virtual std::uint64_t NextU64() = 0;

  // The exact samplers mostly need single bits (a Bernoulli trial takes 2 on average), so bits
  // are handed out from a 64-bit pool rather than spending a whole word on each.
  bool NextBit() {
    if (pool_bits_ == 0) {
      pool_ = NextU64();
      pool_bits_ = 64;
    }
    const bool bit = pool_ & 1;
    pool_ >>= 1;
    --pool_bits_;
    return bit;
  }
  // `count` (≤ 64) random bits in the low bits of the result.
  std::uint64_t NextBits(int count) {
    if (count == 64) return NextU64();
    if (pool_bits_ < count) {
      pool_ = NextU64();
      pool_bits_ = 64;
    }
    const std::uint64_t bits = pool_ & ((std::uint64_t{1} << count) - 1);
    pool_ = count == 64 ? 0 : pool_ >> count;
    pool_bits_ -= count;
    return bits;
  }

 private:
  std::uint64_t pool_ = 0;
  int pool_bits_ = 0;
};

// Cryptographically secure bits from OpenSSL's RAND_bytes, fetched 16 KiB at a time. Not
// thread-safe: give each thread its own (OpenSSL keeps one DRBG per thread underneath).
// Throws IoError when OpenSSL cannot produce random bytes (unseeded DRBG), never returns weak bits.
// Cache-line aligned: DP-SGD keeps one per thread side by side in a vector, and one thread's
// buffer position sharing a line with the next one's bit pool made the noise ~1.6× slower in some
// runs.
class alignas(64) OpenSslRandomBits final : public RandomBits {
 public:
  OpenSslRandomBits() = default;
  OpenSslRandomBits(const OpenSslRandomBits&) = delete;
  OpenSslRandomBits& operator=(const OpenSslRandomBits&) = delete;
  OpenSslRandomBits(OpenSslRandomBits&&) = default;
  OpenSslRandomBits& operator=(OpenSslRandomBits&&) = default;
  ~OpenSslRandomBits() override;
  std::uint64_t NextU64() override;

 private:
  void Refill();
  // Used words are overwritten by the next refill and the rest cleansed on destruction, so spent
  // randomness (which, with a released noisy value, would give the value back) does not linger.
  std::array<std::uint64_t, 2048> buffer_{};
  std::size_t next_ = buffer_.size();
};

}  // namespace ersatz::privacy
