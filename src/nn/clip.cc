#include "nn/clip.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ersatz/error.h"

namespace ersatz::nn {

void ClipFactors(std::span<const float> squared_norms, float max_norm, std::span<float> factors) {
  if (factors.size() != squared_norms.size()) {
    throw Error(fmt::format("ClipFactors: {} factors for {} norms", factors.size(), squared_norms.size()));
  }
  if (!(max_norm > 0.0f)) throw Error(fmt::format("ClipFactors: clipping norm {} must be positive", max_norm));
  for (std::size_t i = 0; i < factors.size(); ++i) {
    const double norm = std::sqrt(double(squared_norms[i]));
    factors[i] = float(std::min(1.0, double(max_norm) / (norm + 1e-6)));
  }
}

}  // namespace ersatz::nn
