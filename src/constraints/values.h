// Small helpers the constraint plan and the data check share: reading numbers and columns,
// rounding like a column, row numbers, and the label that names a constraint in messages.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
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
// Appends `text`, a value as Column::FormatValue writes it, to an integer, float, boolean,
// categorical or text column (a number or boolean it cannot read: null).
void AppendFormatted(std::string_view text, Column* to);
// Whether row ra of `a` (a column of the data) and row rb of `b` (of the same kind: what a rule
// gives, rounded like `a`) hold the same value, nulls alike: what "the rule holds on this row"
// means. Floats: equal within a's decimals or to 12 significant digits.
bool SameValue(const Column& a, std::size_t ra, const Column& b, std::size_t rb);
// row_number() of each row: its index plus one.
std::vector<double> RowNumbers(std::span<const std::uint64_t> ids);

}  // namespace ersatz::constraints
