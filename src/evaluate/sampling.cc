#include "evaluate/sampling.h"

#include <algorithm>
#include <numeric>
#include <set>

#include "common/random.h"

namespace ersatz::evaluate {
namespace {

// Stream numbers keep the pair, triple and row samples independent of each other.
constexpr std::uint64_t kPairStream = 0x9a1;
constexpr std::uint64_t kTripleStream = 0x9a2;

template <std::size_t N>
std::vector<std::array<int, N>> Choose(int k, std::size_t max_count, std::uint64_t seed,
                                       std::uint64_t stream) {
  double total = 1;
  for (std::size_t i = 0; i < N; ++i) total = total * (k - double(i)) / double(i + 1);
  std::vector<std::array<int, N>> out;
  if (k < int(N)) return out;
  if (total <= double(max_count)) {
    std::array<int, N> c;
    std::iota(c.begin(), c.end(), 0);
    while (true) {  // combinations in lexicographic order
      out.push_back(c);
      int i = int(N) - 1;
      while (i >= 0 && c[i] == k - int(N) + i) --i;
      if (i < 0) break;
      ++c[i];
      for (std::size_t j = i + 1; j < N; ++j) c[j] = c[j - 1] + 1;
    }
    return out;
  }
  RandomStream rng(seed, stream, 0);
  std::set<std::array<int, N>> chosen;
  while (chosen.size() < max_count) {
    std::array<int, N> c;
    for (auto& x : c) x = static_cast<int>(rng.NextBelow(k));
    std::sort(c.begin(), c.end());
    if (std::adjacent_find(c.begin(), c.end()) == c.end()) chosen.insert(c);
  }
  return {chosen.begin(), chosen.end()};
}

}  // namespace

std::vector<std::array<int, 2>> ChoosePairs(int k, std::size_t max_pairs, std::uint64_t seed) {
  return Choose<2>(k, max_pairs, seed, kPairStream);
}

std::vector<std::array<int, 3>> ChooseTriples(int k, std::size_t max_triples, std::uint64_t seed) {
  return Choose<3>(k, max_triples, seed, kTripleStream);
}

std::vector<std::size_t> SampleRows(std::size_t n, std::size_t count, std::uint64_t seed,
                                    std::uint64_t stream) {
  std::vector<std::size_t> rows(n);
  std::iota(rows.begin(), rows.end(), 0);
  if (count >= n) return rows;
  RandomStream rng(seed, stream, 0);
  for (std::size_t i = 0; i < count; ++i) {  // partial Fisher–Yates
    std::swap(rows[i], rows[i + rng.NextBelow(n - i)]);
  }
  rows.resize(count);
  std::sort(rows.begin(), rows.end());
  return rows;
}

}  // namespace ersatz::evaluate
