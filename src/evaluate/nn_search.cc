#include "evaluate/nn_search.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>

#include <omp.h>

namespace ersatz::evaluate {
namespace {

// Eight floats as one value: GCC/Clang vector extensions compile to AVX2 in the avx2 clone below
// and to pairs of SSE registers otherwise.
typedef float Vec8 __attribute__((vector_size(32)));
typedef int Int8 __attribute__((vector_size(32)));

constexpr int kQueriesPerPass = 4;  // accumulators held in registers at once
constexpr float kInf = std::numeric_limits<float>::infinity();

// No function here takes or returns a Vec8 by value: across the avx2 clone and default code a
// 32-byte vector is passed differently (ymm register vs memory) — out of line at -O0 that crashed,
// and clang refuses to compile it. Vectors cross function boundaries by reference only.

// Two smallest of the 8 lanes' (first, second) pairs.
TwoNearest ReduceLanes(const Vec8& first, const Vec8& second) {
  float values[16];
  std::memcpy(values, &first, sizeof first);
  std::memcpy(values + 8, &second, sizeof second);
  std::partial_sort(values, values + 2, values + 16);
  return {values[0], values[1]};
}

// Queries [q0, q0 + kQueriesPerPass) (rows past the end repeat the last one) against all points.
__attribute__((target_clones("avx2", "default"))) void SearchBlock(
    const PointSet& queries, const PointSet& points, std::size_t q0, TwoNearest* out) {
  const std::size_t dims = points.dims();
  // This pass's query coordinates, dimension-major, so the inner loop reads them contiguously.
  std::vector<float> q(dims * kQueriesPerPass);
  for (int k = 0; k < kQueriesPerPass; ++k) {
    const std::size_t row = std::min(q0 + k, queries.rows() - 1);
    for (std::size_t d = 0; d < dims; ++d) q[d * kQueriesPerPass + k] = queries.at(row, d);
  }
  Vec8 first[kQueriesPerPass], second[kQueriesPerPass];
  for (int k = 0; k < kQueriesPerPass; ++k) first[k] = second[k] = Vec8{} + kInf;
  const Vec8 one = Vec8{} + 1.0f;
  const Int8 lane = {0, 1, 2, 3, 4, 5, 6, 7};
  const std::size_t n = points.rows();
  for (std::size_t j = 0; j < n; j += 8) {
    Vec8 acc[kQueriesPerPass] = {};
    for (std::size_t d = 0; d < dims; ++d) {
      Vec8 p;
      std::memcpy(&p, points.column(d) + j, sizeof p);
      const float* qd = &q[d * kQueriesPerPass];
      for (int k = 0; k < kQueriesPerPass; ++k) {
        Vec8 diff = p - qd[k];
        diff = diff < 0 ? -diff : diff;
        acc[k] += diff < one ? diff : one;
      }
    }
    if (j + 8 > n) {  // padding rows past the end never count
      const Int8 valid = lane < Int8{} + int(n - j);
      for (int k = 0; k < kQueriesPerPass; ++k) acc[k] = valid ? acc[k] : Vec8{} + kInf;
    }
    for (int k = 0; k < kQueriesPerPass; ++k) {
      const Vec8 larger = first[k] < acc[k] ? acc[k] : first[k];
      second[k] = second[k] < larger ? second[k] : larger;
      first[k] = first[k] < acc[k] ? first[k] : acc[k];
    }
  }
  for (int k = 0; k < kQueriesPerPass && q0 + k < queries.rows(); ++k) {
    out[q0 + k] = ReduceLanes(first[k], second[k]);
  }
}

}  // namespace

PointSet::PointSet(std::size_t dims, std::size_t rows)
    : dims_(dims), rows_(rows), stride_((rows + 7) / 8 * 8), data_(dims * stride_, 0.0f) {}

std::vector<TwoNearest> FindTwoNearest(const PointSet& queries, const PointSet& points,
                                       int threads) {
  std::vector<TwoNearest> out(queries.rows(), TwoNearest{kInf, kInf});
  if (points.rows() == 0 || queries.rows() == 0) return out;
  const auto passes = static_cast<long>((queries.rows() + kQueriesPerPass - 1) / kQueriesPerPass);
  const int num_threads = threads > 0 ? threads : omp_get_max_threads();
  std::exception_ptr error;  // the first exception of any thread, rethrown here
#pragma omp parallel for schedule(dynamic, 8) num_threads(num_threads)
  for (long pass = 0; pass < passes; ++pass) {
    try {
      SearchBlock(queries, points, std::size_t(pass) * kQueriesPerPass, out.data());
    } catch (...) {
#pragma omp critical(ersatz_nn_search_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  return out;
}

}  // namespace ersatz::evaluate
