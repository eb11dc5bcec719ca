#include "transform/params.h"

#include <fmt/format.h>
#include <phonenumbers/phonenumberutil.h>

#include <algorithm>
#include <set>
#include <string_view>

#include "table/csv_params.h"

namespace ersatz {

std::string CheckPhoneRegion(std::string_view region) {
  static const std::set<std::string> kRegions = [] {
    std::set<std::string> regions;
    i18n::phonenumbers::PhoneNumberUtil::GetInstance()->GetSupportedRegions(&regions);
    return regions;
  }();
  if (kRegions.count(std::string(region)) > 0) return "";
  std::string upper(region);
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (kRegions.count(upper) > 0) {
    return fmt::format("\"{}\" is not a region code; expected ISO 3166 alpha-2 in capitals: {}", region, upper);
  }
  return fmt::format("\"{}\" is not a region code; expected ISO 3166 alpha-2 such as US, GB, DE", region);
}

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
