// Scores that train a model: the real-vs-synthetic discriminator and the TSTR utility, both with
// gradient-boosted trees (boosting.h).
#pragma once

#include "ersatz/evaluate.h"
#include "evaluate/columns.h"

namespace ersatz::evaluate {

// Fills report->fidelity.discriminator_auc: the mean ROC AUC over `discriminator_folds`
// stratified folds of a classifier told real rows from synthetic ones (same number of each).
void ScoreDiscriminator(const EvalData& data, const EvaluateOptions& options,
                        EvaluateReport* report);

// Index of the utility target among data.columns; ParameterError when `target` is not a column
// of the real table or was left out of the evaluation.
int FindTarget(const EvalData& data, const std::string& target);

// Fills report->utility for `options.target` (needs a holdout; otherwise a note says why not).
void ScoreUtility(const EvalData& data, const EvaluateOptions& options, EvaluateReport* report);

}  // namespace ersatz::evaluate
