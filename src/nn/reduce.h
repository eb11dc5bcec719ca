// Reductions over the batch whose result does not depend on the thread count: the batch is cut into
// fixed-size chunks, each chunk is summed in row order (by whichever thread), and the chunk sums are
// added in chunk order. Floating-point addition is not associative, so this fixed order is what
// makes "same seed, same model" hold on 1 or 16 threads.
#pragma once

#include <cstddef>
#include <span>

#include "nn/tensor.h"

namespace ersatz::nn {

inline constexpr std::size_t kReduceChunkRows = 256;

// out[c] += Σ_r m(r, c).
void AddColumnSums(const Matrix& m, std::span<float> out);

// Σ v[i]², accumulated in double (norms feed the DP clipping decision; keep them accurate).
double SquaredNorm(const float* v, std::size_t n);

}  // namespace ersatz::nn
