#include "table/value_parse.h"

#include <gtest/gtest.h>

namespace ersatz {
namespace {

bool IsInteger(std::string_view s) {
  std::int64_t v;
  return ParseInteger(s, &v);
}
bool IsFloat(std::string_view s) {
  double v;
  int decimals;
  const bool parsed = ParseFloat(s, &v);
  EXPECT_EQ(ersatz::IsFloat(s, &decimals), parsed) << s;  // the shape check agrees
  return parsed;
}

TEST(ValueParse, ReadsSignedIntegers) {
  std::int64_t v;
  ASSERT_TRUE(ParseInteger("-42", &v));
  EXPECT_EQ(v, -42);
  ASSERT_TRUE(ParseInteger("+7", &v));
  EXPECT_EQ(v, 7);
  ASSERT_TRUE(ParseInteger("0", &v));
  ASSERT_TRUE(ParseInteger("9223372036854775807", &v));
  EXPECT_EQ(v, INT64_MAX);
}

TEST(ValueParse, KeepsCodesWithLeadingZerosAndOverflowOutOfIntegers) {
  EXPECT_FALSE(IsInteger("007"));
  EXPECT_FALSE(IsInteger("-01"));
  EXPECT_FALSE(IsInteger("00"));
  EXPECT_FALSE(IsInteger("9223372036854775808"));
  EXPECT_FALSE(IsInteger("12345678901234567890123"));
  EXPECT_FALSE(IsInteger(""));
  EXPECT_FALSE(IsInteger("-"));
  EXPECT_FALSE(IsInteger("+-5"));
  EXPECT_FALSE(IsInteger(" 5"));
  EXPECT_FALSE(IsInteger("5 "));
  EXPECT_FALSE(IsInteger("4x"));
  EXPECT_FALSE(IsInteger("1.5"));
  EXPECT_FALSE(IsInteger("1.0"));
}

TEST(ValueParse, ReadsWholeNumbersInExponentNotationAsIntegers) {
  std::int64_t v;
  ASSERT_TRUE(ParseInteger("1e+05", &v));
  EXPECT_EQ(v, 100000);
  ASSERT_TRUE(ParseInteger("1.6e+07", &v));
  EXPECT_EQ(v, 16000000);
  EXPECT_FALSE(IsInteger("1.25e+01"));
  EXPECT_FALSE(IsInteger("1e+30"));
}

TEST(ValueParse, ReadsDecimalsAndCountsTheirDigits) {
  double v;
  int decimals = -1;
  ASSERT_TRUE(ParseFloat("-0.50", &v, &decimals));
  EXPECT_EQ(v, -0.5);
  EXPECT_EQ(decimals, 2);
  ASSERT_TRUE(ParseFloat(".5", &v, &decimals));
  EXPECT_EQ(v, 0.5);
  EXPECT_EQ(decimals, 1);
  ASSERT_TRUE(ParseFloat("5.", &v, &decimals));
  EXPECT_EQ(decimals, 0);
  ASSERT_TRUE(ParseFloat("1e5", &v, &decimals));
  EXPECT_EQ(v, 1e5);
  EXPECT_EQ(decimals, 0);
  ASSERT_TRUE(ParseFloat("2.125E-3", &v, &decimals));
  EXPECT_EQ(decimals, 3);
  ASSERT_TRUE(ParseFloat("+3.25", &v));
  EXPECT_TRUE(IsFloat("123.456"));
  EXPECT_TRUE(IsFloat("1e300"));
  EXPECT_EQ(v, 3.25);
}

TEST(ValueParse, RejectsNonNumbersAsFloats) {
  for (const char* s : {"inf", "-inf", "nan", "NaN", "Infinity", "0x1p3", "1e", "e5", ".", "-",
                        "1.2.3", "01.5", "1,5", "1e999", " 1.5", "1.5 "}) {
    EXPECT_FALSE(IsFloat(s)) << s;
  }
}

TEST(ValueParse, RecognisesBooleanTokensCaseInsensitively) {
  BooleanFamily family;
  bool value;
  ASSERT_TRUE(ParseBooleanToken("Yes", &family, &value));
  EXPECT_EQ(family, BooleanFamily::kYesNo);
  EXPECT_TRUE(value);
  ASSERT_TRUE(ParseBooleanToken("FALSE", &family, &value));
  EXPECT_EQ(family, BooleanFamily::kTrueFalse);
  EXPECT_FALSE(value);
  ASSERT_TRUE(ParseBooleanToken("f", &family, &value));
  EXPECT_EQ(family, BooleanFamily::kTF);
  EXPECT_FALSE(ParseBooleanToken("0", &family, &value));
  EXPECT_FALSE(ParseBooleanToken("1", &family, &value));
  EXPECT_FALSE(ParseBooleanToken("maybe", &family, &value));
  EXPECT_FALSE(ParseBooleanToken("yess", &family, &value));
}

TEST(ValueParse, SpellsTheCounterpartInTheSameCase) {
  std::string s;
  EXPECT_EQ(BooleanCounterpart("Yes", BooleanFamily::kYesNo, true, &s), "No");
  EXPECT_EQ(BooleanCounterpart("NO", BooleanFamily::kYesNo, false, &s), "YES");
  EXPECT_EQ(BooleanCounterpart("true", BooleanFamily::kTrueFalse, true, &s), "false");
  EXPECT_EQ(BooleanCounterpart("F", BooleanFamily::kTF, false, &s), "T");
}

}  // namespace
}  // namespace ersatz
