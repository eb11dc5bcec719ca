// --max-time inside an epoch (issue 13): both training loops check the limit after every batch,
// so one long epoch cannot overrun it. No wall-clock assertions: a limit already spent before
// training stops it after exactly one batch; a tiny limit stops it before the first epoch ends.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

#include "models/argn/dp_trainer.h"
#include "models/argn/small_network.h"
#include "models/argn/trainer.h"
#include "privacy/accountant.h"

namespace ersatz::argn {
namespace {

TEST(MaxTime, ATinyLimitStopsInsideTheFirstEpoch) {
  const auto data = TinyData(40000);
  Network net(TinyShape(), 1);
  TrainOptions options;
  options.max_epochs = 100;
  options.batch_size = 8;  // 4,000 batches in an epoch: far longer than the limit
  options.max_seconds = 0.001;
  const TrainReport report = Train(net, data, options, {});
  EXPECT_EQ(report.stop_reason, "max time");
  EXPECT_EQ(report.epochs, 0);
  EXPECT_EQ(report.best_epoch, 0);
  EXPECT_TRUE(std::isnan(report.best_validation_loss));
  EXPECT_GT(report.partial_epoch, 0);
  EXPECT_LT(report.partial_epoch, 1);
}

TEST(MaxTime, TimeSpentBeforeTrainingCountsAndStopsAfterOneBatch) {
  const auto data = TinyData(4000);
  Network net(TinyShape(), 1);
  TrainOptions options;
  options.batch_size = 100;
  options.validation_fraction = 0.2;  // 3,200 training rows: 32 batches
  options.max_seconds = 5;
  options.started = std::chrono::steady_clock::now() - std::chrono::seconds(10);  // discovery, encoding
  const TrainReport report = Train(net, data, options, {});
  EXPECT_EQ(report.stop_reason, "max time");
  EXPECT_EQ(report.epochs, 0);
  EXPECT_DOUBLE_EQ(report.partial_epoch, 100.0 / 3200.0);
}

TEST(MaxTime, DpTrainingStopsAfterOneStepAndAccountsForIt) {
  const auto data = TinyData(3000);
  Network net(TinyShape(), 2);
  TrainOptions options;
  options.max_epochs = 5;
  options.max_seconds = 5;
  options.started = std::chrono::steady_clock::now() - std::chrono::seconds(10);
  DpSgdOptions dp;
  dp.epsilon = 1;
  dp.delta = 1e-4;
  dp.expected_batch = 100;  // q = 1/30: 30 steps an epoch
  DpSgdReport sgd;
  const TrainReport report = TrainDp(net, data, options, dp, &sgd, {});
  EXPECT_EQ(report.stop_reason, "max time");
  EXPECT_EQ(report.epochs, 0);
  EXPECT_EQ(sgd.steps, 1);
  EXPECT_DOUBLE_EQ(report.partial_epoch, 1.0 / 30.0);
  EXPECT_NEAR(sgd.epsilon, privacy::ComputeEpsilon(sgd.sampling_rate, sgd.accounted_multiplier, 1, dp.delta).epsilon,
              1e-9);
}

}  // namespace
}  // namespace ersatz::argn
