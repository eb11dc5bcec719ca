// Per-column distributions of the real and synthetic data, for the report's overlay charts.
#pragma once

#include "ersatz/evaluate.h"
#include "evaluate/columns.h"

namespace ersatz::evaluate {

// Fills bins / real_frequencies / synthetic_frequencies of each report->columns entry (same order
// as data.columns): numeric columns on 20 equal-width bins over the real range (values outside
// go to the outer bins), categorical ones on the 20 most frequent real categories and "(other)";
// "(null)" when either side has nulls.
void FillDistributions(const EvalData& data, EvaluateReport* report);

}  // namespace ersatz::evaluate
