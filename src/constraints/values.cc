#include "constraints/values.h"

#include <fmt/format.h>

#include <cmath>

#include "ersatz/error.h"

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

std::vector<double> RowNumbers(std::span<const std::uint64_t> ids) {
  std::vector<double> out(ids.size());
  for (std::size_t i = 0; i < ids.size(); ++i) out[i] = static_cast<double>(ids[i] + 1);
  return out;
}

}  // namespace ersatz::constraints
