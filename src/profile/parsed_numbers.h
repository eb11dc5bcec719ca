// Numbers parsed while inferring a column's type, kept so that BuildTable adopts them instead of
// parsing every cell a second time (on a numeric CSV the parse is most of the typing cost).
#pragma once

#include <cstdint>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz {

struct ParsedNumbers {
  // kInteger: `ints` holds one value per row; kFloat: `floats` does (zero at missing cells).
  // kText: nothing was kept (the column is not numeric, or its type came from metadata).
  ColumnKind kind = ColumnKind::kText;
  std::vector<std::int64_t> ints;
  std::vector<double> floats;
  int float_decimals = 0;  // widest fraction among `floats`, counted as BuildTable counts it
};

// InferSchema and BuildTable handing the numbers over (ReadCsv's path): `parsed` receives one
// entry per raw column; BuildTable moves the values out where the decided storage matches.
Metadata InferSchema(const RawTable& raw, const Metadata* overrides,
                     std::vector<ParsedNumbers>* parsed);
Table BuildTable(const RawTable& raw, const Metadata& schema, std::vector<ParsedNumbers>* parsed);

}  // namespace ersatz
