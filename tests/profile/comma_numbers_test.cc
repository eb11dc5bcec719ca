// Numbers written with commas (a decimal comma, thousands separators) are not read as numbers:
// the column stays strings and the profile says why (issue 13, class 4).
#include <gtest/gtest.h>

#include "ersatz/profile.h"
#include "profile/test_util.h"

namespace ersatz {
namespace {

using testing::RawFromText;

TEST(CommaNumbers, NumbersWithCommasAreWarnedAbout) {
  std::string csv = "price\n";
  for (int i = 0; i < 40; ++i) csv += "\"" + std::to_string(i) + ",5\"\n";
  const ColumnSpec c = InferSchema(RawFromText(csv)).columns.at(0);
  EXPECT_NE(c.warning.find("column 'price': numbers written with commas (such as \"0,5\""), std::string::npos)
      << c.warning;
  std::string words = "w\n";
  for (int i = 0; i < 40; ++i) words += "\"a," + std::to_string(i) + "\"\n";
  EXPECT_EQ(InferSchema(RawFromText(words)).columns.at(0).warning, "");
  std::string lists = "codes\n";  // lists of codes, not numbers
  for (int i = 0; i < 40; ++i) lists += "\"1," + std::to_string(i) + ",7\"\n";
  EXPECT_EQ(InferSchema(RawFromText(lists)).columns.at(0).warning, "");
}

}  // namespace
}  // namespace ersatz
