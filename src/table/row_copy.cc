#include "table/row_copy.h"

#include <vector>

namespace ersatz {

void AppendValue(const Column& from, std::size_t r, Column* to) {
  if (from.IsNull(r)) {
    to->AppendNull();
    return;
  }
  switch (from.kind()) {
    case ColumnKind::kInteger: to->AppendInteger(from.integers()[r]); break;
    case ColumnKind::kDatetime: to->AppendDatetime(from.integers()[r]); break;
    case ColumnKind::kFloat: to->AppendFloat(from.floats()[r]); break;
    case ColumnKind::kBoolean: to->AppendBoolean(from.booleans()[r] != 0); break;
    case ColumnKind::kCategorical:
    case ColumnKind::kText: to->AppendString(from.text(r)); break;
  }
}

void AppendRows(const Table& batch, Table* into) {
  if (into->num_columns() == 0) {
    *into = batch;
    return;
  }
  for (std::size_t c = 0; c < batch.num_columns(); ++c) {
    const Column& from = batch.column(c);
    Column& to = into->column(c);
    for (std::size_t r = 0; r < from.size(); ++r) AppendValue(from, r, &to);
  }
}

Table GatherRows(std::span<const Table> tables, std::span<const std::uint32_t> table_of,
                 std::span<const std::uint32_t> row_of) {
  Table out;
  for (std::size_t c = 0; c < tables.front().num_columns(); ++c) {
    Column col = tables.front().column(c).Take({});
    col.Reserve(row_of.size());
    if (col.kind() == ColumnKind::kCategorical) {
      // Each table's codes are translated into col's dictionary once per code, not looked up by
      // their text once per row.
      std::vector<std::vector<std::int32_t>> code_in(tables.size());
      for (std::size_t i = 0; i < row_of.size(); ++i) {
        const Column& from = tables[table_of[i]].column(c);
        const std::uint32_t r = row_of[i];
        const std::int32_t code = from.IsNull(r) ? -1 : from.codes()[r];
        if (code < 0) {
          AppendValue(from, r, &col);
          continue;
        }
        std::vector<std::int32_t>& to = code_in[table_of[i]];
        if (to.empty()) to.assign(from.categories().size(), -1);
        if (to[code] < 0) to[code] = col.AddCategory(from.categories()[code]);
        col.AppendCategory(to[code]);
      }
    } else {
      for (std::size_t i = 0; i < row_of.size(); ++i) {
        AppendValue(tables[table_of[i]].column(c), row_of[i], &col);
      }
    }
    out.AddColumn(std::move(col));
  }
  return out;
}

}  // namespace ersatz
