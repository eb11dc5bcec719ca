// ReadCsv: the whole way from a CSV file to a typed Table.
#include "ersatz/csv.h"
#include "ersatz/profile.h"

namespace ersatz {

Table ReadCsv(const std::string& path, const CsvReadOptions& options, const Metadata* metadata,
              CsvReadReport* report) {
  const RawTable raw = ReadCsvRaw(path, options, report);
  // Columns the metadata names keep its types; inference decides the others.
  const Metadata schema = InferSchema(raw, metadata);
  return BuildTable(raw, schema);
}

}  // namespace ersatz
