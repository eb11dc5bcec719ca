#include "models/argn/capacity.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/system_memory.h"
#include "ersatz/error.h"

namespace ersatz::argn {

namespace {

constexpr double kSmallestFactor = 1e-4;  // every width at its floor (embedding 1, hidden 8)
constexpr int kSearchSteps = 40;          // bisection steps on log(size factor): ample, bounded

std::string Count(double n) {
  if (n >= 1e9) return fmt::format("{:.1f}G", n / 1e9);
  if (n >= 1e6) return fmt::format("{:.1f}M", n / 1e6);
  if (n >= 1e4) return fmt::format("{:.0f}k", n / 1e3);
  return fmt::format("{:.0f}", n);
}

std::string Bytes(double n) { return fmt::format("{:.1f} GiB", n / (1024.0 * 1024 * 1024)); }

}  // namespace

double PresetSizeFactor(const std::string& size) {
  if (size == "small") return 0.5;
  if (size == "medium") return 1.0;
  if (size == "large") return 2.0;
  throw ParameterError(fmt::format("size: expected auto, small, medium or large, found \"{}\"", size));
}

std::size_t CountParameters(const NetworkShape& shape) {
  std::size_t context = 0;
  for (int e : shape.embed_dim) context += static_cast<std::size_t>(e);
  std::size_t n = 0;
  for (int k = 0; k < shape.num_sub_columns(); ++k) {
    const auto card = static_cast<std::size_t>(shape.cardinality[k]);
    const auto hidden = static_cast<std::size_t>(shape.hidden[k]);
    n += card * static_cast<std::size_t>(shape.embed_dim[k]);  // embedding
    n += context * hidden + hidden;                            // first layer
    n += hidden * card + card;                                 // output layer
  }
  return n;
}

std::size_t TrainingBytes(const NetworkShape& shape, std::size_t batch) {
  std::size_t context = 0;
  for (int e : shape.embed_dim) context += static_cast<std::size_t>(e);
  std::size_t floats = 4 * CountParameters(shape);  // values, gradients, two AdamW moments
  floats += 2 * batch * context;                    // the permuted context and its gradient
  for (int k = 0; k < shape.num_sub_columns(); ++k) {
    const auto card = static_cast<std::size_t>(shape.cardinality[k]);
    const auto hidden = static_cast<std::size_t>(shape.hidden[k]);
    // A head's buffers grow to the widest prefix it meets: the whole context.
    floats += 2 * hidden * context + 2 * batch * context + batch * (3 * hidden + 2 * card);
  }
  return floats * sizeof(float);
}

Capacity ChooseCapacity(const CapacityRequest& r) {
  const auto shape_at = [&](double factor) {
    return NetworkShape::ForCardinalities(r.cardinality, r.column_of, factor);
  };
  const double cells = static_cast<double>(r.training_rows) * static_cast<double>(r.cardinality.size());
  Capacity c;
  c.budget = r.max_parameters > 0
                 ? r.max_parameters
                 : std::max(kMinParameterBudget, static_cast<std::size_t>(kParametersPerCellBudget * cells));
  const std::size_t memory = r.memory_bytes > 0 ? r.memory_bytes : HalfTheAvailableMemory();
  const auto fits = [&](double factor, std::size_t limit) {
    const NetworkShape s = shape_at(factor);
    return CountParameters(s) <= limit && TrainingBytes(s, r.batch) <= memory;
  };
  // The largest factor in [lo, hi] whose network fits `limit` (lo when none does): parameters grow
  // monotonically with the factor, so a bisection on its logarithm finds it.
  const auto largest_fitting = [&](double lo, double hi, std::size_t limit) {
    if (fits(hi, limit)) return hi;
    double a = std::log(lo), b = std::log(hi);
    for (int i = 0; i < kSearchSteps; ++i) {
      const double mid = 0.5 * (a + b);
      (fits(std::exp(mid), limit) ? a : b) = mid;
    }
    return std::exp(a);
  };

  if (r.size == "auto") {
    c.target_parameters = static_cast<std::size_t>(kParametersPerCell * cells);
    c.size_factor = largest_fitting(kMinSizeFactor, kMaxSizeFactor, std::min(c.target_parameters, c.budget));
    // Below the auto floor only when the budget (not the target) demands it.
    if (!fits(c.size_factor, c.budget)) {
      c.size_factor = largest_fitting(kSmallestFactor, kMinSizeFactor, c.budget);
    }
  } else {
    c.size_factor = PresetSizeFactor(r.size);
  }
  c.shape = shape_at(c.size_factor);
  c.parameters = CountParameters(c.shape);
  c.training_bytes = TrainingBytes(c.shape, r.batch);

  const std::string data = fmt::format("{} sub-columns × {} training rows", r.cardinality.size(),
                                       r.training_rows);
  if (c.parameters > c.budget) {
    const std::size_t smallest = CountParameters(shape_at(kSmallestFactor));
    if (r.size != "auto" && smallest <= c.budget) {
      throw ParameterError(fmt::format(
          "--size {}: the network would have {} parameters, more than the {} this data supports "
          "({}); use --size auto (the default), or raise --max-parameters",
          r.size, Count(static_cast<double>(c.parameters)), Count(static_cast<double>(c.budget)), data));
    }
    throw DataError(fmt::format(
        "the data is too wide for its length: even the smallest network has {} parameters, more "
        "than the {} the data supports ({}); drop columns (--drop), add rows, or allow more with "
        "--max-parameters N",
        Count(static_cast<double>(smallest)), Count(static_cast<double>(c.budget)), data));
  }
  if (c.training_bytes > memory) {
    throw DataError(fmt::format(
        "training would need about {} of memory, more than the {} allowed (half the machine's); "
        "{} parameters for {}: drop columns (--drop){}",
        Bytes(static_cast<double>(c.training_bytes)), Bytes(static_cast<double>(memory)),
        Count(static_cast<double>(c.parameters)), data,
        r.size == "auto" ? "" : " or use --size auto (the default)"));
  }
  return c;
}

}  // namespace ersatz::argn
