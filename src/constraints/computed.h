// Derived and mapping columns are computed from other columns, not learned. What the model still
// learns of such a column (Constraint::learn):
//  - nothing: the rule gives every value;
//  - exceptions: a categorical column "<column> (exceptions)", null where the rule gives the
//    column's value and the value itself (as text; kNullText for a missing value) in the rows
//    that break the rule. Value protection folds rare exception values into _RARE_, which
//    restores as _RARE_ in a categorical column and as the rule's value otherwise;
//  - ratio (derived only): a float column "<column> (ratio)", the value divided by the
//    expression's, so an approximate rule (carat ≈ 0.0061 · x · y · z) leaves the model a
//    narrow deviation to learn instead of the whole value.
#pragma once

#include <span>
#include <string>
#include <vector>

#include "ersatz/table.h"

namespace ersatz::constraints {

// Marks a missing value in an exception column (no CSV cell holds this control character).
inline constexpr std::string_view kNullText = "\x1e";

std::string ExceptionColumnName(const std::string& column);
std::string RatioColumnName(const std::string& column);

// The exception column of `data` (a column of the data) given `rule` (what the rule gives,
// rounded like `data`); `breaks` counts the rows that break the rule.
Column ExceptionColumn(const Column& data, const Column& rule, std::size_t* breaks = nullptr);
// `rule` with the exceptions' rows put back: the restored column.
Column ApplyExceptions(const Column& rule, const Column& exceptions);

// Whether a value can be written as ratio × expression: the expression gives a number, not 0.
// A ratio rule needs this on every row where the column has a value.
bool RatioExpresses(double expression);
// The ratio column of `data` to the expression's raw values (null where data is null).
Column RatioColumn(const Column& data, std::span<const double> expression, int decimals);
// The decimals a ratio column keeps so that ratio × expression stays within data's precision
// (2 to 6).
int RatioDecimals(const Column& data);
// expression × ratio for every row, as raw values (NaN where either is missing).
std::vector<double> ApplyRatio(std::span<const double> expression, const Column& ratio);

}  // namespace ersatz::constraints
