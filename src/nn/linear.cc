#include "nn/linear.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ersatz/error.h"
#include "nn/gemm.h"
#include "nn/parallel.h"
#include "nn/reduce.h"
#include "common/random.h"

namespace ersatz::nn {

Linear::Linear(std::size_t in, std::size_t out)
    : weight_(out, in), bias_(1, out), weight_grad_(out, in), bias_grad_(1, out) {}

void Linear::Init(std::uint64_t seed, std::uint64_t stream) {
  const float bound = 1.0f / std::sqrt(float(std::max<std::size_t>(in(), 1)));
  const CounterRng rng(seed, stream);
  for (std::size_t r = 0; r < out(); ++r) {
    for (std::size_t c = 0; c < in(); ++c) weight_(r, c) = (2.0f * rng.Uniform(std::uint32_t(r), std::uint32_t(c)) - 1.0f) * bound;
    bias_(0, r) = (2.0f * rng.Uniform(std::uint32_t(out() + r), 0) - 1.0f) * bound;
  }
}

void Linear::Forward(const Matrix& x, Matrix& y) const {
  MatMulBatch(x, weight_, Transpose::kYes, y);
  const std::size_t n = y.cols();
  const float* b = bias_.data();
#pragma omp parallel for schedule(static) if (long(y.size()) >= kParallelMinWork)
  for (std::size_t r = 0; r < y.rows(); ++r) {
    float* row = y.Row(r);
    for (std::size_t c = 0; c < n; ++c) row[c] += b[c];
  }
}

void Linear::BackwardInput(const Matrix& dy, Matrix& dx) const {
  MatMulBatch(dy, weight_, Transpose::kNo, dx);
}

void Linear::AccumulateGrads(const Matrix& x, const Matrix& dy, std::span<const float> example_weights) {
  if (x.rows() != dy.rows()) {
    throw Error(fmt::format("Linear: {} input rows but {} gradient rows", x.rows(), dy.rows()));
  }
  const Matrix* g = &dy;
  if (!example_weights.empty()) {
    if (example_weights.size() != dy.rows()) {
      throw Error(fmt::format("Linear: {} example weights for {} rows", example_weights.size(), dy.rows()));
    }
    EnsureShape(scaled_dy_, dy.rows(), dy.cols());
#pragma omp parallel for schedule(static) if (long(dy.size()) >= kParallelMinWork)
    for (std::size_t r = 0; r < dy.rows(); ++r) {
      const float w = example_weights[r];
      const float* src = dy.Row(r);
      float* dst = scaled_dy_.Row(r);
      for (std::size_t c = 0; c < dy.cols(); ++c) dst[c] = w * src[c];
    }
    g = &scaled_dy_;
  }
  AddMatMulOverBatch(*g, x, weight_grad_);
  AddColumnSums(*g, bias_grad_.Span());
}

void Linear::AddPerExampleSquaredNorms(const Matrix& x, const Matrix& dy, std::span<float> squared_norms) const {
  if (x.rows() != dy.rows() || squared_norms.size() != dy.rows()) {
    throw Error(fmt::format("Linear: norms for {} examples from {} input and {} gradient rows",
                            squared_norms.size(), x.rows(), dy.rows()));
  }
  std::vector<double> xx(x.rows());
#pragma omp parallel for schedule(static) if (long(x.size()) >= kParallelMinWork)
  for (std::size_t r = 0; r < x.rows(); ++r) xx[r] = SquaredNorm(x.Row(r), x.cols());
  AddPerExampleSquaredNorms(xx, dy, squared_norms);
}

void Linear::AddPerExampleSquaredNorms(std::span<const double> x_squared_norms, const Matrix& dy,
                                       std::span<float> squared_norms) const {
  if (x_squared_norms.size() != dy.rows() || squared_norms.size() != dy.rows()) {
    throw Error(fmt::format("Linear: norms for {} examples from {} input norms and {} gradient rows",
                            squared_norms.size(), x_squared_norms.size(), dy.rows()));
  }
#pragma omp parallel for schedule(static) if (long(dy.size()) >= kParallelMinWork)
  for (std::size_t r = 0; r < dy.rows(); ++r) {
    const double gg = SquaredNorm(dy.Row(r), dy.cols());
    // ‖x_i dy_iᵀ‖² = ‖x_i‖²‖dy_i‖², plus the bias's ‖dy_i‖²
    squared_norms[r] += float(x_squared_norms[r] * gg + gg);
  }
}

void Linear::ZeroGrad() {
  weight_grad_.SetZero();
  bias_grad_.SetZero();
}

std::vector<ParamRef> Linear::Params() {
  return {{weight_.Span(), weight_grad_.Span(), true}, {bias_.Span(), bias_grad_.Span(), false}};
}

}  // namespace ersatz::nn
