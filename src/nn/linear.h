// Fully connected layer y = x·Wᵀ + b, W: out × in.
//
// The backward pass is split in three so that DP-SGD can clip each example's gradient without ever
// materialising it: BackwardInput propagates dy to dx; AddPerExampleSquaredNorms adds each
// example's ‖∂W‖² + ‖∂b‖² = ‖x_i‖²·‖dy_i‖² + ‖dy_i‖² (exact for one input row per example); and
// AccumulateGrads adds Σ_i w_i·(dy_iᵀx_i, dy_i), so clipped gradients cost one extra scaling of dy.
// Ordinary training calls BackwardInput and AccumulateGrads with no weights.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

#include "nn/param.h"
#include "nn/tensor.h"

namespace ersatz::nn {

class Linear {
 public:
  Linear() = default;
  Linear(std::size_t in, std::size_t out);

  // PyTorch's default: W and b uniform in ±1/√in.
  void Init(std::uint64_t seed, std::uint64_t stream);

  void Forward(const Matrix& x, Matrix& y) const;
  void BackwardInput(const Matrix& dy, Matrix& dx) const;
  // weights empty: plain sum over the batch; otherwise one weight per row of x.
  void AccumulateGrads(const Matrix& x, const Matrix& dy, std::span<const float> example_weights = {});
  void AddPerExampleSquaredNorms(const Matrix& x, const Matrix& dy, std::span<float> squared_norms) const;
  // The same with each ‖x_i‖² given: ARGN's heads read prefixes of one context, whose norms are
  // formed once per batch rather than once per head.
  void AddPerExampleSquaredNorms(std::span<const double> x_squared_norms, const Matrix& dy,
                                 std::span<float> squared_norms) const;

  void ZeroGrad();
  std::vector<ParamRef> Params();

  std::size_t in() const { return weight_.cols(); }
  std::size_t out() const { return weight_.rows(); }
  Matrix& weight() { return weight_; }
  Matrix& bias() { return bias_; }
  const Matrix& weight() const { return weight_; }
  const Matrix& bias() const { return bias_; }
  const Matrix& weight_grad() const { return weight_grad_; }
  const Matrix& bias_grad() const { return bias_grad_; }

 private:
  Matrix weight_, bias_;            // out × in, 1 × out
  Matrix weight_grad_, bias_grad_;  // same shapes
  Matrix scaled_dy_;                // scratch: w_i·dy_i
};

}  // namespace ersatz::nn
