#include "constraints/expression.h"

#include <fmt/format.h>
#include <muParser.h>

#include <algorithm>
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

bool IsNameChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

// The alias muparser sees for the i-th backquoted name.
std::string Alias(std::size_t i) { return fmt::format("__column{}", i); }

// `text` with every `quoted name` replaced by an alias muparser can read; `names[i]` receives the
// name behind Alias(i). ParameterError for an unclosed quote.
std::string ReplaceQuotedNames(const std::string& text, const std::string& label,
                               std::vector<std::string>* names) {
  std::string out;
  for (std::size_t at = 0; at < text.size();) {
    const std::size_t open = text.find('`', at);
    if (open == std::string::npos) {
      out += text.substr(at);
      break;
    }
    const std::size_t close = text.find('`', open + 1);
    if (close == std::string::npos) {
      throw ParameterError(fmt::format("{}: cannot parse '{}': the column name quoted at position "
                                       "{} has no closing ` (counting from 0)",
                                       label, text, open));
    }
    out += text.substr(at, open - at);
    const std::string name = text.substr(open + 1, close - open - 1);
    const auto it = std::find(names->begin(), names->end(), name);
    out += Alias(static_cast<std::size_t>(it - names->begin()));
    if (it == names->end()) names->push_back(name);
    at = close + 1;
  }
  return out;
}

}  // namespace

std::string QuotedName(const std::string& name) {
  const bool plain = !name.empty() && !(name[0] >= '0' && name[0] <= '9') &&
                     std::all_of(name.begin(), name.end(), IsNameChar);
  return plain ? name : "`" + name + "`";
}

Expression::Expression(const std::string& text, const Table& table, const std::string& label)
    : compiled_(std::make_unique<Compiled>()) {
  Compiled& c = *compiled_;
  std::map<std::string, double*> used;
  std::vector<std::string> quoted;  // names written in backquotes, by alias number
  const std::string parsed = ReplaceQuotedNames(text, label, &quoted);
  try {
    c.parser.SetVarFactory(NewVariable, &c.slots);
    // Not optimised away as a constant: it changes from row to row.
    c.parser.DefineFunUserData("row_number", RowNumber, &c.row_number, false);
    c.parser.SetExpr(parsed);
    used = c.parser.GetUsedVar();  // parses the expression
    c.parser.Eval();
  } catch (const mu::Parser::exception_type& e) {
    // muparser counts positions from 0, and says so in its message.
    throw ParameterError(
        fmt::format("{}: cannot parse '{}': {} (counting from 0)", label, text, e.GetMsg()));
  }
  uses_row_number_ = text.find("row_number") != std::string::npos;
  std::vector<std::string> aliases;  // the names muparser knows, in variables_ order
  for (const auto& [alias, slot] : used) {
    std::string name = alias;
    for (std::size_t i = 0; i < quoted.size(); ++i) {
      if (alias == Alias(i)) name = quoted[i];
    }
    aliases.push_back(alias);
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
  for (const std::string& alias : aliases) {
    c.slots.push_back(0);
    c.parser.DefineVar(alias, &c.slots.back());
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
