#include "constraints/computed.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "constraints/values.h"
#include "encode/categorical_encoder.h"
#include "table/row_copy.h"

namespace ersatz::constraints {

std::string ExceptionColumnName(const std::string& column) {
  return fmt::format("{} (exceptions)", column);
}

std::string RatioColumnName(const std::string& column) { return fmt::format("{} (ratio)", column); }

Column ExceptionColumn(const Column& data, const Column& rule, std::size_t* breaks) {
  Column out(ExceptionColumnName(data.name()), ColumnKind::kCategorical);
  out.Reserve(data.size());
  std::size_t n = 0;
  for (std::size_t r = 0; r < data.size(); ++r) {
    if (SameValue(data, r, rule, r)) {
      out.AppendNull();
      continue;
    }
    ++n;
    out.AppendString(data.IsNull(r) ? std::string(kNullText) : data.FormatValue(r));
  }
  if (breaks != nullptr) *breaks = n;
  return out;
}

Column ApplyExceptions(const Column& rule, const Column& exceptions) {
  Column out = rule.Take({});
  out.Reserve(rule.size());
  const bool categories =
      rule.kind() == ColumnKind::kCategorical || rule.kind() == ColumnKind::kText;
  for (std::size_t r = 0; r < rule.size(); ++r) {
    if (exceptions.IsNull(r)) {
      AppendValue(rule, r, &out);
      continue;
    }
    const std::string_view text = exceptions.text(r);
    if (text == kNullText) {
      out.AppendNull();
    } else if (text == encode::kRareToken && !categories) {
      AppendValue(rule, r, &out);  // a protected rare number: the rule's value is the nearest
    } else {
      AppendFormatted(text, &out);
    }
  }
  return out;
}

bool RatioExpresses(double expression) { return std::isfinite(expression) && expression != 0; }

int RatioDecimals(const Column& data) {
  double largest = 0;
  for (std::size_t r = 0; r < data.size(); ++r) {
    if (!data.IsNull(r)) largest = std::max(largest, std::abs(NumberAt(data, r)));
  }
  const int decimals = data.kind() == ColumnKind::kFloat ? data.float_decimals() : 0;
  const int digits = largest >= 1 ? static_cast<int>(std::ceil(std::log10(largest + 1))) : 0;
  return std::clamp(decimals + digits, 2, 6);
}

Column RatioColumn(const Column& data, std::span<const double> expression, int decimals) {
  Column out(RatioColumnName(data.name()), ColumnKind::kFloat);
  out.set_float_decimals(decimals);
  out.Reserve(data.size());
  for (std::size_t r = 0; r < data.size(); ++r) {
    if (data.IsNull(r)) {
      out.AppendNull();
      continue;
    }
    const double e = expression[r];
    if (RatioExpresses(e)) {
      out.AppendFloat(RoundTo(NumberAt(data, r) / e, decimals));
    } else {
      out.AppendNull();  // checked before (CheckConstraintsHold, discovery): never for real data
    }
  }
  return out;
}

std::vector<double> ApplyRatio(std::span<const double> expression, const Column& ratio) {
  std::vector<double> out(expression.size(), std::nan(""));
  for (std::size_t r = 0; r < out.size(); ++r) {
    if (!ratio.IsNull(r)) out[r] = expression[r] * ratio.floats()[r];
  }
  return out;
}

}  // namespace ersatz::constraints
