// Small helpers the constraint plan and the data check share: reading numbers and columns,
// rounding like a column, row numbers, and the label that names a constraint in messages.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::constraints {

// Row r of an integer or float column, as a double.
double NumberAt(const Column& c, std::size_t r);
// "meta.json: constraint 2 (start <= end)".
std::string ConstraintLabel(const Metadata& schema, std::size_t i);
// The column `name`; a ParameterError when a step reads a column that is not there (yet).
const Column& ColumnOf(const Table& t, const std::string& name);
// Rounds like the CSV shows a float column with `decimals` decimals.
double RoundTo(double v, int decimals);
// Appends v to an integer (nearest) or float (rounded to its decimals) column; NaN: null.
void AppendNumber(double v, Column* to);
// row_number() of each row: its index plus one.
std::vector<double> RowNumbers(std::span<const std::uint64_t> ids);

}  // namespace ersatz::constraints
