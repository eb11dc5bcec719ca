#include "constraints/expression.h"

#include <fmt/format.h>
#include <muParser.h>

#include <cmath>
#include <deque>

#include "ersatz/error.h"

namespace ersatz::constraints {

struct Expression::Compiled {
  mu::Parser parser;
  std::deque<double> slots;  // one per variable; a deque so their addresses stay put
  std::vector<int> column;   // per variable: its column in the table it was compiled against
  double row_number = 0;
};

namespace {

// Every name muparser meets becomes a variable; they are checked against the columns afterwards,
// so an unknown column gets our message rather than "Unexpected token".
double* NewVariable(const char* /*name*/, void* user) {
  auto* slots = static_cast<std::deque<double>*>(user);
  slots->push_back(0);
  return &slots->back();
}

double RowNumber(void* user) { return *static_cast<double*>(user); }

}  // namespace

Expression::Expression(const std::string& text, const Table& table, const std::string& label)
    : compiled_(std::make_unique<Compiled>()) {
  Compiled& c = *compiled_;
  std::map<std::string, double*> used;
  try {
    c.parser.SetVarFactory(NewVariable, &c.slots);
    // Not optimised away as a constant: it changes from row to row.
    c.parser.DefineFunUserData("row_number", RowNumber, &c.row_number, false);
    c.parser.SetExpr(text);
    used = c.parser.GetUsedVar();  // parses the expression
    c.parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    // muparser counts positions from 0, and says so in its message.
    throw ParameterError(
        fmt::format("{}: cannot parse '{}': {} (counting from 0)", label, text, e.GetMsg()));
  }
  uses_row_number_ = text.find("row_number") != std::string::npos;
  for (const auto& [name, slot] : used) {
    const int index = table.FindColumn(name);
    if (index < 0) throw ParameterError(fmt::format("{}: unknown column '{}'", label, name));
    const ColumnKind kind = table.column(static_cast<std::size_t>(index)).kind();
    if (kind != ColumnKind::kInteger && kind != ColumnKind::kFloat &&
        kind != ColumnKind::kBoolean) {
      throw ParameterError(
          fmt::format("{}: '{}' is {}; expressions read integer, float and boolean columns", label,
                      name, ColumnKindName(kind)));
    }
    variables_.push_back(name);
  }
  // Rebind each variable to a slot of our own, in variables_ order.
  c.parser.ClearVar();
  c.slots.clear();
  for (const std::string& name : variables_) {
    c.slots.push_back(0);
    c.parser.DefineVar(name, &c.slots.back());
  }
}

Expression::~Expression() = default;
Expression::Expression(Expression&&) noexcept = default;
Expression& Expression::operator=(Expression&&) noexcept = default;

std::vector<double> Expression::Evaluate(const Table& table,
                                         std::span<const double> row_numbers) const {
  Compiled& c = *compiled_;
  std::vector<const Column*> columns;
  for (const std::string& name : variables_) {
    columns.push_back(&table.column(static_cast<std::size_t>(table.FindColumn(name))));
  }
  std::vector<double> out(table.num_rows(), std::nan(""));
  for (std::size_t r = 0; r < out.size(); ++r) {
    bool null = false;
    for (std::size_t i = 0; i < columns.size() && !null; ++i) {
      const Column& col = *columns[i];
      null = col.IsNull(r);
      if (null) break;
      switch (col.kind()) {
        case ColumnKind::kInteger: c.slots[i] = static_cast<double>(col.integers()[r]); break;
        case ColumnKind::kFloat: c.slots[i] = col.floats()[r]; break;
        case ColumnKind::kBoolean: c.slots[i] = col.booleans()[r]; break;
        default: null = true;
      }
    }
    if (null) continue;
    c.row_number = row_numbers.empty() ? 0 : row_numbers[r];
    const double v = c.parser.Eval();
    if (std::isfinite(v)) out[r] = v;
  }
  return out;
}

}  // namespace ersatz::constraints
