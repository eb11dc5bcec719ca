// Helpers shared by the profile tests: CSV text or bundled files to RawTable, column kinds by name.
#pragma once

#include <map>
#include <string>

#include "ersatz/csv.h"
#include "ersatz/metadata.h"

namespace ersatz::testing {

inline RawTable RawFromText(std::string text, std::string source = "data.csv") {
  return ParseCsv(std::move(text), std::move(source), CsvReadOptions{});
}

// A file under the source tree (tests/data/..., data/...): the tests never need /work/shared.
inline RawTable RawFromFile(const std::string& relative) {
  CsvReadOptions options;
  options.delimiter = ',';
  return ReadCsvRaw(std::string(ERSATZ_SOURCE_DIR) + "/" + relative, options);
}

inline std::map<std::string, std::string> TypesByName(const Metadata& schema) {
  std::map<std::string, std::string> types;
  for (const auto& c : schema.columns) types[c.name] = std::string(SemanticTypeName(c.type));
  return types;
}

}  // namespace ersatz::testing
