#include "constraints/values.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "ersatz/error.h"
#include "table/value_parse.h"

namespace ersatz::constraints {

double NumberAt(const Column& c, std::size_t r) {
  return c.kind() == ColumnKind::kFloat ? c.floats()[r] : static_cast<double>(c.integers()[r]);
}

std::string ConstraintLabel(const Metadata& schema, std::size_t i) {
  return fmt::format("{}: constraint {} ({})", schema.source.empty() ? "metadata" : schema.source,
                     i + 1, schema.constraints[i].Describe());
}

// The column `name`; a ParameterError when a step reads a column that is not there (yet): a
// constraint declared before the one that rebuilds what it reads, or a damaged model.
const Column& ColumnOf(const Table& t, const std::string& name) {
  const int index = t.FindColumn(name);
  if (index < 0) {
    throw ParameterError(fmt::format(
        "'{}' is read before the constraint that rebuilds it; declare that constraint first",
        name));
  }
  return t.column(static_cast<std::size_t>(index));
}

// Rounds like the CSV shows a float column with `decimals` decimals.
double RoundTo(double v, int decimals) {
  if (decimals >= 15) return v;
  const double scale = std::pow(10.0, decimals);
  return std::round(v * scale) / scale;
}

void AppendNumber(double v, Column* to) {
  if (std::isnan(v)) {
    to->AppendNull();
  } else if (to->kind() == ColumnKind::kInteger) {
    to->AppendInteger(static_cast<std::int64_t>(std::llround(v)));
  } else {
    to->AppendFloat(RoundTo(v, to->float_decimals()));
  }
}

void AppendFormatted(std::string_view text, Column* to) {
  switch (to->kind()) {
    case ColumnKind::kInteger: {
      std::int64_t v = 0;
      if (ParseInteger(text, &v)) return to->AppendInteger(v);
      break;
    }
    case ColumnKind::kFloat: {
      double v = 0;
      if (ParseFloat(text, &v)) return to->AppendFloat(v);
      break;
    }
    case ColumnKind::kBoolean:
      if (text == to->boolean_spelling().true_text) return to->AppendBoolean(true);
      if (text == to->boolean_spelling().false_text) return to->AppendBoolean(false);
      break;
    case ColumnKind::kCategorical:
    case ColumnKind::kText: return to->AppendString(text);
    case ColumnKind::kDatetime: break;
  }
  to->AppendNull();
}

bool SameValue(const Column& a, std::size_t ra, const Column& b, std::size_t rb) {
  if (a.IsNull(ra) || b.IsNull(rb)) return a.IsNull(ra) && b.IsNull(rb);
  switch (a.kind()) {
    case ColumnKind::kInteger:
    case ColumnKind::kDatetime: return a.integers()[ra] == b.integers()[rb];
    case ColumnKind::kBoolean: return a.booleans()[ra] == b.booleans()[rb];
    case ColumnKind::kFloat: {
      // Within the column's decimals, or to 12 significant digits: many writers keep 15 (R,
      // spreadsheets: bmi = weight / height^2 written as 30.7958477508651).
      const double x = a.floats()[ra], y = b.floats()[rb];
      const double step = a.float_decimals() >= 15 ? 0 : 0.5 * std::pow(10.0, -a.float_decimals());
      return std::abs(x - y) <=
             std::max(step * (1 + 1e-9), 1e-12 * std::max(std::abs(x), std::abs(y)));
    }
    case ColumnKind::kCategorical:
    case ColumnKind::kText: return a.text(ra) == b.text(rb);
  }
  return false;
}

std::vector<double> RowNumbers(std::span<const std::uint64_t> ids) {
  std::vector<double> out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) out[i] = static_cast<double>(ids[i] + 1);
  return out;
}

}  // namespace ersatz::constraints
