// DP-SGD's per-example clipping (Abadi et al. 2016): example i's gradient over ALL parameters is
// scaled by min(1, C / (‖g_i‖ + 1e-6)). Layers add their part of ‖g_i‖² into one vector
// (Linear/Embedding::AddPerExampleSquaredNorms); the factors then weight each example in
// AccumulateGrads, so Σ_i factor_i·g_i is formed without any g_i being stored.
#pragma once

#include <span>

namespace ersatz::nn {

void ClipFactors(std::span<const float> squared_norms, float max_norm, std::span<float> factors);

}  // namespace ersatz::nn
