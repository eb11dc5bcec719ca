#include "models/argn/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>

#include "common/random.h"
#include "nn/adamw.h"

namespace ersatz::argn {

namespace {

constexpr std::uint64_t kSplitStream = 0x511;
constexpr std::uint64_t kShuffleStream = 0x5F1;
constexpr std::uint64_t kOrderStream = 0x0D1;
constexpr std::uint64_t kValidationOrderStream = 0x0D2;
constexpr std::uint64_t kCanonicalCoinStream = 0xC0C0'0000;

using Clock = std::chrono::steady_clock;

}  // namespace

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

EpochProgress EpochTiming(const TrainOptions& options, int epoch, double learning_rate,
                          std::size_t rows_seen, double elapsed_seconds, double epoch_seconds) {
  EpochProgress p;
  p.epoch = epoch;
  p.max_epochs = options.max_epochs;
  p.learning_rate = learning_rate;
  p.rows_per_second = static_cast<double>(rows_seen) / std::max(epoch_seconds, 1e-9);
  p.elapsed_seconds = elapsed_seconds;
  p.eta_seconds = epoch_seconds * (options.max_epochs - epoch);
  if (options.max_seconds > 0) p.eta_seconds = std::min(p.eta_seconds, options.max_seconds - elapsed_seconds);
  return p;
}

bool NextEpochPassesTimeLimit(const TrainOptions& options, double elapsed_seconds, double epoch_seconds) {
  return options.max_seconds > 0 && elapsed_seconds + epoch_seconds > options.max_seconds;
}

Clock::time_point TimeLimitStart(const TrainOptions& options, Clock::time_point training_start) {
  return options.started == Clock::time_point{} ? training_start : options.started;
}

bool PastTimeLimit(const TrainOptions& options, Clock::time_point limit_start) {
  return options.max_seconds > 0 && SecondsSince(limit_start) >= options.max_seconds;
}

std::vector<int> RandomColumnOrder(int columns, std::uint64_t seed, std::uint64_t stream, std::uint32_t row) {
  std::vector<int> order(columns);
  std::iota(order.begin(), order.end(), 0);
  Shuffle(std::span(order), seed, stream, row);
  return order;
}

std::vector<int> TrainingColumnOrder(int columns, double canonical_share, std::uint64_t seed,
                                     std::uint64_t stream, std::uint32_t step) {
  // The coin has its own stream: the random orders of the other steps stay what they were.
  if (RandomStream(seed, stream ^ kCanonicalCoinStream, step).NextDouble() < canonical_share) {
    std::vector<int> order(columns);
    std::iota(order.begin(), order.end(), 0);
    return order;
  }
  return RandomColumnOrder(columns, seed, stream, step);
}

// Copies the rows `index[begin, end)` of every sub-column into contiguous batch buffers.
void GatherBatch(const encode::EncodedTable& data, const std::vector<std::uint32_t>& index,
                 std::size_t begin, std::size_t end, std::vector<std::vector<std::int32_t>>* buffers,
                 BatchCodes* spans) {
  const std::size_t rows = end - begin;
  buffers->resize(data.codes.size());
  spans->resize(data.codes.size());
  for (std::size_t k = 0; k < data.codes.size(); ++k) {
    auto& buf = (*buffers)[k];
    buf.resize(rows);
    const auto& src = data.codes[k];
    for (std::size_t r = 0; r < rows; ++r) buf[r] = src[index[begin + r]];
    (*spans)[k] = std::span<const std::int32_t>(buf.data(), rows);
  }
}

std::size_t ValidationRows(std::size_t rows, double fraction) {
  return static_cast<std::size_t>(std::llround(fraction * static_cast<double>(rows)));
}

int BatchSize(int requested, std::size_t train_rows) {
  if (requested > 0) return requested;
  const double target = std::max(1.0, static_cast<double>(train_rows) / 64.0);
  const int pow2 = 1 << static_cast<int>(std::floor(std::log2(target)));
  return std::clamp(pow2, 8, 4096);
}

TrainReport Train(Network& network, const encode::EncodedTable& data, const TrainOptions& options,
                  const std::function<void(const EpochProgress&)>& progress) {
  const auto start = Clock::now();
  const auto limit_start = TimeLimitStart(options, start);
  TrainReport report;
  const int columns = network.shape().num_columns();

  // Split into training and validation rows.
  std::vector<std::uint32_t> rows(data.rows);
  std::iota(rows.begin(), rows.end(), 0u);
  Shuffle(std::span(rows), options.seed, kSplitStream, 0);
  const std::size_t validation_rows = ValidationRows(data.rows, options.validation_fraction);
  std::vector<std::uint32_t> validation(rows.end() - static_cast<long>(validation_rows), rows.end());
  std::vector<std::uint32_t> train(rows.begin(), rows.end() - static_cast<long>(validation_rows));
  report.train_rows = train.size();
  report.validation_rows = validation.size();

  const int batch = BatchSize(options.batch_size, train.size());
  const double lr0 = options.learning_rate > 0 ? options.learning_rate
                                               : 0.001 * std::sqrt(static_cast<double>(batch) / 32.0);
  report.batch_size = batch;
  report.learning_rate = lr0;

  // Start from the marginals: output biases at the log frequencies of the training rows.
  std::vector<std::vector<double>> frequencies(data.codes.size());
  for (std::size_t k = 0; k < data.codes.size(); ++k) {
    frequencies[k].assign(static_cast<std::size_t>(network.shape().cardinality[k]), 0.0);
    for (std::uint32_t r : train) frequencies[k][static_cast<std::size_t>(data.codes[k][r])] += 1;
  }
  network.InitOutputBiases(frequencies);

  nn::AdamW optimizer(network.Params(),
                      {.learning_rate = static_cast<float>(lr0),
                       .weight_decay = static_cast<float>(options.weight_decay)});
  double lr = lr0;
  std::vector<std::vector<float>> best;
  auto keep_best = [&] {
    auto params = network.Params();
    best.resize(params.size());
    for (std::size_t i = 0; i < params.size(); ++i) best[i].assign(params[i].value.begin(), params[i].value.end());
  };
  double best_loss = INFINITY;
  int since_best = 0, since_lr_change = 0;
  std::vector<std::vector<std::int32_t>> buffers;
  BatchCodes spans;
  double flops = 0, step_seconds = 0;
  std::uint64_t step = 0;
  report.stop_reason = "max epochs";

  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    const auto epoch_start = Clock::now();
    Shuffle(std::span(train), options.seed, kShuffleStream, static_cast<std::uint32_t>(epoch));
    double train_loss = 0;
    std::size_t seen = 0;
    bool out_of_time = false;
    for (std::size_t begin = 0; begin < train.size(); begin += static_cast<std::size_t>(batch)) {
      const std::size_t end = std::min(train.size(), begin + static_cast<std::size_t>(batch));
      GatherBatch(data, train, begin, end, &buffers, &spans);
      const OrderPlan plan = network.PlanOrder(TrainingColumnOrder(
          columns, options.canonical_order_share, options.seed, kOrderStream, static_cast<std::uint32_t>(step)));
      const auto t0 = Clock::now();
      network.ZeroGrad();
      train_loss += network.TrainStep(spans, end - begin, plan, options.dropout, options.seed, step) *
                    static_cast<double>(end - begin);
      optimizer.Step();
      step_seconds += SecondsSince(t0);
      flops += network.FlopsPerTrainingRow(plan) * static_cast<double>(end - begin);
      seen += end - begin;
      ++step;
      if (end < train.size() && PastTimeLimit(options, limit_start)) {
        out_of_time = true;
        break;
      }
    }
    if (out_of_time) {
      report.stop_reason = "max time";
      report.partial_epoch = static_cast<double>(seen) / static_cast<double>(train.size());
      break;
    }
    train_loss /= static_cast<double>(std::max<std::size_t>(seen, 1));

    // Validation with the same orders every epoch, so losses compare across epochs.
    double validation_loss = 0;
    const std::size_t eval_batch = 4096;
    for (std::size_t begin = 0; begin < validation.size(); begin += eval_batch) {
      const std::size_t end = std::min(validation.size(), begin + eval_batch);
      GatherBatch(data, validation, begin, end, &buffers, &spans);
      const OrderPlan plan = network.PlanOrder(
          RandomColumnOrder(columns, options.seed, kValidationOrderStream, static_cast<std::uint32_t>(begin)));
      validation_loss += network.Loss(spans, end - begin, plan) * static_cast<double>(end - begin);
    }
    validation_loss = validation.empty() ? train_loss
                                         : validation_loss / static_cast<double>(validation.size());

    const bool improved = validation_loss < best_loss - 1e-6;
    if (improved) {
      best_loss = validation_loss;
      report.best_epoch = epoch;
      keep_best();
      since_best = 0;
      since_lr_change = 0;
    } else {
      ++since_best;
      if (++since_lr_change >= options.plateau_epochs && lr > 0.1 * lr0 * 1.0001) {
        lr = std::max(0.1 * lr0, lr * 0.5);
        optimizer.set_learning_rate(static_cast<float>(lr));
        since_lr_change = 0;
      }
    }
    report.epochs = epoch;
    const double elapsed = SecondsSince(limit_start);
    const double epoch_seconds = SecondsSince(epoch_start);
    if (progress) {
      EpochProgress p = EpochTiming(options, epoch, lr, seen, elapsed, epoch_seconds);
      p.train_loss = train_loss;
      p.validation_loss = validation_loss;
      p.improved = improved;
      progress(p);
    }
    if (since_best >= options.patience) {
      report.stop_reason = "early stopping";
      break;
    }
    if (NextEpochPassesTimeLimit(options, elapsed, epoch_seconds)) {
      report.stop_reason = "max time";
      break;
    }
  }
  // Restore the best checkpoint.
  if (!best.empty()) {
    auto params = network.Params();
    for (std::size_t i = 0; i < params.size(); ++i) std::copy(best[i].begin(), best[i].end(), params[i].value.begin());
  }
  report.best_validation_loss = best.empty() ? std::nan("") : best_loss;
  report.seconds = SecondsSince(start);
  report.gflops_per_second = flops / std::max(step_seconds, 1e-9) / 1e9;
  return report;
}

}  // namespace ersatz::argn
