#include "transform/params.h"

#include <string_view>

#include "table/csv_params.h"

namespace ersatz {

void ApplyTransformParams(const ParamValues& params, TransformPolicy* policy, ScanOptions* scan) {
  policy->locale = params.GetString("locale");
  policy->scope = params.GetString("scope");
  scan->sample_rows = static_cast<std::size_t>(params.GetInt("sample-rows"));
  scan->default_region = params.GetString("region");
}

TransformConfig LoadTransformConfig(const std::string& path) {
  ParamValues values({kCsvReadParams, kTransformOutputParams, kTransformKeyParams, kTransformPolicyParams});
  static constexpr std::string_view kSections[] = {"rules"};
  values.LoadConfigFile(path, kSections);
  TransformConfig config;
  config.policy = LoadTransformPolicy(path);
  ApplyTransformParams(values, &config.policy, &config.scan);
  if (values.IsSet("key-file")) config.key_file = values.GetString("key-file");
  return config;
}

}  // namespace ersatz
