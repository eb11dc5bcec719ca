// Privacy attacks on the synthetic data (REFERENCE.md §3). Unlike the distances of privacy.h they
// play the attacker: an attack that does well shows a leak; one that fails proves nothing about
// attacks not tried (only differential privacy bounds every attack).
#pragma once

#include "ersatz/evaluate.h"
#include "evaluate/columns.h"

namespace ersatz::evaluate {

// Membership inference with members = training rows and non-members = holdout rows (equal
// numbers); half of the holdout is kept aside as the attacker's reference sample of the
// population. Two attacks:
//  - distance: the closer a row is to its nearest synthetic row, the more likely a member;
//  - density ratio (DOMIAS): p_synthetic(x) / p_reference(x), each density from the geometric
//    mean distance to the two nearest rows of that sample (a 2-NN density estimate).
// Fills report->privacy's attack fields; needs a holdout of at least 20 rows.
void ScoreMembershipInference(const EvalData& data, const EvaluateOptions& options,
                              EvaluateReport* report);

// Gretel-style attribute inference: an attacker who knows a person's quasi-identifiers takes the
// 5 synthetic rows nearest on them and predicts every other column by majority vote (numeric
// columns on the real deciles). Accuracy on training rows is compared with accuracy on holdout
// rows (what the synthetic data teaches about anyone) and with guessing the most frequent value.
void ScoreAttributeInference(const EvalData& data, const EvaluateOptions& options,
                             EvaluateReport* report);

}  // namespace ersatz::evaluate
