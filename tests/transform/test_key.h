// A transform key of 32 equal bytes, for tests that need the same (or another) key every run.
#pragma once

#include <array>
#include <cstdint>

#include "ersatz/transform.h"

namespace ersatz::transform {

inline TransformKey Key(std::uint8_t fill) {
  std::array<std::uint8_t, 32> bytes;
  bytes.fill(fill);
  return TransformKey::FromBytes(bytes);
}

}  // namespace ersatz::transform
