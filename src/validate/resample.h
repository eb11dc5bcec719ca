// The reject-and-redraw loop of sampling: every decoded batch goes through the checks (learned
// validators, privacy filters); rejected rows are drawn again — the same row indices, fresh
// draws for each attempt — at most `max_retries` times, in place, so the batch keeps its order.
#pragma once

#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "ersatz/row_check.h"
#include "ersatz/table.h"

namespace ersatz::validate {

struct ResampleLimits {
  int max_retries = 10;
  // Stop with a DataError when more than this share of all drawn rows was rejected.
  double max_invalid_fraction = 0.5;
  // Columns whose values must not repeat across the whole output: each value generated is kept
  // as a 64-bit fingerprint (memory grows by about 32 bytes per row and column), and a row that
  // repeats an earlier one is drawn again like any rejected row.
  std::vector<std::string> unique_columns;
};

// Draws rows [first, first + n) the first time.
using DrawRows = std::function<Table(std::size_t first, std::size_t n)>;
// Draws the rows with these (absolute, increasing) indices again for attempt 1, 2, …; a row's
// draw depends only on (seed, row, attempt), so results do not depend on which other rows of the
// batch were rejected, nor on the batch size. Conditions (if any) travel with the row index.
using RedrawRows = std::function<Table(std::span<const std::uint32_t> rows, int attempt)>;

// Generates `rows` rows in batches of `batch_rows` and hands each checked batch to `sink`. Rows
// still rejected after the last retry are left out (SampleReport::rows says how many were kept).
SampleReport SampleChecked(std::size_t rows, std::size_t batch_rows,
                           std::span<const RowCheck* const> checks, const ResampleLimits& limits,
                           const DrawRows& draw, const RedrawRows& redraw,
                           const std::function<void(const Table& batch)>& sink);

}  // namespace ersatz::validate
