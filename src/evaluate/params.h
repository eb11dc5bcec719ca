// The parameters of the evaluation, declared once: the `report` verb's flags, config keys and
// docs are derived from this table.
#pragma once

#include "ersatz/evaluate.h"
#include "ersatz/params.h"

namespace ersatz {

inline constexpr ParamSpec kEvaluateParams[] = {
    {"seed", ParamType::kInt, "42", Range{0, {}},
     "Seed of the pair, triple and row samples, so the same inputs give the same report."},
    {"identifier-columns", ParamType::kStringList, "", {},
     "Columns that are keys, not data: left out of every score (free text always is)."},
    {"max-pairs", ParamType::kInt, "5000", Range{1, {}},
     "Column pairs scored at most; wider tables use a seeded sample of pairs (and say so)."},
    {"max-triples", ParamType::kInt, "10000", Range{0, {}},
     "Column triples of the trivariate accuracy at most (a seeded sample beyond)."},
    {"max-privacy-rows", ParamType::kInt, "50000", Range{1, {}},
     "Synthetic and training rows of the nearest-neighbour search at most (seeded sample beyond)."},
    {"no-privacy", ParamType::kFlag, "false", {},
     "Skip the privacy distances (the nearest-neighbour search is the slow part)."},
    {"target", ParamType::kString, "", {},
     "Column to predict for the utility score (train on synthetic vs on real, test on the holdout)."},
    {"no-discriminator", ParamType::kFlag, "false", {},
     "Skip the real-vs-synthetic classifier (gradient-boosted trees, cross-validated)."},
    {"discriminator-folds", ParamType::kInt, "5", Range{2, 20},
     "Cross-validation folds of the discriminator."},
    {"max-discriminator-rows", ParamType::kInt, "20000", Range{10, {}},
     "Real and synthetic rows of the discriminator at most, each (seeded sample beyond)."},
    {"quasi-identifiers", ParamType::kStringList, "", {},
     "Columns an attacker knows, for the attribute-inference risk (default: the 3 most spread-out)."},
    {"max-attack-rows", ParamType::kInt, "5000", Range{1, {}},
     "Training (member) and holdout (non-member) rows of the membership-inference attacks at most."},
    {"threads", ParamType::kInt, "0", Range{0, 1024},
     "Threads of the distance search and the trees (0: all cores)."},
    {"alarm-dcr-share", ParamType::kFloat, "0.6", Range{0.5, 1},
     "Raise the privacy alarm when this share of synthetic rows is closer to training than holdout."},
    {"alarm-exact-copy-rate", ParamType::kFloat, "0.01", Range{0, 1},
     "Raise the privacy alarm above this share of exact copies (or twice the holdout's own rate)."},
};

// EvaluateOptions from validated parameter values.
EvaluateOptions EvaluateOptionsFromParams(const ParamValues& params);

}  // namespace ersatz
