#include "ersatz/profile.h"

namespace ersatz {

ProfiledFile ProfileCsvFile(const std::string& path, const CsvReadOptions& options,
                            const Metadata* overrides) {
  ProfiledFile result;
  RawTable raw = ReadCsvRaw(path, options, &result.report);
  result.schema = InferSchema(raw, overrides);
  result.table = BuildTable(raw, result.schema);
  result.profile = ProfileTable(result.table, result.schema, path);
  return result;
}

}  // namespace ersatz
