#include "evaluate/boosting.h"

#include <xgboost/c_api.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <memory>
#include <omp.h>
#include <stdexcept>

#include <fmt/format.h>

namespace ersatz::evaluate {
namespace {

void Check(int status, const char* what) {
  if (status != 0) {
    throw std::runtime_error(fmt::format("XGBoost {}: {}", what, XGBGetLastError()));
  }
}

struct DMatrixDeleter {
  void operator()(void* handle) const { XGDMatrixFree(handle); }
};
struct BoosterDeleter {
  void operator()(void* handle) const { XGBoosterFree(handle); }
};
using DMatrix = std::unique_ptr<void, DMatrixDeleter>;
using Booster = std::unique_ptr<void, BoosterDeleter>;

DMatrix MakeDMatrix(const FeatureMatrix& m, int threads) {
  DMatrixHandle handle = nullptr;
  Check(XGDMatrixCreateFromMat_omp(m.values.data(), m.rows, m.cols,
                                   std::numeric_limits<float>::quiet_NaN(), &handle, threads),
        "DMatrix");
  return DMatrix(handle);
}

void SetParam(BoosterHandle booster, const char* name, const std::string& value) {
  Check(XGBoosterSetParam(booster, name, value.c_str()), name);
}

}  // namespace

FeatureMatrix BuildFeatures(const EvalData& data, Side side, std::span<const std::size_t> rows,
                            int skip) {
  FeatureMatrix m;
  m.rows = rows.size();
  m.cols = data.columns.size() - (skip >= 0 ? 1 : 0);
  m.values.resize(m.rows * m.cols);
  std::size_t f = 0;
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    if (int(c) == skip) continue;
    const EvalColumn& column = data.columns[c];
    for (std::size_t i = 0; i < rows.size(); ++i) {
      float v;
      if (column.numeric) {
        v = float(column.values[side][rows[i]]);  // NaN stays NaN
      } else {
        const auto code = column.codes[side][rows[i]];
        v = code < 0 ? std::numeric_limits<float>::quiet_NaN() : float(code);
      }
      m.values[i * m.cols + f] = v;
    }
    ++f;
  }
  return m;
}

FeatureMatrix TakeFeatureRows(const FeatureMatrix& matrix, std::span<const std::size_t> rows) {
  FeatureMatrix m;
  m.rows = rows.size();
  m.cols = matrix.cols;
  m.values.resize(m.rows * m.cols);
  for (std::size_t i = 0; i < rows.size(); ++i) {
    std::copy_n(matrix.values.begin() + long(rows[i] * m.cols), m.cols,
                m.values.begin() + long(i * m.cols));
  }
  return m;
}

std::vector<float> TrainAndPredict(const FeatureMatrix& train, std::span<const float> labels,
                                   const FeatureMatrix& test, const BoostingParams& params) {
  const int threads = params.threads > 0 ? params.threads : omp_get_max_threads();
  DMatrix dtrain = MakeDMatrix(train, threads);
  Check(XGDMatrixSetFloatInfo(dtrain.get(), "label", labels.data(), labels.size()), "labels");
  DMatrixHandle handles[] = {dtrain.get()};
  BoosterHandle raw = nullptr;
  Check(XGBoosterCreate(handles, 1, &raw), "booster");
  Booster booster(raw);
  SetParam(raw, "verbosity", "0");
  SetParam(raw, "objective", params.objective);
  if (params.num_class > 0) SetParam(raw, "num_class", std::to_string(params.num_class));
  // Histogram trees: fast, and deterministic for a fixed thread count.
  SetParam(raw, "tree_method", "hist");
  SetParam(raw, "max_depth", std::to_string(params.max_depth));
  SetParam(raw, "eta", fmt::format("{}", params.learning_rate));
  SetParam(raw, "nthread", std::to_string(threads));
  SetParam(raw, "seed", std::to_string(params.seed % 2147483647));
  for (int i = 0; i < params.rounds; ++i) {
    Check(XGBoosterUpdateOneIter(raw, i, dtrain.get()), "training");
  }
  DMatrix dtest = MakeDMatrix(test, threads);
  bst_ulong length = 0;
  const float* out = nullptr;
  Check(XGBoosterPredict(raw, dtest.get(), 0, 0, 0, &length, &out), "prediction");
  return std::vector<float>(out, out + length);
}

}  // namespace ersatz::evaluate
