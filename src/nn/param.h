// A trainable tensor as the optimiser sees it: values, their gradient, and whether weight decay
// applies (not to biases, as usual for AdamW).
#pragma once

#include <span>

namespace ersatz::nn {

struct ParamRef {
  std::span<float> value;
  std::span<float> grad;
  bool decay = true;
};

}  // namespace ersatz::nn
