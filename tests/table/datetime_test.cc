#include "table/datetime.h"

#include <gtest/gtest.h>

namespace ersatz {
namespace {

std::int64_t Parse(std::string_view text, std::string pattern) {
  std::int64_t micros = 0;
  EXPECT_TRUE(ParseDatetime(text, DatetimeFormat{std::move(pattern), 0}, &micros)) << text;
  return micros;
}

bool Parses(std::string_view text, std::string pattern) {
  std::int64_t micros;
  return ParseDatetime(text, DatetimeFormat{std::move(pattern), 0}, &micros);
}

std::string Format(std::int64_t micros, std::string pattern, int fraction_digits = 0) {
  std::string out;
  FormatDatetime(micros, DatetimeFormat{std::move(pattern), fraction_digits}, &out);
  return out;
}

constexpr std::int64_t kDay = 86'400'000'000;

TEST(Datetime, EpochIsZero) { EXPECT_EQ(Parse("1970-01-01", "%Y-%m-%d"), 0); }

TEST(Datetime, CountsDaysAcrossLeapYearsAndCenturies) {
  EXPECT_EQ(Parse("2000-03-01", "%Y-%m-%d"), 11017 * kDay);
  EXPECT_EQ(Parse("1969-12-31", "%Y-%m-%d"), -kDay);
  EXPECT_EQ(Parse("0000-03-01", "%Y-%m-%d"), -719468 * kDay);
  EXPECT_EQ(Parse("9999-12-31", "%Y-%m-%d"), 2932896 * kDay);
}

TEST(Datetime, AcceptsFebruary29OnlyInLeapYears) {
  EXPECT_TRUE(Parses("2024-02-29", "%Y-%m-%d"));
  EXPECT_TRUE(Parses("2000-02-29", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("1900-02-29", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("2023-02-29", "%Y-%m-%d"));
}

TEST(Datetime, RejectsInvalidFieldsAndTrailingText) {
  EXPECT_FALSE(Parses("2023-13-01", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("2023-04-31", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("2023-04-00", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("2023-04-01 24:00", "%Y-%m-%d %H:%M"));
  EXPECT_FALSE(Parses("2023-04-01 10:60", "%Y-%m-%d %H:%M"));
  EXPECT_FALSE(Parses("2023-04-01x", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("2023-04", "%Y-%m-%d"));
  EXPECT_FALSE(Parses("23-04-01", "%Y-%m-%d"));
}

TEST(Datetime, ReadsTimesFractionsAndZones) {
  const std::int64_t base = Parse("2021-06-15 12:34:56", "%Y-%m-%d %H:%M:%S");
  EXPECT_EQ(base, (18793 * 86400LL + 12 * 3600 + 34 * 60 + 56) * 1'000'000);
  EXPECT_EQ(Parse("2021-06-15T12:34:56.5", "%Y-%m-%dT%H:%M:%S.%f"), base + 500'000);
  EXPECT_EQ(Parse("2021-06-15T12:34:56.123456789", "%Y-%m-%dT%H:%M:%S.%f"), base + 123'456);
  EXPECT_EQ(Parse("2021-06-15T12:34:56Z", "%Y-%m-%dT%H:%M:%S%z"), base);
  EXPECT_EQ(Parse("2021-06-15T14:34:56+02:00", "%Y-%m-%dT%H:%M:%S%z"), base);
  EXPECT_EQ(Parse("2021-06-15T07:04:56-0530", "%Y-%m-%dT%H:%M:%S%z"), base);
  EXPECT_FALSE(Parses("2021-06-15T12:34:56+2", "%Y-%m-%dT%H:%M:%S%z"));
}

TEST(Datetime, RemembersTheNumberOfFractionDigits) {
  std::int64_t micros;
  int digits = -1;
  ASSERT_TRUE(ParseDatetime("2021-06-15 12:34:56.120", DatetimeFormat{"%Y-%m-%d %H:%M:%S.%f", 0},
                            &micros, &digits));
  EXPECT_EQ(digits, 3);
  EXPECT_FALSE(Parses("2021-06-15 12:34:56.1234567890", "%Y-%m-%d %H:%M:%S.%f"));
}

TEST(Datetime, ReadsEpochSeconds) {
  EXPECT_EQ(Parse("1700000000", "%s"), 1'700'000'000'000'000);
  EXPECT_EQ(Parse("-86400", "%s"), -kDay);
  EXPECT_EQ(Parse("-1.5", "%s.%f"), -1'500'000);
}

TEST(Datetime, ReadsUnpaddedMonthsAndDays) {
  EXPECT_EQ(Parse("1/5/2020", "%m/%d/%Y"), Parse("2020-01-05", "%Y-%m-%d"));
  EXPECT_EQ(Parse("5.1.2020", "%d.%m.%Y"), Parse("2020-01-05", "%Y-%m-%d"));
}

TEST(Datetime, FormatsWithPaddingAndUtcOffset) {
  const std::int64_t t = Parse("2021-06-15T14:34:56.25+02:00", "%Y-%m-%dT%H:%M:%S.%f%z");
  EXPECT_EQ(Format(t, "%Y-%m-%dT%H:%M:%S.%f%z", 2), "2021-06-15T12:34:56.25+00:00");
  EXPECT_EQ(Format(t, "%d/%m/%Y %H:%M"), "15/06/2021 12:34");
  EXPECT_EQ(Format(-1, "%Y-%m-%d %H:%M:%S.%f"), "1969-12-31 23:59:59.999999");
  EXPECT_EQ(Format(-1'500'000, "%s.%f", 1), "-1.5");
  EXPECT_EQ(Format(0, "100%% %Y"), "100% 1970");
}

TEST(Datetime, FormatRoundTripsWithParseForEveryCandidate) {
  const std::int64_t samples[] = {0, -kDay, 951'782'400'000'000 /* 2000-02-29 */,
                                  1'700'000'000'123'456, -62'135'596'800'000'000 + 7};
  for (const DatetimeFormat& candidate : CandidateDatetimeFormats()) {
    DatetimeFormat format = candidate;
    if (format.pattern.find("%f") != std::string::npos) format.fraction_digits = 6;
    for (std::int64_t t : samples) {
      std::string text;
      FormatDatetime(t, format, &text);
      std::int64_t back;
      ASSERT_TRUE(ParseDatetime(text, format, &back)) << format.pattern << " " << text;
      std::string again;
      FormatDatetime(back, format, &again);
      EXPECT_EQ(again, text) << format.pattern;
      if (format.fraction_digits == 6) {
        EXPECT_EQ(back, t) << format.pattern;
      }
    }
  }
}

TEST(Datetime, CandidatesPutIsoFirstAndUsBeforeEu) {
  const auto& formats = CandidateDatetimeFormats();
  ASSERT_FALSE(formats.empty());
  EXPECT_EQ(formats.front().pattern, "%Y-%m-%d");
  auto index = [&](const std::string& p) {
    for (std::size_t i = 0; i < formats.size(); ++i) {
      if (formats[i].pattern == p) return static_cast<int>(i);
    }
    return -1;
  };
  EXPECT_GE(index("%Y-%m-%dT%H:%M:%S.%f%z"), 0);
  EXPECT_GE(index("%d.%m.%Y %H:%M:%S"), 0);
  EXPECT_LT(index("%m/%d/%Y"), index("%d/%m/%Y"));
  EXPECT_EQ(index("%s"), -1);  // epoch seconds are never inferred
}

}  // namespace
}  // namespace ersatz
