// Gretel-compatible Synthetic Quality Score: field correlation stability, field distribution
// stability and deep structure stability, combined into 0–100 with a grade.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "ersatz/evaluate.h"
#include "evaluate/columns.h"

namespace ersatz::evaluate {

// The three component formulas of REFERENCE.md §2, each clamped to [0, 10].
double CorrelationStabilityScore(double mean_abs_difference);
double DistributionStabilityScore(double mean_js_distance);
double DeepStructureScore(double mean_js_distance);
// 10 · (0.84·deep + 0.86·distribution + 1.0·correlation) / 2.70.
double SqsScore(double correlation, double distribution, double deep);
// Excellent ≥ 80, Good ≥ 60, Moderate ≥ 40, Poor ≥ 20, else Very Poor.
std::string SqsGrade(double score);

// Association of two columns on one side: Pearson ρ (numeric–numeric), correlation ratio
// (categorical–numeric) or Theil's U(first | second) (categorical–categorical).
double Association(const EvalColumn& first, const EvalColumn& second, Side side);

// Fills report->sqs and each column's js_distance.
void ScoreSqs(const EvalData& data, const std::vector<std::array<int, 2>>& pairs,
              EvaluateReport* report);

}  // namespace ersatz::evaluate
