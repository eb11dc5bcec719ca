// --region must be a region libphonenumber knows (issue 13, class 4): "usa" used to be accepted,
// and then no phone number written without a country code was found.
#include <gtest/gtest.h>

#include "ersatz/error.h"
#include "ersatz/params.h"
#include "transform/params.h"

namespace ersatz {
namespace {

std::string ErrorOf(std::string_view value) {
  ParamValues values(kTransformPolicyParams);
  try {
    values.Set("region", value, "--region");
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "";
}

TEST(RegionParam, AcceptsRegionCodes) {
  for (const char* region : {"US", "GB", "DE", "FR", "JP"}) EXPECT_EQ(ErrorOf(region), "") << region;
}

TEST(RegionParam, RejectsOtherValuesNamingParameterValueAndExpected) {
  EXPECT_EQ(ErrorOf("usa"), "--region: \"usa\" is not a region code; expected ISO 3166 alpha-2 such as US, GB, DE");
  EXPECT_EQ(ErrorOf("de"), "--region: \"de\" is not a region code; expected ISO 3166 alpha-2 in capitals: DE");
  EXPECT_NE(ErrorOf("ZZ"), "");
  EXPECT_NE(ErrorOf(""), "");
}

}  // namespace
}  // namespace ersatz
