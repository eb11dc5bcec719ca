// How big the network is: chosen from the data by a documented rule (docs/capacity.md), and held
// to a budget so that a wide, short table cannot build a model the machine cannot train.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "models/argn/network.h"

namespace ersatz::argn {

struct CapacityRequest {
  std::vector<int> cardinality;     // per sub-column
  std::vector<int> column_of;       // per sub-column: its learned column
  std::size_t training_rows = 0;    // rows the network learns from (validation excluded)
  std::size_t batch = 0;            // rows per training step
  std::string size = "auto";        // auto | small | medium | large
  std::size_t max_parameters = 0;   // 0: the data's budget (kParametersPerCellBudget)
  std::size_t memory_bytes = 0;     // 0: half the available memory (common/system_memory.h)
};

struct Capacity {
  NetworkShape shape;
  double size_factor = 1;             // widths relative to the medium preset
  std::size_t parameters = 0;
  std::size_t target_parameters = 0;  // auto: what the rule aimed at; presets: 0
  std::size_t budget = 0;             // parameters allowed
  std::size_t training_bytes = 0;     // estimated memory of training (parameters, optimiser, scratch)
};

// The rule's constants (docs/capacity.md says where they come from).
inline constexpr double kParametersPerCell = 0.5;        // auto aims at this many per learned cell
inline constexpr double kMinSizeFactor = 0.25;           // auto never goes below…
inline constexpr double kMaxSizeFactor = 2.0;            // …or above these widths (large = 2)
inline constexpr double kParametersPerCellBudget = 50;   // the budget: parameters per learned cell…
inline constexpr std::size_t kMinParameterBudget = 2'000'000;  // …but never below this

double PresetSizeFactor(const std::string& size);
std::size_t CountParameters(const NetworkShape& shape);
// Bytes a training step holds: parameters with their gradients and AdamW moments, and each head's
// scratch (its first layer's prefix columns, the batch's prefix and their gradients).
std::size_t TrainingBytes(const NetworkShape& shape, std::size_t batch);

// The shape for `request`. Throws DataError, with the numbers and the flag that overrides, when
// even the smallest network would pass the parameter budget or the memory; ParameterError when
// a preset --size does and auto would not.
Capacity ChooseCapacity(const CapacityRequest& request);

}  // namespace ersatz::argn
