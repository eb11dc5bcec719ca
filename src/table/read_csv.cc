// ReadCsv: the whole way from a CSV file to a typed Table.
#include "ersatz/csv.h"
#include "ersatz/profile.h"
#include "profile/parsed_numbers.h"

namespace ersatz {

Table ReadCsv(const std::string& path, const CsvReadOptions& options, const Metadata* metadata,
              CsvReadReport* report, Metadata* schema_out) {
  const RawTable raw = ReadCsvRaw(path, options, report);
  // Columns the metadata names keep its types; inference decides the others.
  // Inference keeps the numbers it parsed; BuildTable adopts them instead of parsing again.
  std::vector<ParsedNumbers> parsed;
  Metadata schema = InferSchema(raw, metadata, &parsed);
  Table table = BuildTable(raw, schema, &parsed);
  if (schema_out != nullptr) *schema_out = std::move(schema);
  return table;
}

}  // namespace ersatz
