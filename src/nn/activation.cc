#include "nn/activation.h"

#include <fmt/format.h>

#include <algorithm>

#include "ersatz/error.h"
#include "nn/gemm.h"
#include "nn/parallel.h"

namespace ersatz::nn {

namespace {

void CheckSameShape(const char* what, const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) {
    throw Error(fmt::format("{}: shapes differ: {}x{} and {}x{}", what, a.rows(), a.cols(), b.rows(), b.cols()));
  }
}

}  // namespace

void ReluForward(Matrix& x) {
  float* v = x.data();
  const long n = long(x.size());
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinWork)
  for (long i = 0; i < n; ++i) v[i] = std::max(v[i], 0.0f);
}

void ReluBackward(const Matrix& y, Matrix& dy) {
  CheckSameShape("ReluBackward", y, dy);
  const float* out = y.data();
  float* g = dy.data();
  const long n = long(y.size());
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinWork)
  for (long i = 0; i < n; ++i) g[i] = out[i] > 0.0f ? g[i] : 0.0f;
}

void DropoutForward(Matrix& x, float p, const CounterRng& rng, std::uint32_t first_row, Matrix& mask) {
  if (!(p >= 0.0f && p < 1.0f)) throw Error(fmt::format("Dropout: probability {} is outside [0, 1)", p));
  EnsureShape(mask, x.rows(), x.cols());
  const float keep_scale = 1.0f / (1.0f - p);
  const std::size_t cols = x.cols();
#pragma omp parallel for schedule(static) if (long(x.size()) >= kParallelMinWork)
  for (std::size_t r = 0; r < x.rows(); ++r) {
    float* v = x.Row(r);
    float* m = mask.Row(r);
    for (std::size_t c = 0; c < cols; c += 4) {
      const auto words = rng.Block(first_row + std::uint32_t(r), std::uint32_t(c / 4));
      for (std::size_t k = 0; k < 4 && c + k < cols; ++k) {
        m[c + k] = CounterRng::ToUnit(words[k]) < p ? 0.0f : keep_scale;
        v[c + k] *= m[c + k];
      }
    }
  }
}

void DropoutBackward(const Matrix& mask, Matrix& dy) {
  CheckSameShape("DropoutBackward", mask, dy);
  const float* m = mask.data();
  float* g = dy.data();
  const long n = long(dy.size());
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinWork)
  for (long i = 0; i < n; ++i) g[i] *= m[i];
}

}  // namespace ersatz::nn
