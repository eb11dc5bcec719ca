// Gradient-boosted trees for the evaluation's learned scores (discriminator, utility), through
// XGBoost's C API. Features are a dense row-major float matrix: numeric values as they are,
// categories as their codes in the shared dictionary, nulls as NaN (XGBoost's "missing").
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "evaluate/columns.h"

namespace ersatz::evaluate {

struct FeatureMatrix {
  std::size_t rows = 0, cols = 0;
  std::vector<float> values;  // row-major, NaN = missing
  float at(std::size_t r, std::size_t c) const { return values[r * cols + c]; }
};

// The rows `rows` of `side`, every evaluated column but `skip` (-1: none) as a feature.
FeatureMatrix BuildFeatures(const EvalData& data, Side side, std::span<const std::size_t> rows,
                            int skip = -1);
// Rows `rows` of `matrix`, in that order.
FeatureMatrix TakeFeatureRows(const FeatureMatrix& matrix, std::span<const std::size_t> rows);

struct BoostingParams {
  std::string objective = "binary:logistic";  // or multi:softprob, reg:squarederror
  int num_class = 0;                          // multi:softprob only
  int rounds = 100;
  int max_depth = 6;
  double learning_rate = 0.1;
  int threads = 0;  // 0: OpenMP's default
  std::uint64_t seed = 42;
};

// Trains on (train, labels) and returns the predictions for `test`: a probability per row
// (binary), rows × num_class probabilities (multi-class) or a value per row (regression).
// Deterministic for the same inputs, parameters and thread count. std::runtime_error carrying
// XGBoost's message on failure (a bug, not a user error).
std::vector<float> TrainAndPredict(const FeatureMatrix& train, std::span<const float> labels,
                                   const FeatureMatrix& test, const BoostingParams& params);

}  // namespace ersatz::evaluate
