// A categorical column whose values are nearly all rare would be sampled as _RARE_ throughout,
// a number column with too few values to protect as one median: the encoder says so, naming
// the column (issue 13, class 4).
#include <gtest/gtest.h>

#include "encode/categorical_encoder.h"
#include "encode/numeric_encoder.h"

namespace ersatz::encode {
namespace {

TEST(RareWarning, ColumnOfUniqueValuesIsWarnedAbout) {
  Column column("code", ColumnKind::kCategorical);
  for (int i = 0; i < 200; ++i) column.AppendString("v" + std::to_string(i));
  const CategoricalEncoder encoder(column, EncodeOptions{});
  EXPECT_TRUE(encoder.categories().empty());
  EXPECT_NE(encoder.warning().find("column 'code'"), std::string::npos) << encoder.warning();
  EXPECT_NE(encoder.warning().find("200 of its 200 values"), std::string::npos) << encoder.warning();
}

TEST(RareWarning, OrdinaryCategoriesAreNot) {
  Column column("colour", ColumnKind::kCategorical);
  for (int i = 0; i < 200; ++i) column.AppendString(i % 3 == 0 ? "red" : (i == 7 ? "teal" : "blue"));
  EXPECT_TRUE(CategoricalEncoder(column, EncodeOptions{}).warning().empty());
  Column unique("u", ColumnKind::kCategorical);
  for (int i = 0; i < 200; ++i) unique.AppendString("v" + std::to_string(i));
  EXPECT_TRUE(CategoricalEncoder(unique, EncodeOptions{.value_protection = false}).warning().empty());
}

TEST(RareWarning, NumbersTooFewToProtectAreWarnedAbout) {
  // 8 values, fewer than twice any threshold (5-7): all become their median.
  Column column("score", ColumnKind::kFloat);
  for (int i = 0; i < 100; ++i) i < 8 ? column.AppendFloat(i * 1.5) : column.AppendNull();
  const auto encoder = FitNumericEncoder(column, EncodeOptions{}, nullptr);
  EXPECT_NE(encoder->warning().find("column 'score': only 8 values"), std::string::npos) << encoder->warning();
  EXPECT_TRUE(FitNumericEncoder(column, {.value_protection = false}, nullptr)->warning().empty());
}

}  // namespace
}  // namespace ersatz::encode
