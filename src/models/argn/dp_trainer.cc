#include "models/argn/dp_trainer.h"

#include <fmt/format.h>
#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <exception>
#include <limits>

#include "ersatz/error.h"
#include "nn/adamw.h"
#include "nn/parallel.h"
#include "privacy/accountant.h"
#include "privacy/discrete.h"
#include "privacy/grid_gaussian.h"

namespace ersatz::argn {

namespace {

constexpr std::uint64_t kDpOrderStream = 0x0D4;
constexpr double kAverageWindow = 0.4;  // of the planned steps
// Noise is drawn in blocks of this many coordinates, one block per task: small enough to balance
// the threads, large enough that scheduling costs nothing next to ~0.4 µs per coordinate.
constexpr std::size_t kNoiseBlock = 4096;

using Clock = std::chrono::steady_clock;

// grad ← (grad + N(0, stddev²) per coordinate) · scale, the blocks spread over the threads, each
// thread drawing from its own secure source (OpenSSL keeps one DRBG per thread).
void AddNoiseAndScale(const std::vector<std::span<float>>& blocks,
                      const privacy::GridGaussianNoise& noise, float scale,
                      std::vector<privacy::OpenSslRandomBits>& bits) {
  std::exception_ptr error;
#pragma omp parallel for schedule(dynamic, 1)
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    try {
      noise.Add(blocks[i], bits[static_cast<std::size_t>(omp_get_thread_num())]);
      for (float& g : blocks[i]) g *= scale;
    } catch (...) {
#pragma omp critical(dp_noise_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace

int DpExpectedBatch(int requested, std::size_t units) {
  const double target = std::max(1.0, static_cast<double>(units) / 8.0);
  const int batch = requested > 0 ? requested
                                  : std::clamp(1 << static_cast<int>(std::floor(std::log2(target))), 64, 4096);
  return static_cast<int>(std::min<std::size_t>(static_cast<std::size_t>(batch), units));
}

std::vector<std::uint32_t> PoissonSample(std::size_t units, double q, privacy::RandomBits& bits) {
  std::vector<std::uint32_t> chosen;
  if (q >= 1) {
    chosen.resize(units);
    for (std::size_t u = 0; u < units; ++u) chosen[u] = static_cast<std::uint32_t>(u);
    return chosen;
  }
  // u < q·2^64 with u uniform on 64 bits: probability q up to 2^-64.
  const auto threshold = static_cast<std::uint64_t>(std::ldexp(q, 64));
  chosen.reserve(static_cast<std::size_t>(q * static_cast<double>(units) * 1.2) + 16);
  for (std::size_t u = 0; u < units; ++u) {
    if (bits.NextU64() < threshold) chosen.push_back(static_cast<std::uint32_t>(u));
  }
  return chosen;
}

std::vector<std::uint32_t> SampleStepRows(const PrivacyUnits& units, std::size_t rows, double q,
                                          privacy::RandomBits& bits) {
  std::vector<std::uint32_t> chosen = PoissonSample(units.count(rows), q, bits);
  if (units.rows_of.empty()) return chosen;
  // One row per sampled entity, so an entity changes at most one example of the step: the
  // sensitivity is C whatever its row count (no group-privacy blow-up).
  for (std::uint32_t& e : chosen) {
    const auto& own = units.rows_of[e];
    e = own[static_cast<std::size_t>(privacy::UniformBelow(own.size(), bits))];
  }
  return chosen;
}

TrainReport TrainDp(Network& network, const encode::EncodedTable& data, const TrainOptions& options,
                    const DpSgdOptions& dp, DpSgdReport* dp_report,
                    const std::function<void(const EpochProgress&)>& progress) {
  const auto start = Clock::now();
  const auto limit_start = TimeLimitStart(options, start);
  const std::size_t units = dp.units.count(data.rows);
  if (units < 1) throw DataError("DP training needs at least one record");
  if (!(dp.max_grad_norm > 0)) {
    throw ParameterError(fmt::format("max-grad-norm: expected a value above 0, found {}", dp.max_grad_norm));
  }
  const int expected_batch = DpExpectedBatch(dp.expected_batch, units);
  const double q = static_cast<double>(expected_batch) / static_cast<double>(units);
  const long long steps_per_epoch = std::max<long long>(1, std::llround(1.0 / q));
  const long long planned_steps = steps_per_epoch * options.max_epochs;

  auto params = network.Params();
  std::size_t dimension = 0;
  for (const auto& p : params) dimension += p.grad.size();
  // The grid sampler differs from the rounded continuous Gaussian by a total variation of about
  // 1/(24·2^64) per coordinate (grid_gaussian.h); over every coordinate of every step that is
  // part of δ, so the accountant gets what is left.
  const double grid_delta = static_cast<double>(dimension) * static_cast<double>(planned_steps) / (24 * 0x1p64);
  const double delta = dp.delta - grid_delta;
  if (!(delta > 0)) throw ParameterError(fmt::format("delta: {} is too small for DP-SGD", dp.delta));
  privacy::AccountingOptions accounting;
  accounting.zcdp_rho = dp.statistics_rho;
  const double accounted =
      dp.noise_multiplier > 0
          ? dp.noise_multiplier
          : privacy::CalibrateNoise(q, dp.epsilon, planned_steps, delta, accounting).noise_multiplier;
  // σ for the accountant reaches the target over the planned steps; the grid sampler's rounding
  // costs a little sensitivity, so the σ drawn is raised until its effective multiplier is that σ.
  const double drawn = (1 + 1e-9) / (1 / accounted - std::sqrt(static_cast<double>(dimension)) * 0x1p-32);
  const double effective = privacy::GridGaussianNoise::EffectiveNoiseMultiplier(drawn, dimension);
  const privacy::GridGaussianNoise noise(drawn * dp.max_grad_norm);

  std::vector<std::span<float>> blocks;
  for (auto& p : params) {
    for (std::size_t b = 0; b < p.grad.size(); b += kNoiseBlock) {
      blocks.push_back(p.grad.subspan(b, std::min(kNoiseBlock, p.grad.size() - b)));
    }
  }
  std::vector<privacy::OpenSslRandomBits> thread_bits(static_cast<std::size_t>(std::max(1, nn::NumThreads())));
  privacy::OpenSslRandomBits sample_bits;

  TrainReport report;
  report.train_rows = data.rows;
  report.validation_rows = 0;
  report.batch_size = expected_batch;
  const double lr = options.learning_rate > 0
                        ? options.learning_rate
                        : 0.001 * std::sqrt(static_cast<double>(expected_batch) / 32.0);
  report.learning_rate = lr;
  report.best_validation_loss = std::numeric_limits<double>::quiet_NaN();
  report.stop_reason = "max epochs";

  // Uniform output biases: the training frequencies would be a release without noise.
  std::vector<std::vector<double>> uniform(data.codes.size());
  for (std::size_t k = 0; k < data.codes.size(); ++k) {
    uniform[k].assign(static_cast<std::size_t>(network.shape().cardinality[k]), 1.0);
  }
  network.InitOutputBiases(uniform);
  nn::AdamW optimizer(params, {.learning_rate = static_cast<float>(lr),
                               .weight_decay = static_cast<float>(options.weight_decay)});

  privacy::RdpAccountant accountant(accounting);
  // An exponential moving average of the parameters is what the fit keeps: each step's noise is
  // averaged over the last ~1/(1 − decay) steps instead of landing whole in the last one (De et al.
  // 2022). Post-processing of the iterates DP-SGD releases anyway: it costs no privacy. The window
  // is a fixed share of the planned steps (on Adult 40% beat 20% and 80%, docs/BENCHMARKS.md).
  std::vector<std::vector<float>> average;
  for (const auto& p : params) average.emplace_back(p.value.begin(), p.value.end());
  const double ema_decay =
      std::max(0.0, 1 - 1 / (kAverageWindow * static_cast<double>(planned_steps)));
  const int columns = network.shape().num_columns();
  const float scale = static_cast<float>(1.0 / (q * static_cast<double>(units)));
  std::vector<std::vector<std::int32_t>> buffers;
  BatchCodes spans;
  std::vector<float> norms;
  double flops = 0, step_seconds = 0;
  std::size_t examples = 0, clipped = 0;
  long long step = 0;
  bool out_of_budget = false;

  for (int epoch = 1; epoch <= options.max_epochs && !out_of_budget; ++epoch) {
    const auto epoch_start = Clock::now();
    std::size_t seen = 0;
    for (long long s = 0; s < steps_per_epoch; ++s) {
      if (accountant.SpentAfter(q, effective, 1, delta).epsilon > dp.epsilon) {
        out_of_budget = true;
        report.stop_reason = "privacy budget";
        break;
      }
      const std::vector<std::uint32_t> batch = SampleStepRows(dp.units, data.rows, q, sample_bits);
      const auto t0 = Clock::now();
      network.ZeroGrad();
      if (!batch.empty()) {
        GatherBatch(data, batch, 0, batch.size(), &buffers, &spans);
        const OrderPlan plan = network.PlanOrder(
            TrainingColumnOrder(columns, options.canonical_order_share, options.seed, kDpOrderStream,
                                static_cast<std::uint32_t>(step)));
        network.DpTrainStep(spans, batch.size(), plan, options.dropout, options.seed,
                            static_cast<std::uint64_t>(step), static_cast<float>(dp.max_grad_norm), &norms);
        const double c2 = dp.max_grad_norm * dp.max_grad_norm;
        for (float n2 : norms) clipped += n2 > c2 ? 1 : 0;
        flops += network.FlopsPerTrainingRow(plan) * static_cast<double>(batch.size());
      }
      // An empty batch still gets its noise and its step: the accountant counts every step.
      AddNoiseAndScale(blocks, noise, scale, thread_bits);
      optimizer.Step();
      // Warm-up (1 + t)/(10 + t): the first steps' random start is not averaged in for long.
      const float decay = static_cast<float>(std::min(ema_decay, (1.0 + static_cast<double>(step)) / (10.0 + static_cast<double>(step))));
      for (std::size_t i = 0; i < params.size(); ++i) {
        float* avg = average[i].data();
        const float* value = params[i].value.data();
        for (std::size_t j = 0; j < average[i].size(); ++j) avg[j] = decay * avg[j] + (1 - decay) * value[j];
      }
      accountant.AddSteps(q, effective, 1);
      step_seconds += SecondsSince(t0);
      examples += batch.size();
      seen += batch.size();
      ++step;
      if (s + 1 < steps_per_epoch && PastTimeLimit(options, limit_start)) {
        report.stop_reason = "max time";
        report.partial_epoch = static_cast<double>(s + 1) / static_cast<double>(steps_per_epoch);
        break;
      }
    }
    if (report.partial_epoch > 0) break;  // out of time mid-epoch: not a finished epoch
    report.epochs = epoch;
    const double elapsed = SecondsSince(limit_start);
    const double epoch_seconds = SecondsSince(epoch_start);
    if (progress) {
      EpochProgress p = EpochTiming(options, epoch, lr, seen, elapsed, epoch_seconds);
      p.train_loss = p.validation_loss = std::numeric_limits<double>::quiet_NaN();
      p.epsilon_spent = accountant.Spent(delta).epsilon;
      progress(p);
    }
    if (NextEpochPassesTimeLimit(options, elapsed, epoch_seconds)) {
      report.stop_reason = "max time";
      break;
    }
  }
  if (step > 0) {
    for (std::size_t i = 0; i < params.size(); ++i) std::copy(average[i].begin(), average[i].end(), params[i].value.begin());
  }
  report.best_epoch = report.epochs;  // the last parameters: no selection on private data
  report.seconds = SecondsSince(start);
  report.gflops_per_second = flops / std::max(step_seconds, 1e-9) / 1e9;
  if (dp_report != nullptr) {
    dp_report->sampling_rate = q;
    dp_report->noise_multiplier = drawn;
    dp_report->accounted_multiplier = effective;
    dp_report->planned_steps = planned_steps;
    dp_report->steps = accountant.steps();
    const privacy::PrivacySpent spent = accountant.Spent(delta);
    dp_report->epsilon = spent.epsilon;
    dp_report->order = spent.order;
    dp_report->steps_rdp = spent.order > 0 ? accountant.StepsRdp(spent.order) : 0.0;
    dp_report->delta = dp.delta;
    dp_report->clipped_share = examples > 0 ? static_cast<double>(clipped) / static_cast<double>(examples) : 0.0;
    dp_report->units = units;
  }
  return report;
}

}  // namespace ersatz::argn
