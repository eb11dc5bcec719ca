// The parameters of the evaluation, declared once: the `report` verb's flags, config keys and
// docs will be derived from this table (the verb itself is not written yet).
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
    {"threads", ParamType::kInt, "0", Range{0, 1024}, "Threads of the distance search (0: all cores)."},
    {"alarm-dcr-share", ParamType::kFloat, "0.6", Range{0.5, 1},
     "Raise the privacy alarm when this share of synthetic rows is closer to training than holdout."},
    {"alarm-exact-copy-rate", ParamType::kFloat, "0.01", Range{0, 1},
     "Raise the privacy alarm above this share of exact copies (or twice the holdout's own rate)."},
};

// EvaluateOptions from validated parameter values.
EvaluateOptions EvaluateOptionsFromParams(const ParamValues& params);

}  // namespace ersatz
