// ReLU and inverted dropout, in place on the activations.
#pragma once

#include <cstdint>

#include "common/random.h"
#include "nn/tensor.h"

namespace ersatz::nn {

void ReluForward(Matrix& x);
// dy ← dy ⊙ [y > 0], with y the ReLU's output.
void ReluBackward(const Matrix& y, Matrix& dy);

// Inverted dropout: each entry is zeroed with probability p (rounded to a multiple of 2^-16) and the
// survivors scaled by 1/(1−p), so nothing changes at inference. Entry (r, c) is dropped when 16 bits
// of rng's draws for row first_row + r (block c / 8) fall below p: the same (seed, stream, rows)
// drop the same entries on any thread count. mask receives the factor applied to each entry
// (0 or 1/(1−p)) for the backward pass.
void DropoutForward(Matrix& x, float p, const CounterRng& rng, std::uint32_t first_row, Matrix& mask);
void DropoutBackward(const Matrix& mask, Matrix& dy);

}  // namespace ersatz::nn
