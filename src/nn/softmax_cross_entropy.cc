#include "nn/softmax_cross_entropy.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ersatz/error.h"
#include "nn/gemm.h"
#include "nn/parallel.h"

namespace ersatz::nn {

void SoftmaxCrossEntropy(const Matrix& logits, std::span<const std::int32_t> targets, float scale,
                         std::span<float> loss, Matrix& dlogits) {
  const std::size_t rows = logits.rows(), cols = logits.cols();
  if (targets.size() != rows || loss.size() != rows) {
    throw Error(fmt::format("SoftmaxCrossEntropy: {} rows, {} targets, {} losses", rows, targets.size(), loss.size()));
  }
  for (std::size_t r = 0; r < rows; ++r) {
    if (targets[r] < 0 || std::size_t(targets[r]) >= cols) {
      throw Error(fmt::format("SoftmaxCrossEntropy: row {} has target {}, expected 0..{}", r, targets[r], cols - 1));
    }
  }
  if (&dlogits != &logits) EnsureShape(dlogits, rows, cols);
#pragma omp parallel for schedule(static) if (long(logits.size()) >= kParallelMinWork)
  for (std::size_t r = 0; r < rows; ++r) {
    const float* z = logits.Row(r);
    float* g = dlogits.Row(r);
    const float max = *std::max_element(z, z + cols);
    const float target_logit = z[targets[r]];  // read before g (maybe z) is overwritten
    double sum = 0.0;
    for (std::size_t c = 0; c < cols; ++c) {
      g[c] = std::exp(z[c] - max);
      sum += g[c];
    }
    const float inv = float(1.0 / sum);
    for (std::size_t c = 0; c < cols; ++c) g[c] *= inv * scale;
    g[targets[r]] -= scale;
    loss[r] = float(std::log(sum) - double(target_logit - max));
  }
}

}  // namespace ersatz::nn
