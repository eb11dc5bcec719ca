// Copying rows between tables of the same columns: concatenating sampled batches, and putting
// redrawn rows in place of rejected ones.
#pragma once

#include <cstdint>
#include <span>

#include "ersatz/table.h"

namespace ersatz {

// Appends row `row` of `from` to `to` (same kind).
void AppendValue(const Column& from, std::size_t row, Column* to);

// Appends the rows of `batch` to `into` (same columns, in the same order; empty `into` takes them).
void AppendRows(const Table& batch, Table* into);

// Row i of the result is row row_of[i] of tables[table_of[i]] (tables with the same columns).
Table GatherRows(std::span<const Table> tables, std::span<const std::uint32_t> table_of,
                 std::span<const std::uint32_t> row_of);

}  // namespace ersatz
