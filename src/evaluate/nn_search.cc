#include "evaluate/nn_search.h"

#include <algorithm>
#include <cstring>
#include <exception>
#include <limits>

#include <omp.h>

// The 32-byte vector helpers are always inlined (also at -O0, as in the sanitizer build): called
// out of line from the avx2 clone they would pass vectors in AVX registers to code compiled for
// SSE, a mismatched ABI that crashed. Inlined, the AVX-vs-SSE ABI note does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace ersatz::evaluate {
namespace {

// Eight floats as one value: GCC/Clang vector extensions compile to AVX2 in the avx2 clone below
// and to pairs of SSE registers otherwise.
typedef float Vec8 __attribute__((vector_size(32)));
typedef int Int8 __attribute__((vector_size(32)));

constexpr int kQueriesPerPass = 4;  // accumulators held in registers at once
constexpr float kInf = std::numeric_limits<float>::infinity();

// Helpers taking or returning Vec8 are always inlined: called out of line from the avx2 clone
// (as happens at -O0, e.g. the ASan build) the two sides disagree on how a 32-byte vector is
// passed (ymm register vs memory) and the program crashes.
#define ERSATZ_VEC_INLINE [[gnu::always_inline]] inline

ERSATZ_VEC_INLINE Vec8 Load8(const float* p) {
  Vec8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
ERSATZ_VEC_INLINE Vec8 Min(Vec8 a, Vec8 b) { return a < b ? a : b; }
ERSATZ_VEC_INLINE Vec8 Max(Vec8 a, Vec8 b) { return a < b ? b : a; }

// Two smallest of the 8 lanes' (first, second) pairs.
ERSATZ_VEC_INLINE TwoNearest ReduceLanes(Vec8 first, Vec8 second) {
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
      const Vec8 p = Load8(points.column(d) + j);
      const float* qd = &q[d * kQueriesPerPass];
      for (int k = 0; k < kQueriesPerPass; ++k) {
        Vec8 diff = p - qd[k];
        diff = diff < 0 ? -diff : diff;
        acc[k] += Min(diff, one);
      }
    }
    if (j + 8 > n) {  // padding rows past the end never count
      const Int8 valid = lane < Int8{} + int(n - j);
      for (int k = 0; k < kQueriesPerPass; ++k) acc[k] = valid ? acc[k] : Vec8{} + kInf;
    }
    for (int k = 0; k < kQueriesPerPass; ++k) {
      second[k] = Min(second[k], Max(first[k], acc[k]));
      first[k] = Min(first[k], acc[k]);
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
