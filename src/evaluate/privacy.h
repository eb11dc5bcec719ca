// Privacy distances of REFERENCE.md §3: exact-copy rate, distance-to-closest-record share against
// a holdout, nearest-neighbour distance ratio. These measure closeness, they do not prove privacy.
#pragma once

#include <span>
#include <vector>

#include "ersatz/evaluate.h"
#include "evaluate/columns.h"
#include "evaluate/nn_search.h"

namespace ersatz::evaluate {

// The rows `rows` of `side` as points: numeric columns scaled by the real (training) range.
PointSet MakePoints(const EvalData& data, Side side, std::span<const std::size_t> rows);

// Share of `side`'s rows that equal some real row on every evaluated column (nulls equal nulls).
double ExactCopyRate(const EvalData& data, Side side);

// Fills report->privacy.
void ScorePrivacy(const EvalData& data, const EvaluateOptions& options, EvaluateReport* report);

}  // namespace ersatz::evaluate
