#include "table/value_parse.h"

#include <gtest/gtest.h>

#include <bit>
#include <charconv>
#include <cstdint>
#include <string>
#include <vector>

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

// ParseFloat converts short decimals itself (mantissa / 10^k); the result must be bit for bit what
// from_chars gives, signed zeros included.
TEST(ValueParse, ShortDecimalsMatchFromCharsExactly) {
  std::uint64_t state = 7;
  auto next = [&state] {
    state = state * 6364136223846793005ull + 1442695040888963407ull;
    return state >> 11;
  };
  std::vector<std::string> cases = {"0.1", "-0.0", "0.3", "-0", "0.000000000000001",
                                    "999999999999999", "99999999999999.9", ".000000000000005",
                                    "9007199254740993", "1234567890.12345", "0.1234567890123456"};
  for (int i = 0; i < 200000; ++i) {
    const int digits = 1 + static_cast<int>(next() % 17);
    std::string text = next() % 2 ? "-" : "";
    std::string mantissa;
    for (int d = 0; d < digits; ++d) mantissa.push_back(static_cast<char>('0' + next() % 10));
    const std::size_t point = next() % (mantissa.size() + 1);
    const std::string int_part = mantissa.substr(0, point);
    if (int_part.size() > 1 && int_part[0] == '0') continue;  // a code, not a number
    text += int_part + "." + mantissa.substr(point);
    cases.push_back(text);
  }
  for (const std::string& text : cases) {
    double ours = 1, expected = 2;
    ASSERT_TRUE(ParseFloat(text, &ours)) << text;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), expected);
    ASSERT_EQ(r.ptr, text.data() + text.size()) << text;
    EXPECT_EQ(std::bit_cast<std::uint64_t>(ours), std::bit_cast<std::uint64_t>(expected)) << text;
  }
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
