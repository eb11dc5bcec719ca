// The parameters of `ersatz fit` and `ersatz sample`, declared once (flags, config keys, docs).
#pragma once

#include "ersatz/generator.h"
#include "ersatz/params.h"

namespace ersatz {

// `ersatz fit`'s files: what to read, hold out and write.
inline constexpr ParamSpec kFitParams[] = {
    {"output", ParamType::kOutputPath, "", {}, "Model file to write.", {}, 'o', true},
    {"holdout", ParamType::kFloat, "", Range{0, 0.9},
     "Share of rows (of entities with --entity-column) kept out of training entirely, for the "
     "report's honest evaluation. Default: 10% of the rows, at most 2,000; none with --no-report "
     "(unless --holdout-csv asks for them)."},
    {"holdout-csv", ParamType::kOutputPath, "", {}, "Also write the held-out rows to this CSV file."},
    {"drop", ParamType::kStringList, "", {}, "Columns to leave out of the model."},
    {"no-report", ParamType::kFlag, "false", {},
     "Skip the evaluation report (<model>.report.html / .json) written after training."},
    {"report-target", ParamType::kString, "", {},
     "Column whose prediction scores the report's utility (train on synthetic vs on real)."},
};

// How the generator trains (FitOptions): shared by `ersatz fit` and `ersatz audit`.
inline constexpr ParamSpec kTrainParams[] = {
    {"max-epochs", ParamType::kInt, "100", Range{1, 10000},
     "Stop after this many epochs (with --epsilon: the epochs DP-SGD plans for, 60 unless given)."},
    {"max-time", ParamType::kFloat, "0", Range{0, {}},
     "Stop training once this many seconds have passed since learning started (rule discovery and "
     "encoding count), checked after every batch; the best epoch so far is kept (0: no limit)."},
    {"size", ParamType::kString, "auto", {},
     "Network size. auto: widths chosen from the training rows and sub-columns, about one "
     "parameter per two learned cells within [0.25, 2] × medium (docs/capacity.md); or a fixed preset. "
     "With --epsilon, unless given: small below ε = 3, medium from 3.",
     "auto|small|medium|large"},
    {"max-parameters", ParamType::kInt, "0", Range{0, 1e12},
     "Refuse to build a network with more parameters than this (0: the data's budget, 50 per "
     "learned cell and at least 2M; docs/capacity.md)."},
    {"batch-size", ParamType::kInt, "0", Range{0, 65536},
     "Rows per training step (0: 2^floor(log2(rows/64)) within [8, 4096]). With --epsilon, the "
     "EXPECTED rows of a Poisson-sampled step (0: 2^floor(log2(units/8)) within [64, 4096])."},
    {"learning-rate", ParamType::kFloat, "0", Range{0, 1},
     "AdamW learning rate (0: 0.001·sqrt(batch/32))."},
    {"validation", ParamType::kFloat, "0.2", Range{0.01, 0.5},
     "Share of the training rows used for early stopping."},
    {"no-value-protection", ParamType::kFlag, "false", {},
     "Keep rare categories and extreme values (they are replaced by _RARE_ / clipped by default)."},
    {"no-filter-hashes", ParamType::kFlag, "false", {},
     "Store no keyed hashes of the training rows; `sample --privacy-filter` then needs `off`."},
    {"no-discover-rules", ParamType::kFlag, "false", {},
     "Learn every column, instead of computing the ones that are functions of others (a code "
     "and its label, agegr from age, total = a + b; docs/constraints.md). Off with --epsilon."},
    {"epsilon", ParamType::kFloat, "", {},
     "Train with differential privacy at this ε (> 0): DP-SGD, and DP (or metadata-declared) "
     "category sets and ranges. No validation split or early stopping then (docs/privacy.md)."},
    {"delta", ParamType::kFloat, "0", Range{0, 1},
     "δ of the differential-privacy guarantee (0: 1/units^1.2, units = rows or entities)."},
    {"max-grad-norm", ParamType::kFloat, "1", Range{0, {}},
     "With --epsilon: each example's gradient is clipped to this L2 norm C."},
    {"entity-column", ParamType::kString, "", {},
     "With --epsilon: the column naming whose row it is; the unit of privacy becomes the entity "
     "(all its rows), and the column is regenerated, not learned."},
    {"seed", ParamType::kInt, "0", Range{0, 9007199254740991.0}, "Random seed."},
    {"threads", ParamType::kInt, "0", Range{0, 1024}, "Threads to use (0: all cores)."},
};

inline constexpr ParamSpec kSampleParams[] = {
    {"output", ParamType::kOutputPath, "", {}, "CSV file to write.", {}, 'o', true},
    {"rows", ParamType::kInt, "", Range{1, 1e12},
     "Number of rows to generate (required unless --seed-data is given).", {}, 'n'},
    {"seed", ParamType::kInt, "0", Range{0, 9007199254740991.0},
     "Random seed: the same seed gives the same rows, whatever the thread count."},
    {"temperature", ParamType::kStringList, "1", {},
     "Below 1: closer to the most likely values; above 1: more diverse. A number sets every "
     "column; column=number (repeatable) sets one column."},
    {"top-p", ParamType::kFloat, "1", Range{0.01, 1},
     "Sample only among the most likely values that hold this share of probability."},
    {"where", ParamType::kStringList, "", {},
     "Condition every row (repeatable): column=value, column=a,b (categories) or column=lo..hi "
     "(numbers, dates; an open end is allowed). Sampled exactly, not by rejection."},
    {"rebalance", ParamType::kStringList, "", {},
     "column=value:share (repeatable): a categorical column's share of that value; the other "
     "values share the rest in the model's proportions."},
    {"seed-data", ParamType::kInputPath, "", {},
     "CSV of seed rows: for each, --per-seed rows keep its cells (any subset of the columns, "
     "written exactly as given) and sample the other columns conditioned on them."},
    {"per-seed", ParamType::kInt, "1", Range{1, 1e6}, "Rows generated per seed row."},
    {"strict", ParamType::kFlag, "false", {},
     "Fail on a seed value the model never saw (by default: a warning)."},
    {"no-validate", ParamType::kFlag, "false", {},
     "Do not check rows against the validators learned at fit time (ranges, categories, shapes)."},
    {"max-retries", ParamType::kInt, "10", Range{0, 1000},
     "Draw a rejected row again at most this many times; rows still rejected are left out."},
    {"max-invalid-fraction", ParamType::kFloat, "0.5", Range{0, 1},
     "Stop with an error when more than this share of generated rows is rejected."},
    {"privacy-filter", ParamType::kString, "medium", {},
     "Drop rows that copy a training row exactly or nearly (every category equal, every number "
     "in the same cell of 1% (medium) or 5% (high) of its spread, every date in the same week / "
     "4 weeks); high also drops rows the model finds less likely than 99.9% of the training rows. "
     "Dropped rows are replaced by others.",
     "off|medium|high"},
    {"threads", ParamType::kInt, "0", Range{0, 1024}, "Threads to use (0: all cores)."},
};

inline constexpr ParamSpec kImputeParams[] = {
    {"output", ParamType::kOutputPath, "", {}, "CSV file to write.", {}, 'o', true},
    {"seed", ParamType::kInt, "0", Range{0, 9007199254740991.0},
     "Random seed: the same seed gives the same values, whatever the thread count."},
    {"temperature", ParamType::kStringList, "1", {},
     "Below 1: closer to the most likely values; above 1: more diverse. A number sets every "
     "column; column=number (repeatable) sets one column."},
    {"top-p", ParamType::kFloat, "1", Range{0.01, 1},
     "Sample only among the most likely values that hold this share of probability."},
    {"strict", ParamType::kFlag, "false", {},
     "Fail on a present value the model never saw (by default: a warning)."},
    {"threads", ParamType::kInt, "0", Range{0, 1024}, "Threads to use (0: all cores)."},
};

// DP-SGD trains for a fixed number of epochs (no early stopping on private data); this many
// unless --max-epochs says otherwise. With the averaged iterates, on Adult 40 beat 20 at ε = 1
// and 4, and 60 beat 40 at ε = 4 (equal at ε = 1; docs/BENCHMARKS.md).
inline constexpr int kDpDefaultEpochs = 60;
// The network size with --epsilon unless --size says otherwise: fewer parameters mean less noise
// in total, which pays at small ε; at larger ε the noise per step is small enough for the capacity
// to pay. On Adult (60 epochs, all private): ε = 1 small 0.919 / 0.921 vs medium 0.918 / 0.918,
// ε = 2 0.929 vs 0.930, ε = 4 0.940–0.943 vs 0.943 / 0.943 / 0.943 (docs/BENCHMARKS.md).
inline constexpr double kDpMediumFromEpsilon = 3;

FitOptions FitOptionsFromParams(const ParamValues& params);
SampleOptions SampleOptionsFromParams(const ParamValues& params);

}  // namespace ersatz
