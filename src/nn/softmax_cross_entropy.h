// Softmax cross-entropy from logits, the loss of every sub-column head.
#pragma once

#include <cstdint>
#include <span>

#include "nn/tensor.h"

namespace ersatz::nn {

// For each row i: loss[i] = −log softmax(logits_i)[targets[i]] and
// dlogits_i = scale·(softmax(logits_i) − onehot(targets[i])), computed after subtracting the row's
// maximum so that no exp overflows. Per-example losses (not their mean) because DP-SGD and the
// validation loss both need them; `scale` is typically 1/batch. dlogits may be logits itself.
// Throws ersatz::Error for a target outside [0, cols).
void SoftmaxCrossEntropy(const Matrix& logits, std::span<const std::int32_t> targets, float scale,
                         std::span<float> loss, Matrix& dlogits);

}  // namespace ersatz::nn
