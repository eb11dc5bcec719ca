// The expression of a derived column (`temp_f = temp_c * 9 / 5 + 32`, `total = price * qty`,
// `id = row_number()`), compiled once by muparser (Debian's libmuparser) and evaluated per row.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "ersatz/table.h"

namespace ersatz::constraints {

// A column name as an expression names it: as it is when muparser can read it (letters, digits
// and _, not starting with a digit), else in backquotes: `capital-gain` * 2.
std::string QuotedName(const std::string& name);

class Expression {
 public:
  // Compiles `text`; its variables must be integer, float or boolean columns of `table`, their
  // names in backquotes when muparser could not read them (QuotedName).
  // ParameterError prefixed by `label` for a parse error (with muparser's position and message),
  // an unknown column or a column that is not a number.
  Expression(const std::string& text, const Table& table, const std::string& label);
  ~Expression();
  Expression(Expression&&) noexcept;
  Expression& operator=(Expression&&) noexcept;

  const std::vector<std::string>& variables() const { return variables_; }
  bool uses_row_number() const { return uses_row_number_; }

  // The value for every row r of `table` (which has the variables' columns), row_number() being
  // row_numbers[r]; NaN where a variable is null or the result is not finite.
  std::vector<double> Evaluate(const Table& table, std::span<const double> row_numbers) const;

 private:
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
  std::vector<std::string> variables_;
  bool uses_row_number_ = false;
};

}  // namespace ersatz::constraints
