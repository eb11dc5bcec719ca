#include "nn/activation.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

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
  // Each decision uses 16 random bits, so one Philox block serves 8 entries (Philox was the
  // largest cost of dropout at 32 bits per entry). p is thus applied in steps of 2^-16, and the
  // survivors' scale uses that exact drop probability so the expectation is unchanged.
  const auto threshold = static_cast<std::uint32_t>(std::lround(double(p) * 65536.0));
  const float keep_scale = float(65536.0 / (65536.0 - threshold));
  const std::size_t cols = x.cols();
#pragma omp parallel for schedule(static) if (long(x.size()) >= kParallelMinWork)
  for (std::size_t r = 0; r < x.rows(); ++r) {
    float* v = x.Row(r);
    float* m = mask.Row(r);
    for (std::size_t c = 0; c < cols; c += 8) {
      const auto words = rng.Block(first_row + std::uint32_t(r), std::uint32_t(c / 8));
      for (std::size_t k = 0; k < 8 && c + k < cols; ++k) {
        const std::uint32_t bits = (words[k / 2] >> (16 * (k % 2))) & 0xFFFFu;
        m[c + k] = bits < threshold ? 0.0f : keep_scale;
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
