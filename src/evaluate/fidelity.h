// SDMetrics-compatible column shapes and column-pair trends, and MOSTLY AI-compatible accuracy.
#pragma once

#include <array>
#include <vector>

#include "ersatz/evaluate.h"
#include "evaluate/columns.h"

namespace ersatz::evaluate {

// Fills report->fidelity, report->columns (shape, accuracy) and report->pairs over `pairs`.
void ScoreFidelity(const EvalData& data, const std::vector<std::array<int, 2>>& pairs,
                   const std::vector<std::array<int, 3>>& triples, EvaluateReport* report);

}  // namespace ersatz::evaluate
