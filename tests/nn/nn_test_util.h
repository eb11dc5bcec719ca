// Helpers shared by the neural-kernel tests: random matrices and central finite differences.
#pragma once

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <vector>

#include "nn/tensor.h"

namespace ersatz::nn::testing {

inline Matrix RandomMatrix(std::size_t rows, std::size_t cols, std::uint32_t seed, float lo = -1.0f, float hi = 1.0f) {
  Matrix m(rows, cols);
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(lo, hi);
  for (float& v : m.Span()) v = u(rng);
  return m;
}

// Σ r ⊙ y accumulated in double: a scalar loss whose gradient with respect to y is exactly r.
inline double Project(const Matrix& y, const Matrix& r) {
  double s = 0.0;
  for (std::size_t i = 0; i < y.size(); ++i) s += double(y.data()[i]) * double(r.data()[i]);
  return s;
}

// Tolerances for central differences of a float32 computation. With step h = 1e-2 the truncation
// error is O(h²·f''') ≈ 1e-4 for the smooth, O(1)-scaled losses used here, and float rounding of a
// loss of size ~10 (≈1e-6) divided by 2h adds ≈ 1e-4; 2e-3 absolute plus 1e-2 relative leaves a
// margin of 10× while still catching any wrong sign, factor or missing term (errors of order 1).
inline constexpr float kFiniteStep = 1e-2f;
inline constexpr double kAbsTolerance = 2e-3;
inline constexpr double kRelTolerance = 1e-2;

// Compares analytic[i] with (loss(value[i] + h) − loss(value[i] − h)) / 2h for every i.
inline void ExpectMatchesFiniteDifferences(std::span<float> values, std::span<const float> analytic,
                                           const std::function<double()>& loss, const char* what,
                                           float step = kFiniteStep) {
  ASSERT_EQ(values.size(), analytic.size()) << what;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const float saved = values[i];
    values[i] = saved + step;
    const double up = loss();
    values[i] = saved - step;
    const double down = loss();
    values[i] = saved;
    const double numeric = (up - down) / (2.0 * double(step));
    EXPECT_NEAR(analytic[i], numeric, kAbsTolerance + kRelTolerance * std::abs(numeric)) << what << "[" << i << "]";
  }
}

inline bool SameBits(const Matrix& a, const Matrix& b) {
  if (a.rows() != b.rows() || a.cols() != b.cols()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::memcmp(&a.data()[i], &b.data()[i], sizeof(float)) != 0) return false;
  }
  return true;
}

}  // namespace ersatz::nn::testing
