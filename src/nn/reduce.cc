#include "nn/reduce.h"

#include <fmt/format.h>

#include <vector>

#include "ersatz/error.h"
#include "nn/parallel.h"

namespace ersatz::nn {

void AddColumnSums(const Matrix& m, std::span<float> out) {
  const std::size_t cols = m.cols();
  if (out.size() != cols) throw Error(fmt::format("AddColumnSums: {} outputs for {} columns", out.size(), cols));
  const std::size_t chunks = (m.rows() + kReduceChunkRows - 1) / kReduceChunkRows;
  std::vector<float> partial(chunks * cols, 0.0f);
#pragma omp parallel for schedule(static) if (long(m.size()) >= kParallelMinWork)
  for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
    float* acc = partial.data() + chunk * cols;
    const std::size_t end = std::min(m.rows(), (chunk + 1) * kReduceChunkRows);
    for (std::size_t r = chunk * kReduceChunkRows; r < end; ++r) {
      const float* row = m.Row(r);
      for (std::size_t c = 0; c < cols; ++c) acc[c] += row[c];
    }
  }
  for (std::size_t chunk = 0; chunk < chunks; ++chunk) {
    const float* acc = partial.data() + chunk * cols;
    for (std::size_t c = 0; c < cols; ++c) out[c] += acc[c];
  }
}

double SquaredNorm(const float* v, std::size_t n) {
  double s = 0.0;
  // Vector lanes in a fixed order chosen at compile time: the same result whatever the threads.
#pragma omp simd reduction(+ : s)
  for (std::size_t i = 0; i < n; ++i) s += double(v[i]) * double(v[i]);
  return s;
}

}  // namespace ersatz::nn
