// AdamW (Loshchilov & Hutter, "Decoupled weight decay regularization"), with the step order of
// PyTorch's torch.optim.AdamW so a model tuned there behaves the same here:
//   p ← p·(1 − lr·λ)                                  (only for parameters with decay)
//   m ← β1·m + (1−β1)·g,  v ← β2·v + (1−β2)·g²
//   p ← p − lr · (m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
#pragma once

#include <cstdint>
#include <vector>

#include "nn/param.h"

namespace ersatz::nn {

struct AdamWOptions {
  float learning_rate = 1e-3f;
  float beta1 = 0.9f;
  float beta2 = 0.999f;
  float epsilon = 1e-8f;
  float weight_decay = 0.01f;
};

class AdamW {
 public:
  AdamW(std::vector<ParamRef> params, AdamWOptions options);

  // One update from the gradients currently in the parameters' grad spans.
  void Step();
  void ZeroGrad();

  void set_learning_rate(float lr) { options_.learning_rate = lr; }
  const AdamWOptions& options() const { return options_; }
  std::int64_t step_count() const { return step_; }

 private:
  std::vector<ParamRef> params_;
  std::vector<std::vector<float>> first_moment_, second_moment_;
  AdamWOptions options_;
  std::int64_t step_ = 0;
};

}  // namespace ersatz::nn
