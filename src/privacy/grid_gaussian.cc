#include "privacy/grid_gaussian.h"

#include <fmt/format.h>

#include <cmath>

#include "ersatz/error.h"
#include "privacy/discrete.h"

namespace ersatz::privacy {

GridGaussianNoise::GridGaussianNoise(double stddev, int grid_bits) : grid_bits_(grid_bits) {
  if (!(stddev > 0) || std::isinf(stddev)) {
    throw ParameterError(fmt::format("noise standard deviation must be a finite number > 0, got {}", stddev));
  }
  if (grid_bits < 1 || grid_bits > 40) {
    throw ParameterError(fmt::format("grid bits must be in [1, 40], got {}", grid_bits));
  }
  step_ = std::ldexp(stddev, -grid_bits);  // exact: a power-of-two scaling
}

void GridGaussianNoise::Add(std::span<float> values, RandomBits& bits) const {
  for (float& value : values) {
    const double units = std::nearbyint(static_cast<double>(value) / step_);
    if (!(std::fabs(units) < 0x1p62)) {
      throw ParameterError(fmt::format("value {} is too large for a noise grid step of {}", value, step_));
    }
    const auto z = static_cast<std::int64_t>(units) + DiscreteGaussianPowerOfTwo(grid_bits_, bits);
    value = static_cast<float>(static_cast<double>(z) * step_);
  }
}

double GridGaussianNoise::EffectiveNoiseMultiplier(double noise_multiplier, std::size_t dimension,
                                                   int grid_bits) {
  return 1 / (1 / noise_multiplier + std::sqrt(static_cast<double>(dimension)) * std::ldexp(1.0, -grid_bits));
}

}  // namespace ersatz::privacy
