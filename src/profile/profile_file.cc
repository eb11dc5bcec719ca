#include "ersatz/profile.h"

#include "ersatz/csv.h"

namespace ersatz {

ProfiledFile ProfileCsvFile(const std::string& path, const CsvReadOptions& options,
                            const Metadata* overrides) {
  ProfiledFile result;
  result.table = TypeRawTable(ReadCsvRaw(path, options, &result.report), overrides, &result.schema);
  result.profile = ProfileTable(result.table, result.schema, path);
  return result;
}

}  // namespace ersatz
