#include "table/csv_params.h"

namespace ersatz {

CsvReadOptions CsvReadOptionsFromParams(const ParamValues& params) {
  CsvReadOptions options;
  const std::string delimiter = params.GetString("delimiter");
  if (delimiter == "comma") options.delimiter = ',';
  if (delimiter == "semicolon") options.delimiter = ';';
  if (delimiter == "tab") options.delimiter = '\t';
  if (delimiter == "pipe") options.delimiter = '|';
  options.null_tokens = {""};
  for (auto& token : params.GetList("null-values")) {
    if (!token.empty()) options.null_tokens.push_back(std::move(token));
  }
  options.skip_bad_rows = params.GetFlag("skip-bad-rows");
  return options;
}

}  // namespace ersatz
