// Matrix products over a batch of examples, on OpenBLAS's sgemm, threaded by us and deterministic.
//
// Why OpenBLAS and not Eigen 3.4 (bench/nn_gemm_bench.cc; figures in docs/BENCHMARKS.md, "Neural
// kernels"): a portable build (no -march flags, as Debian builds) gives Eigen SSE2 code only, and
// OpenBLAS, which picks AVX2/FMA kernels at run time, was 2–3× faster on every Linear-layer shape
// of the generator. Eigen compiled with -mavx2 -mfma is about 10% faster than OpenBLAS on the median
// shape (up to 1.7× on 16-wide layers) but then the binary dies on CPUs without AVX2.
//
// Why threaded by us: neither library's own threading is deterministic. Both split the reduction
// dimension differently with 1 and 2 threads, so dW = dYᵀ·X (a sum over the batch) changed in the
// last bits with the thread count (measured for every shape). Here the batch is cut into fixed
// chunks of kGemmChunkRows rows; each chunk is one single-threaded sgemm call of the same shape
// whatever the thread count, and chunk partial sums are added in chunk order.
#pragma once

#include <cstddef>

#include "nn/tensor.h"

namespace ersatz::nn {

inline constexpr std::size_t kGemmChunkRows = 128;

enum class Transpose { kNo, kYes };

// c = a · op(b). Rows of a are examples; c is (re)shaped to a.rows() × op(b).cols().
void MatMulBatch(const Matrix& a, const Matrix& b, Transpose trans_b, Matrix& c);

// c += aᵀ · b, the sum over the batch rows that a and b share. c must be a.cols() × b.cols().
void AddMatMulOverBatch(const Matrix& a, const Matrix& b, Matrix& c);

// Gives m this shape for an output its caller then overwrites whole: contents are unspecified
// (no clearing, see Matrix::Reshape).
void EnsureShape(Matrix& m, std::size_t rows, std::size_t cols);

}  // namespace ersatz::nn
