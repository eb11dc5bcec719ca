#include "constraints/check_data.h"

#include <fmt/format.h>

#include <unordered_map>

#include "constraints/computed.h"
#include "constraints/expression.h"
#include "constraints/plan.h"
#include "constraints/values.h"
#include "ersatz/error.h"

namespace ersatz::constraints {

using Kind = Constraint::Kind;
using Learn = Constraint::Learn;

void CheckConstraintsHold(const Table& table, const Metadata& schema,
                          const std::string& data_source) {
  const ConstraintPlan plan = ConstraintPlan::Fit(table, schema);  // the columns and kinds first
  auto broken = [&](std::size_t r, std::size_t i, const std::string& what) {
    return DataError(fmt::format(
        "{}: data row {}: {}, breaking constraint {} ({}) of {}; fix the data or drop the "
        "constraint",
        data_source, r + 1, what, i + 1, schema.constraints[i].Describe(), schema.source));
  };
  std::vector<std::uint64_t> ids(table.num_rows());
  for (std::size_t r = 0; r < ids.size(); ++r) ids[r] = r;
  const std::vector<double> row_numbers = RowNumbers(ids);
  for (std::size_t i = 0; i < schema.constraints.size(); ++i) {
    const Constraint& con = schema.constraints[i];
    if (con.kind == Kind::kInequality) {
      const Column& low = ColumnOf(table, con.columns[0]);
      const Column& high = ColumnOf(table, con.columns[1]);
      for (std::size_t r = 0; r < table.num_rows(); ++r) {
        if (low.IsNull(r) || high.IsNull(r)) continue;
        const bool dt = low.kind() == ColumnKind::kDatetime;
        // Two integer (or datetime) columns compare exactly: doubles merge integers past 2^53.
        const bool exact = dt || (low.kind() == ColumnKind::kInteger && high.kind() == ColumnKind::kInteger);
        if (exact ? low.integers()[r] > high.integers()[r] : NumberAt(low, r) > NumberAt(high, r)) {
          throw broken(r, i,
                       fmt::format("{} ({}) is {} {} ({})", con.columns[0], low.FormatValue(r),
                                   dt ? "after" : "above", con.columns[1], high.FormatValue(r)));
        }
      }
    } else if (con.kind == Kind::kDerived && con.learn != Learn::kExceptions) {
      const Expression e(con.expression, table, ConstraintLabel(schema, i));
      const std::vector<double> expected = e.Evaluate(table, row_numbers);
      const Column& col = ColumnOf(table, con.columns[0]);
      Column formatted = col.Take({});
      for (double v : expected) AppendNumber(v, &formatted);
      for (std::size_t r = 0; r < table.num_rows(); ++r) {
        const bool holds = con.learn == Learn::kRatio
                               ? col.IsNull(r) || RatioExpresses(expected[r])
                               : SameValue(col, r, formatted, r);
        if (!holds) {
          throw broken(r, i,
                       fmt::format("{} is {} but {} gives {}", con.columns[0],
                                   col.IsNull(r) ? "empty" : col.FormatValue(r), con.expression,
                                   formatted.IsNull(r) ? "nothing" : formatted.FormatValue(r)));
        }
      }
    } else if (con.kind == Kind::kMapping && con.learn == Learn::kNothing) {
      const Column& child = ColumnOf(table, con.columns[0]);
      const Column& parent = ColumnOf(table, con.columns[1]);
      std::unordered_map<std::string, std::size_t> first_row;  // parent value → first row
      for (std::size_t r = 0; r < table.num_rows(); ++r) {
        const auto [it, fresh] =
            first_row.emplace(parent.IsNull(r) ? std::string(kNullText) : parent.FormatValue(r), r);
        if (fresh || SameValue(child, r, child, it->second)) continue;
        auto shown = [&](std::size_t row) {
          return child.IsNull(row) ? std::string("empty") : child.FormatValue(row);
        };
        throw broken(r, i,
                     fmt::format("{} is {} but data row {} with the same {} ({}) has {}",
                                 con.columns[0], shown(r), it->second + 1, con.columns[1],
                                 parent.IsNull(r) ? "empty" : parent.FormatValue(r),
                                 shown(it->second)));
      }
    } else if (con.kind == Kind::kUnique) {
      const Column& col = ColumnOf(table, con.columns[0]);
      std::unordered_map<std::string, std::size_t> first_row;
      for (std::size_t r = 0; r < table.num_rows(); ++r) {
        if (col.IsNull(r)) continue;
        auto [it, fresh] = first_row.emplace(col.FormatValue(r), r);
        if (!fresh) {
          throw broken(r, i,
                       fmt::format("{} {} repeats data row {}", con.columns[0], col.FormatValue(r),
                                   it->second + 1));
        }
      }
    }
  }
  (void)plan;
}

}  // namespace ersatz::constraints
