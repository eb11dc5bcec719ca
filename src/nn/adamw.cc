#include "nn/adamw.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ersatz/error.h"
#include "nn/parallel.h"

namespace ersatz::nn {

AdamW::AdamW(std::vector<ParamRef> params, AdamWOptions options) : params_(std::move(params)), options_(options) {
  for (std::size_t i = 0; i < params_.size(); ++i) {
    if (params_[i].value.size() != params_[i].grad.size()) {
      throw Error(fmt::format("AdamW: parameter {} has {} values but {} gradients", i, params_[i].value.size(),
                              params_[i].grad.size()));
    }
    first_moment_.emplace_back(params_[i].value.size(), 0.0f);
    second_moment_.emplace_back(params_[i].value.size(), 0.0f);
  }
}

void AdamW::Step() {
  ++step_;
  const AdamWOptions& o = options_;
  const double correction1 = 1.0 - std::pow(double(o.beta1), double(step_));
  const double correction2 = 1.0 - std::pow(double(o.beta2), double(step_));
  const float step_size = float(o.learning_rate / correction1);
  const float inv_sqrt_correction2 = float(1.0 / std::sqrt(correction2));
  for (std::size_t i = 0; i < params_.size(); ++i) {
    float* p = params_[i].value.data();
    const float* g = params_[i].grad.data();
    float* m = first_moment_[i].data();
    float* v = second_moment_[i].data();
    const float decay = params_[i].decay ? 1.0f - o.learning_rate * o.weight_decay : 1.0f;
    const long n = long(params_[i].value.size());
    // Element-wise, so any split over threads gives the same bits.
#pragma omp parallel for simd schedule(static) if (n >= kParallelMinWork)
    for (long j = 0; j < n; ++j) {
      m[j] = o.beta1 * m[j] + (1.0f - o.beta1) * g[j];
      v[j] = o.beta2 * v[j] + (1.0f - o.beta2) * g[j] * g[j];
      p[j] = p[j] * decay - step_size * m[j] / (std::sqrt(v[j]) * inv_sqrt_correction2 + o.epsilon);
    }
  }
}

void AdamW::ZeroGrad() {
  for (auto& param : params_) std::fill(param.grad.begin(), param.grad.end(), 0.0f);
}

}  // namespace ersatz::nn
