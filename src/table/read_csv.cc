// ReadCsv: the whole way from a CSV file to a typed Table, and TypeRawTable, its second half.
#include "ersatz/csv.h"
#include "ersatz/profile.h"
#include "profile/parsed_numbers.h"

namespace ersatz {

Table TypeRawTable(const RawTable& raw, const Metadata* metadata, Metadata* schema_out) {
  // Columns the metadata names keep its types; inference decides the others.
  // Inference keeps the numbers it parsed; BuildTable adopts them instead of parsing again.
  std::vector<ParsedNumbers> parsed;
  Metadata schema = InferSchema(raw, metadata, &parsed);
  Table table = BuildTable(raw, schema, &parsed);
  if (schema_out != nullptr) *schema_out = std::move(schema);
  return table;
}

Table ReadCsv(const std::string& path, const CsvReadOptions& options, const Metadata* metadata,
              CsvReadReport* report, Metadata* schema_out) {
  return TypeRawTable(ReadCsvRaw(path, options, report), metadata, schema_out);
}

}  // namespace ersatz
