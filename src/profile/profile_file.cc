#include "ersatz/profile.h"
#include "profile/parsed_numbers.h"

namespace ersatz {

ProfiledFile ProfileCsvFile(const std::string& path, const CsvReadOptions& options,
                            const Metadata* overrides) {
  ProfiledFile result;
  RawTable raw = ReadCsvRaw(path, options, &result.report);
  std::vector<ParsedNumbers> parsed;
  result.schema = InferSchema(raw, overrides, &parsed);
  result.table = BuildTable(raw, result.schema, &parsed);
  result.profile = ProfileTable(result.table, result.schema, path);
  return result;
}

}  // namespace ersatz
