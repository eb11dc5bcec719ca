// DP-SGD training of the ARGN network (Abadi et al. 2016; ../shared/REFERENCE.md §4):
// Poisson-sampled batches (each unit of privacy joins a step independently with probability q),
// each example's gradient over all parameters clipped to norm C, Gaussian noise σ·C per coordinate
// from the secure grid sampler, the sum divided by the EXPECTED batch size, then AdamW.
// σ is calibrated so that the planned steps reach the target ε; the accountant checks every step
// and training stops before the budget would be exceeded.
//
// Nothing is chosen by looking at private data without accounting for it: no validation split,
// no early stopping, no best checkpoint, no learning-rate schedule on a loss, and output biases
// start uniform rather than at the training frequencies. The parameters kept are an exponential
// moving average of the iterates (post-processing: free). The batches' randomness (which rows and,
// per entity, which of its rows) comes from the secure source too: the accountant assumes the
// sample is secret, and a seed is not.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "encode/table_encoder.h"
#include "models/argn/network.h"
#include "models/argn/trainer.h"
#include "privacy/random_bits.h"

namespace ersatz::argn {

// The units of privacy: each row, or each entity with many rows.
struct PrivacyUnits {
  // Empty: every row is its own unit. Otherwise rows_of[e] lists entity e's rows.
  std::vector<std::vector<std::uint32_t>> rows_of;
  std::size_t count(std::size_t rows) const { return rows_of.empty() ? rows : rows_of.size(); }
};

struct DpSgdOptions {
  double epsilon = 0;  // the ε of DP-SGD and statistics_rho together
  double delta = 0;    // for converting their RDP to (ε, δ) (the thresholds' δ already taken off)
  // ρ-zCDP already spent on the encoders' statistics: RDP ρα on the accountant's curve, so σ is
  // calibrated for the composition and the total is converted once.
  double statistics_rho = 0;
  double max_grad_norm = 1;  // C
  int expected_batch = 0;    // q·units; 0: DpExpectedBatch's default
  // σ for the accountant; 0: calibrated so the planned epochs spend the budget. A larger fixed
  // σ trains until the budget runs out (or the epochs do).
  double noise_multiplier = 0;
  PrivacyUnits units;
};

struct DpSgdReport {
  double sampling_rate = 0;         // q
  double noise_multiplier = 0;      // σ drawn (noise stddev / C)
  double accounted_multiplier = 0;  // σ the accountant used (the grid's effective multiplier)
  long long planned_steps = 0, steps = 0;
  double epsilon = 0, delta = 0;    // spent by the steps run and statistics_rho, converted once
  double order = 0;                 // the RDP order α at which ε was reached
  double steps_rdp = 0;             // the steps' own RDP at that order
  double clipped_share = 0;         // share of examples whose gradient norm exceeded C
  std::size_t units = 0;
};

// The expected rows of a step: `requested`, or 2^floor(log2(units/8)) within [64, 4096] when it
// is 0, and never more than `units`. DP-SGD wants large batches (noise is added once per step
// whatever the batch, so its share shrinks as the batch grows, and fewer steps mean less noise to
// draw). On Adult, 2048 (q ≈ 0.08) beat 1024 and 4096 (docs/BENCHMARKS.md).
int DpExpectedBatch(int requested, std::size_t units);

// Poisson sampling: each of `units` units independently with probability q, in increasing order.
std::vector<std::uint32_t> PoissonSample(std::size_t units, double q, privacy::RandomBits& bits);
// The rows of one step: the sampled units' rows, one uniformly chosen row per sampled entity.
std::vector<std::uint32_t> SampleStepRows(const PrivacyUnits& units, std::size_t rows, double q,
                                          privacy::RandomBits& bits);

// Trains for options.max_epochs passes (in expectation) over the units, or until the budget or
// max_seconds stops it. `report.dp` gets the accounting.
TrainReport TrainDp(Network& network, const encode::EncodedTable& data, const TrainOptions& options,
                    const DpSgdOptions& dp, DpSgdReport* dp_report,
                    const std::function<void(const EpochProgress&)>& progress);

}  // namespace ersatz::argn
