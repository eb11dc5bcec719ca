// Copying rows between tables of the same columns: concatenating sampled batches, and putting
// redrawn rows back in place of rejected ones.
#pragma once

#include <cstdint>
#include <span>

#include "ersatz/table.h"

namespace ersatz {

// Appends row `row` of `from` to `to` (same kind).
void AppendValue(const Column& from, std::size_t row, Column* to);

// Appends the rows of `batch` to `into` (same columns, in the same order; empty `into` takes them).
void AppendRows(const Table& batch, Table* into);

// `base` with row rows[i] replaced by row i of `with` (same columns); rows[] increasing.
Table ReplaceRows(const Table& base, std::span<const std::uint32_t> rows, const Table& with);

}  // namespace ersatz
