// The parameters of a PII transformation, declared once: `ersatz transform` takes them all,
// `ersatz fit --transform` takes the key file and reads the rest from the transform.yaml it is given.
#pragma once

#include <string>
#include <string_view>

#include "ersatz/params.h"
#include "ersatz/transform.h"

namespace ersatz {

// "" when `region` is a region libphonenumber knows (US, GB, DE, ...), else what is wrong: an
// unknown region would leave every phone number without a country code undetected.
std::string CheckPhoneRegion(std::string_view region);

inline constexpr ParamSpec kTransformOutputParams[] = {
    {"output", ParamType::kOutputPath, "", {}, "Where to write the transformed CSV (atomically).", {}, 'o', true},
};

inline constexpr ParamSpec kTransformKeyParams[] = {
    {"key-file", ParamType::kInputPath, "", {},
     "Secret key behind fakes and hashes (64 hex digits), created with mode 0600 on first use; "
     "refused when other users may read it. Default: $XDG_CONFIG_HOME/ersatz/transform.key, else "
     "$HOME/.config/ersatz/transform.key (with neither set, this flag is required)."},
};

inline constexpr ParamSpec kTransformPolicyParams[] = {
    {"locale", ParamType::kString, "en", {}, "Language of fake names and addresses.", "en|de|fr|es|it"},
    {"scope", ParamType::kString, "default", {},
     "Mixed into every fake and hash: the same value gets the same replacement within one scope "
     "(and key), in every file and run."},
    {"sample-rows", ParamType::kInt, "2000", Range{10, 1e7},
     "First rows on which each column's entity is decided."},
    {"region", ParamType::kString, "US", {},
     "Country (ISO 3166 alpha-2 code, such as US, GB, DE) assumed for phone numbers written without "
     "a country code.", {}, 0, false, CheckPhoneRegion},
};

// Locale and scope into the policy, sample rows and region into the scan options.
void ApplyTransformParams(const ParamValues& params, TransformPolicy* policy, ScanOptions* scan);

// A transform.yaml exactly as `ersatz transform --config` accepts it: its `rules:`, the policy
// parameters above and the key file (its CSV and output keys belong to the verb that reads it).
struct TransformConfig {
  TransformPolicy policy;
  ScanOptions scan;
  std::string key_file;  // "" when the file names none
};
// ParameterError naming the file (and line and column) for unknown keys and malformed values.
TransformConfig LoadTransformConfig(const std::string& path);

}  // namespace ersatz
