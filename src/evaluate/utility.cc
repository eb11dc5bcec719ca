// Machine-learning utility, "train on synthetic, test on real" (TSTR): the same gradient-boosted
// trees trained once on the synthetic rows and once on the real training rows, both scored on the
// real holdout, which neither the generator nor the real model saw.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <exception>
#include <map>
#include <omp.h>

#include "ersatz/error.h"
#include "evaluate/boosting.h"
#include "evaluate/learned.h"
#include "evaluate/roc.h"
#include "evaluate/sampling.h"

namespace ersatz::evaluate {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxTrainingRows = 100000;  // per model; a seeded sample beyond
constexpr std::uint64_t kRowsStream = 0x07117;

// Rows of `side` whose target is present, at most kMaxTrainingRows of them.
std::vector<std::size_t> RowsWithTarget(const EvalColumn& target, Side side, std::size_t n,
                                        std::uint64_t seed) {
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < n; ++r) {
    const bool present =
        target.numeric ? !std::isnan(target.values[side][r]) : target.codes[side][r] >= 0;
    if (present) rows.push_back(r);
  }
  if (rows.size() <= kMaxTrainingRows) return rows;
  std::vector<std::size_t> picked;
  for (std::size_t i : SampleRows(rows.size(), kMaxTrainingRows, seed, kRowsStream + std::uint64_t(side))) {
    picked.push_back(rows[i]);
  }
  return picked;
}

double RSquared(std::span<const float> predicted, std::span<const double> truth) {
  double mean = 0;
  for (double t : truth) mean += t;
  mean /= double(truth.size());
  double sse = 0, sst = 0;
  for (std::size_t i = 0; i < truth.size(); ++i) {
    sse += (truth[i] - predicted[i]) * (truth[i] - predicted[i]);
    sst += (truth[i] - mean) * (truth[i] - mean);
  }
  return sst > 0 ? 1 - sse / sst : kNaN;
}

// Binary: AUC of the class-1 probability; more classes: one-vs-rest AUC averaged over the
// classes present in the test rows (each needs positives and negatives).
double MacroAuc(std::span<const float> predicted, std::span<const int> truth, int classes,
                std::size_t* scored) {
  const std::size_t n = truth.size();
  double sum = 0;
  std::size_t count = 0;
  for (int c = classes == 2 ? 1 : 0; c < classes; ++c) {
    std::vector<double> scores(n);
    std::vector<std::uint8_t> labels(n);
    for (std::size_t i = 0; i < n; ++i) {
      scores[i] = classes == 2 ? predicted[i] : predicted[i * classes + c];
      labels[i] = truth[i] == c;
    }
    const double auc = RocAuc(scores, labels);
    if (!std::isnan(auc)) sum += auc, ++count;
  }
  *scored = classes == 2 ? 2 : count;
  return count ? sum / double(count) : kNaN;
}

// Runs train(kReal) and train(kSynthetic), on two threads when allowed: single-threaded models
// side by side scale better than threads inside one small model.
template <typename Train>
void TrainBoth(int threads, Train train) {
  std::exception_ptr error;
  const int n = std::min(2, threads > 0 ? threads : omp_get_max_threads());
#pragma omp parallel for schedule(static, 1) num_threads(n)
  for (int s = 0; s < 2; ++s) {
    try {
      train(Side(s));
    } catch (...) {
#pragma omp critical(ersatz_utility_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace

int FindTarget(const EvalData& data, const std::string& target) {
  for (std::size_t c = 0; c < data.columns.size(); ++c) {
    if (data.columns[c].name == target) return int(c);
  }
  for (const ExcludedColumn& e : data.excluded) {
    if (e.name == target) {
      throw ParameterError(fmt::format(
          "evaluate: target column '{}' is left out of the evaluation ({}): choose a numeric or "
          "categorical column", target, e.reason));
    }
  }
  throw ParameterError(
      fmt::format("evaluate: target column '{}' is not a column of the real table", target));
}

void ScoreUtility(const EvalData& data, const EvaluateOptions& options, EvaluateReport* report) {
  auto& u = report->utility;
  const int t = FindTarget(data, options.target);
  const EvalColumn& target = data.columns[t];
  u.target = target.name;
  u.task = target.numeric ? "regression" : "classification";
  u.metric = target.numeric ? "r2" : "roc_auc";
  u.real = u.synthetic = u.ratio = kNaN;
  if (!data.has_holdout) {
    report->notes.push_back("utility not computed: it is scored on a real holdout (--holdout)");
    return;
  }
  std::array<std::vector<std::size_t>, 3> rows;
  for (int s = 0; s < 3; ++s) rows[s] = RowsWithTarget(target, Side(s), data.rows[s], options.seed);
  if (rows[kReal].empty() || rows[kSynthetic].empty() || rows[kHoldout].empty()) {
    report->notes.push_back(fmt::format(
        "utility not computed: target '{}' has no value on the real, synthetic or holdout side",
        target.name));
    return;
  }
  BoostingParams params;
  params.threads = 1;  // the two models train side by side instead (see TrainBoth)
  params.seed = options.seed;
  const FeatureMatrix test = BuildFeatures(data, kHoldout, rows[kHoldout], t);
  u.test_rows = test.rows;

  if (target.numeric) {
    params.objective = "reg:squarederror";
    std::vector<double> truth;
    for (std::size_t r : rows[kHoldout]) truth.push_back(target.values[kHoldout][r]);
    double scores[2];
    TrainBoth(options.threads, [&](Side side) {
      std::vector<float> labels;
      for (std::size_t r : rows[side]) labels.push_back(float(target.values[side][r]));
      scores[side] = RSquared(
          TrainAndPredict(BuildFeatures(data, side, rows[side], t), labels, test, params), truth);
    });
    u.real = scores[kReal];
    u.synthetic = scores[kSynthetic];
  } else {
    // Dense class indices over every class seen on any side.
    std::map<std::int32_t, int> class_of;
    for (int s = 0; s < 3; ++s) {
      for (std::size_t r : rows[s]) class_of.emplace(target.codes[s][r], 0);
    }
    int classes = 0;
    for (auto& [code, index] : class_of) index = classes++;
    if (classes < 2) {
      report->notes.push_back(
          fmt::format("utility not computed: target '{}' has a single class", target.name));
      return;
    }
    if (classes > 2) {
      params.objective = "multi:softprob";
      params.num_class = classes;
    }
    std::vector<int> truth;
    for (std::size_t r : rows[kHoldout]) truth.push_back(class_of[target.codes[kHoldout][r]]);
    double scores[2];
    std::size_t scored[2] = {0, 0};
    TrainBoth(options.threads, [&](Side side) {
      std::vector<float> labels;
      for (std::size_t r : rows[side]) labels.push_back(float(class_of.at(target.codes[side][r])));
      const auto predicted =
          TrainAndPredict(BuildFeatures(data, side, rows[side], t), labels, test, params);
      scores[side] = MacroAuc(predicted, truth, classes, &scored[side]);
    });
    u.classes = scored[kReal];
    u.real = scores[kReal];
    u.synthetic = scores[kSynthetic];
  }
  u.ratio = u.synthetic / u.real;
  u.computed = true;
}

}  // namespace ersatz::evaluate
