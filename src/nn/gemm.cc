#include "nn/gemm.h"

#include <cblas.h>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <vector>

#include "ersatz/error.h"

namespace ersatz::nn {

void EnsureShape(Matrix& m, std::size_t rows, std::size_t cols) {
  if (m.rows() != rows || m.cols() != cols) m.Reshape(rows, cols);
}

namespace {

std::size_t ChunkCount(std::size_t rows) { return (rows + kGemmChunkRows - 1) / kGemmChunkRows; }

// OpenBLAS starts with one thread per core; inside our OpenMP chunks it must use exactly one.
void MakeBlasSingleThreaded() {
  static const bool done = [] {
    openblas_set_num_threads(1);
    return true;
  }();
  (void)done;
}

}  // namespace

void MatMulBatch(const Matrix& a, const Matrix& b, Transpose trans_b, Matrix& c) {
  const bool tb = trans_b == Transpose::kYes;
  const std::size_t k = a.cols(), kb = tb ? b.cols() : b.rows(), n = tb ? b.rows() : b.cols();
  if (k != kb) {
    throw Error(fmt::format("MatMulBatch: inner dimensions differ: a is {}x{}, op(b) is {}x{}", a.rows(), k, kb, n));
  }
  EnsureShape(c, a.rows(), n);
  MakeBlasSingleThreaded();
  if (a.rows() == 0 || n == 0) return;
  if (k == 0) {
    c.SetZero();
    return;
  }
  const long chunks = long(ChunkCount(a.rows()));
#pragma omp parallel for schedule(static) if (chunks > 1)
  for (long chunk = 0; chunk < chunks; ++chunk) {
    const std::size_t r0 = std::size_t(chunk) * kGemmChunkRows, m = std::min(kGemmChunkRows, a.rows() - r0);
    cblas_sgemm(CblasRowMajor, CblasNoTrans, tb ? CblasTrans : CblasNoTrans, int(m), int(n), int(k), 1.0f,
                a.Row(r0), int(a.cols()), b.data(), int(b.cols()), 0.0f, c.Row(r0), int(c.cols()));
  }
}

void AddMatMulOverBatch(const Matrix& a, const Matrix& b, Matrix& c) {
  if (a.rows() != b.rows() || c.rows() != a.cols() || c.cols() != b.cols()) {
    throw Error(fmt::format("AddMatMulOverBatch: aᵀ·b with a {}x{} and b {}x{} does not fit c {}x{}", a.rows(),
                            a.cols(), b.rows(), b.cols(), c.rows(), c.cols()));
  }
  const std::size_t m = a.cols(), n = b.cols(), batch = a.rows();
  if (batch == 0 || m == 0 || n == 0) return;
  MakeBlasSingleThreaded();
  const std::size_t chunks = ChunkCount(batch);
  if (chunks == 1) {  // one chunk needs no partial buffer: accumulate straight into c
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(m), int(n), int(batch), 1.0f, a.data(), int(m),
                b.data(), int(n), 1.0f, c.data(), int(n));
    return;
  }
  // Not value-initialised: every chunk's sgemm (β = 0) writes its whole slice.
  const std::unique_ptr<float[]> partial(new float[chunks * m * n]);
#pragma omp parallel for schedule(static)
  for (long chunk = 0; chunk < long(chunks); ++chunk) {
    const std::size_t r0 = std::size_t(chunk) * kGemmChunkRows, rows = std::min(kGemmChunkRows, batch - r0);
    cblas_sgemm(CblasRowMajor, CblasTrans, CblasNoTrans, int(m), int(n), int(rows), 1.0f, a.Row(r0), int(m),
                b.Row(r0), int(n), 0.0f, partial.get() + std::size_t(chunk) * m * n, int(n));
  }
  // Chunk sums in chunk order; elements split across threads, which does not change any element's sum.
  float* out = c.data();
  const long size = long(m * n);
#pragma omp parallel for schedule(static)
  for (long i = 0; i < size; ++i) {
    float s = out[i];
    for (std::size_t chunk = 0; chunk < chunks; ++chunk) s += partial[chunk * m * n + std::size_t(i)];
    out[i] = s;
  }
}

}  // namespace ersatz::nn
