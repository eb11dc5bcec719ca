// Which column pairs and triples the scores run over: all of them while they fit the limit,
// otherwise a sample drawn with a fixed seed (so the same inputs always give the same report).
#pragma once

#include <array>
#include <cstdint>
#include <vector>

namespace ersatz::evaluate {

// Index pairs i < j over `k` columns, sorted; all when k(k−1)/2 ≤ max_pairs.
std::vector<std::array<int, 2>> ChoosePairs(int k, std::size_t max_pairs, std::uint64_t seed);
// Index triples i < j < l, sorted; all when C(k, 3) ≤ max_triples.
std::vector<std::array<int, 3>> ChooseTriples(int k, std::size_t max_triples, std::uint64_t seed);
// `count` distinct row indices out of `n` (all, in order, when count ≥ n), sorted.
std::vector<std::size_t> SampleRows(std::size_t n, std::size_t count, std::uint64_t seed,
                                    std::uint64_t stream);

}  // namespace ersatz::evaluate
