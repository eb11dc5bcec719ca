// Training loop of the ARGN network: shuffled batches with one random column order each,
// AdamW, learning rate halved on a validation plateau, early stopping, best checkpoint kept.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "encode/table_encoder.h"
#include "models/argn/network.h"

namespace ersatz::argn {

struct TrainOptions {
  int max_epochs = 100;
  double max_seconds = 0;             // 0: no limit; checked between batches
  // When the max_seconds clock started; the default (the epoch of the clock) means when training
  // starts. The fit starts it before rule discovery and encoding, so their time counts too.
  std::chrono::steady_clock::time_point started{};
  int batch_size = 0;                 // 0: 2^floor(log2(n/64)) clipped to [8, 4096]
  double learning_rate = 0;           // 0: 0.001·sqrt(batch/32)
  double validation_fraction = 0.2;   // of the training rows, for early stopping
  float dropout = 0.25f;
  int patience = 5;                   // epochs without improvement before stopping
  int plateau_epochs = 2;             // epochs without improvement before halving the rate
  double weight_decay = 0.01;
  // Share of the training steps that walk the columns' own order, the one sampling walks after
  // any conditioned columns; the others draw a random order, so that the network still learns
  // p(column | any other columns) for conditions and seeds.
  double canonical_order_share = 0.5;
  std::uint64_t seed = 0;
};

struct EpochProgress {
  int epoch = 0;
  int max_epochs = 0;
  double train_loss = 0;
  double validation_loss = 0;
  double learning_rate = 0;
  double rows_per_second = 0;
  double elapsed_seconds = 0;
  double eta_seconds = 0;  // until max_epochs or max_seconds, whichever is sooner
  bool improved = false;
  double epsilon_spent = 0;  // DP-SGD: ε spent so far (losses are then not shown: they are private)
};

struct TrainReport {
  int epochs = 0;
  int best_epoch = 0;
  double best_validation_loss = 0;
  double seconds = 0;
  std::size_t train_rows = 0;
  std::size_t validation_rows = 0;
  int batch_size = 0;
  double learning_rate = 0;
  double gflops_per_second = 0;  // achieved on the training steps
  std::string stop_reason;       // "early stopping", "max epochs", "max time", "privacy budget"
  // Stopped by max time inside an epoch: the share of that epoch (after `epochs` complete ones)
  // that ran. Its steps are in the parameters; it was never validated.
  double partial_epoch = 0;
};

// What Train chooses, exposed so that fit can size the network for the same split and batch:
// the rows held out for early stopping (round(fraction · rows)), and the rows per step
// (`requested`, or 2^floor(log2(train_rows/64)) within [8, 4096] when it is 0).
std::size_t ValidationRows(std::size_t rows, double fraction);
int BatchSize(int requested, std::size_t train_rows);

// Shared by both training loops: a random column order from (seed, stream, row), and the rows
// `index[begin, end)` of every sub-column copied into contiguous batch buffers.
std::vector<int> RandomColumnOrder(int columns, std::uint64_t seed, std::uint64_t stream, std::uint32_t row);
// The column order of training step `step`: the columns' own (0, 1, 2, ...) on a share
// `canonical_share` of the steps, drawn from (seed, stream, step), else RandomColumnOrder.
std::vector<int> TrainingColumnOrder(int columns, double canonical_share, std::uint64_t seed,
                                     std::uint64_t stream, std::uint32_t step);
void GatherBatch(const encode::EncodedTable& data, const std::vector<std::uint32_t>& index,
                 std::size_t begin, std::size_t end, std::vector<std::vector<std::int32_t>>* buffers,
                 BatchCodes* spans);

// Seconds since `start` on the steady clock both loops time themselves with.
double SecondsSince(std::chrono::steady_clock::time_point start);
// An epoch's progress as both loops report it, without the losses and ε (each loop's own):
// rows per second, elapsed time, and the ETA to max_epochs or max_seconds, whichever is sooner.
EpochProgress EpochTiming(const TrainOptions& options, int epoch, double learning_rate,
                          std::size_t rows_seen, double elapsed_seconds, double epoch_seconds);
// Whether another epoch as long as the last would pass options.max_seconds.
bool NextEpochPassesTimeLimit(const TrainOptions& options, double elapsed_seconds, double epoch_seconds);
// Where the max_seconds clock starts (options.started, or `training_start` when unset), and whether
// it has run out: checked after every batch, so one long epoch cannot overrun the limit.
std::chrono::steady_clock::time_point TimeLimitStart(const TrainOptions& options,
                                                     std::chrono::steady_clock::time_point training_start);
bool PastTimeLimit(const TrainOptions& options, std::chrono::steady_clock::time_point limit_start);

// Trains `network` on `data` (all of it: the caller has already removed any holdout), leaving the
// best-validation parameters in it; when max time stops it before any epoch ends, the parameters
// of the steps that ran (best_epoch 0, best_validation_loss NaN).
TrainReport Train(Network& network, const encode::EncodedTable& data, const TrainOptions& options,
                  const std::function<void(const EpochProgress&)>& progress);

}  // namespace ersatz::argn
