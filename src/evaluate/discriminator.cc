// The classifier two-sample test (C2ST): if a flexible classifier cannot tell real rows from
// synthetic ones better than chance, their joint distributions agree in what trees can see.
#include <fmt/format.h>

#include <algorithm>
#include <exception>
#include <limits>
#include <omp.h>
#include <numeric>

#include "common/random.h"
#include "evaluate/boosting.h"
#include "evaluate/learned.h"
#include "evaluate/roc.h"
#include "evaluate/sampling.h"

namespace ersatz::evaluate {
namespace {
constexpr std::uint64_t kRealRowsStream = 0xd15c1;
constexpr std::uint64_t kSyntheticRowsStream = 0xd15c2;
constexpr std::uint64_t kFoldStream = 0xd15c3;
}  // namespace

void ScoreDiscriminator(const EvalData& data, const EvaluateOptions& options,
                        EvaluateReport* report) {
  auto& fidelity = report->fidelity;
  fidelity.discriminator_auc = std::numeric_limits<double>::quiet_NaN();
  const int folds = options.discriminator_folds;
  const std::size_t n = std::min({data.rows[kReal], data.rows[kSynthetic],
                                  options.max_discriminator_rows});
  if (n < std::size_t(2 * folds) || data.columns.empty()) {
    report->notes.push_back(fmt::format(
        "discriminator not computed: it needs at least {} rows on each side and a column", 2 * folds));
    return;
  }
  if (n < data.rows[kReal] || n < data.rows[kSynthetic]) {
    report->notes.push_back(fmt::format(
        "the discriminator uses {} real and {} synthetic rows (max_discriminator_rows)", n, n));
  }
  fidelity.discriminator_rows = n;
  const auto real_rows = SampleRows(data.rows[kReal], n, options.seed, kRealRowsStream);
  const auto synthetic_rows = SampleRows(data.rows[kSynthetic], n, options.seed, kSyntheticRowsStream);
  const FeatureMatrix real = BuildFeatures(data, kReal, real_rows);
  const FeatureMatrix synthetic = BuildFeatures(data, kSynthetic, synthetic_rows);
  FeatureMatrix all;
  all.rows = 2 * n;
  all.cols = real.cols;
  all.values = real.values;
  all.values.insert(all.values.end(), synthetic.values.begin(), synthetic.values.end());

  // Stratified folds: each side shuffled, then dealt round-robin, so every fold is half real.
  std::vector<int> fold_of(2 * n);
  for (int side = 0; side < 2; ++side) {
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), side * n);
    Shuffle(std::span(order), options.seed, kFoldStream, std::uint32_t(side));
    for (std::size_t i = 0; i < n; ++i) fold_of[order[i]] = int(i % folds);
  }
  // One single-threaded model per fold, folds in parallel: small histogram loops scale poorly
  // across threads (and spin on a busy machine), whole models do not. Same result for any count.
  BoostingParams params;
  params.threads = 1;
  params.seed = options.seed;
  std::vector<double> fold_auc(folds);
  std::exception_ptr error;
  const int threads = options.threads > 0 ? options.threads : omp_get_max_threads();
#pragma omp parallel for schedule(dynamic, 1) num_threads(std::min(threads, folds))
  for (int fold = 0; fold < folds; ++fold) {
    try {
      std::vector<std::size_t> train_rows, test_rows;
      for (std::size_t r = 0; r < 2 * n; ++r) {
        (fold_of[r] == fold ? test_rows : train_rows).push_back(r);
      }
      std::vector<float> labels;
      for (std::size_t r : train_rows) labels.push_back(r >= n ? 1.0f : 0.0f);
      const auto predictions = TrainAndPredict(TakeFeatureRows(all, train_rows), labels,
                                               TakeFeatureRows(all, test_rows), params);
      std::vector<double> scores(predictions.begin(), predictions.end());
      std::vector<std::uint8_t> truth;
      for (std::size_t r : test_rows) truth.push_back(r >= n ? 1 : 0);
      fold_auc[fold] = RocAuc(scores, truth);
    } catch (...) {
#pragma omp critical(ersatz_discriminator_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
  double auc_sum = 0;
  for (double auc : fold_auc) auc_sum += auc;
  fidelity.discriminator_auc = auc_sum / folds;
}

}  // namespace ersatz::evaluate
