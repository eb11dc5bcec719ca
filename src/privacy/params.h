// The accountant's parameters, declared once: `ersatz privacy`'s flags, config keys and
// docs/cli.md come from this table, and `fit --epsilon` will reuse the same names.
#pragma once

#include "ersatz/params.h"

namespace ersatz::privacy {

inline constexpr ParamSpec kAccountantParams[] = {
    {"sampling-rate", ParamType::kFloat, "", Range{0, 1},
     "Probability q that a record joins a step's batch (Poisson sampling; batch size / rows). "
     "Must be > 0.",
     {}, 'q', true},
    {"steps", ParamType::kInt, "", Range{1, {}},
     "Number of training steps T (epochs / sampling rate).", {}, 'T', true},
    {"delta", ParamType::kFloat, "", Range{0, 1},
     "Target δ, strictly between 0 and 1; well below 1/rows (fit's default is rows^-1.2).", {}, 'd', true},
    {"noise", ParamType::kFloat, "", Range{0, {}},
     "Noise multiplier σ (noise standard deviation / clipping norm), > 0. Needed by `epsilon`."},
    {"epsilon", ParamType::kFloat, "", Range{0, {}},
     "Target ε, > 0. Needed by `noise`."},
    {"conversion", ParamType::kString, "improved", {},
     "RDP to (ε, δ) conversion: improved (Balle et al. 2020) or classic (Mironov 2017).",
     "improved|classic"},
};

// `ersatz audit`'s own parameters (training takes fit's, kTrainParams).
inline constexpr ParamSpec kAuditParams[] = {
    {"canary-column", ParamType::kString, "", {},
     "Categorical or text column that receives the canaries (default: the categorical column "
     "with the most distinct values)."},
    {"canaries", ParamType::kInt, "4", Range{1, 1000},
     "Secrets planted per repetition count (1, 4 and 16 rows each)."},
    {"holdout", ParamType::kFloat, "0.2", Range{0, 0.9},
     "Share of rows kept out of training: the membership attack's non-members."},
    {"drop", ParamType::kStringList, "", {}, "Columns to leave out of the model."},
    {"json", ParamType::kOutputPath, "", {}, "Also write the audit as JSON to this file."},
};

}  // namespace ersatz::privacy
