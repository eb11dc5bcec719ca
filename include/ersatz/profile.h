// Type inference and column profiles: what `ersatz profile` prints.
#pragma once

#include <cstddef>
#include <string>
#include <utility>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz {

// Decides each column's semantic type and storage. Columns named in `overrides` take the given
// type (a datetime without a format gets its format inferred); the others follow the rules in
// docs/type-inference.md. Throws ParameterError when `overrides` names a column that the data
// does not have.
Metadata InferSchema(const RawTable& raw, const Metadata* overrides = nullptr);

// Converts the raw cells into typed columns as `schema` says. A cell that does not fit its column's
// declared type gives a DataError naming file:line:column, the column and the expected type.
Table BuildTable(const RawTable& raw, const Metadata& schema);

struct ColumnProfile {
  std::string name;
  SemanticType type = SemanticType::kCategorical;
  ColumnKind storage = ColumnKind::kCategorical;
  std::string reason;
  std::string warning;  // ColumnSpec::warning: "" for none
  std::size_t rows = 0;
  std::size_t missing = 0;
  std::size_t distinct = 0;  // distinct non-missing values
  // Numeric and datetime columns: smallest and largest value, as the CSV writer prints them.
  std::string min;
  std::string max;
  double mean = 0;  // numeric columns only
  // Categorical / text / boolean / identifier: up to 5 most frequent values with counts,
  // most frequent first, ties by value.
  std::vector<std::pair<std::string, std::size_t>> top_values;
};

struct Profile {
  std::string source;
  std::size_t rows = 0;
  std::vector<ColumnProfile> columns;

  // One line per column: name, type, missing %, distinct, min..max or top values; then a
  // "warning:" line per column that has one.
  std::string ToText() const;
  // {"source":..., "rows":..., "columns":[{"name","type","storage","missing","missing_fraction",
  //   "distinct","min","max","mean","top_values":[{"value","count"}],"reason"[,"warning"]}]}
  std::string ToJson() const;
};

Profile ProfileTable(const Table& table, const Metadata& schema, std::string source);

// The whole `ersatz profile` job: read, infer (respecting `overrides`), type and profile a file.
struct ProfiledFile {
  Metadata schema;
  Table table;
  Profile profile;
  CsvReadReport report;
};
ProfiledFile ProfileCsvFile(const std::string& path, const CsvReadOptions& options,
                            const Metadata* overrides = nullptr);

}  // namespace ersatz
