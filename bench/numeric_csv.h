// A deterministic numeric-heavy CSV (5 integer and 5 float columns), the benchmarks' worst case
// for per-cell overhead: many short cells per byte.
#pragma once

#include <charconv>
#include <cstdint>
#include <string>

namespace ersatz::bench {

inline std::uint64_t SplitMix64(std::uint64_t* state) {
  std::uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

inline std::string NumericCsvHeader() { return "i0,i1,i2,i3,i4,f0,f1,f2,f3,f4\n"; }

// Appends rows to `out` until it holds at least `bytes` bytes.
inline void AppendNumericCsvRows(std::size_t bytes, std::uint64_t* rng, std::string* out) {
  static constexpr std::int64_t kIntRanges[5] = {100, 100000, 1000000000, 2, 10000000000000};
  static constexpr double kFloatScales[5] = {1.0, 1000.0, 1e-3, 1e6, 100.0};
  char buf[64];
  while (out->size() < bytes) {
    for (int c = 0; c < 5; ++c) {
      const auto v = static_cast<std::int64_t>(SplitMix64(rng) % kIntRanges[c]) - kIntRanges[c] / 4;
      out->append(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
      out->push_back(',');
    }
    for (int c = 0; c < 5; ++c) {
      const double unit = static_cast<double>(SplitMix64(rng) >> 11) * 0x1.0p-53;
      const double v = (unit - 0.3) * kFloatScales[c];
      out->append(buf, std::to_chars(buf, buf + sizeof buf, v, std::chars_format::fixed, 2 + c).ptr);
      out->push_back(c == 4 ? '\n' : ',');
    }
  }
}

inline std::string MakeNumericCsv(std::size_t bytes) {
  std::string out = NumericCsvHeader();
  out.reserve(bytes + 256);
  std::uint64_t rng = 42;
  AppendNumericCsvRows(bytes, &rng, &out);
  return out;
}

}  // namespace ersatz::bench
