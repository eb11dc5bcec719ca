// A date column written in two formats (two sources merged) is a datetime column: each value is
// read by its own format and all are written in the first (issue 13, class 4). Before, it was
// typed text and every sampled value was _RARE_.
#include <gtest/gtest.h>

#include "ersatz/csv.h"
#include "ersatz/profile.h"
#include "profile/test_util.h"
#include "table/datetime.h"

namespace ersatz {
namespace {

using testing::RawFromText;

std::string TwoFormatDates(const char* second_format_row) {
  std::string csv = "d\n";
  for (int i = 0; i < 50; ++i) csv += i % 2 == 0 ? "2001-03-04\n" : second_format_row;
  return csv;
}

TEST(MixedDatetime, IsoAndSlashDatesAreOneDatetimeColumn) {
  const RawTable raw = RawFromText(TwoFormatDates("03/14/2001\n"));
  Metadata schema;
  const Table table = TypeRawTable(raw, nullptr, &schema);
  const ColumnSpec& d = schema.columns.at(0);
  ASSERT_EQ(d.type, SemanticType::kDatetime) << d.reason;
  EXPECT_EQ(d.datetime_format->pattern, "%Y-%m-%d|%m/%d/%Y");
  EXPECT_NE(d.reason.find("%Y-%m-%d 25, %m/%d/%Y 25"), std::string::npos) << d.reason;
  EXPECT_EQ(table.column(0).FormatValue(1), "2001-03-14");  // written in the first format
}

TEST(MixedDatetime, AmbiguousSlashDatesSayMonthFirstWasChosen) {
  const Metadata schema = InferSchema(RawFromText(TwoFormatDates("03/04/2001\n")));
  EXPECT_NE(schema.columns.at(0).reason.find("month-first"), std::string::npos) << schema.columns.at(0).reason;
}

TEST(MixedDatetime, MonthFirstAndDayFirstTogetherStayText) {
  std::string csv = "d\n";
  for (int i = 0; i < 50; ++i) csv += i % 2 == 0 ? "12/31/2001\n" : "31/12/2001\n";
  const ColumnSpec d = InferSchema(RawFromText(csv)).columns.at(0);
  EXPECT_NE(d.type, SemanticType::kDatetime);
  EXPECT_NE(d.warning.find("column 'd': month-first and day-first dates together (%m/%d/%Y 25, %d/%m/%Y 25)"),
            std::string::npos) << d.warning;
}

TEST(MixedDatetime, FormatsWithDifferentFieldsStayText) {
  // Writing "03/14/2001 10:30" as a plain date would drop its time.
  const ColumnSpec d = InferSchema(RawFromText(TwoFormatDates("03/14/2001 10:30\n"))).columns.at(0);
  EXPECT_NE(d.type, SemanticType::kDatetime);
  EXPECT_NE(d.warning.find("dates in formats that spell different fields"), std::string::npos) << d.warning;
}

TEST(MixedDatetime, PatternAlternativesParseInOrderAndFormatInTheFirst) {
  const DatetimeFormat format{"%d.%m.%Y|%Y-%m-%d", 0};
  std::int64_t a = 0, b = 0;
  ASSERT_TRUE(ParseDatetime("04.03.2001", format, &a));
  ASSERT_TRUE(ParseDatetime("2001-03-04", format, &b));
  EXPECT_EQ(a, b);
  EXPECT_FALSE(ParseDatetime("03/04/2001", format, &a));
  std::string out;
  FormatDatetime(b, format, &out);
  EXPECT_EQ(out, "04.03.2001");
}

}  // namespace
}  // namespace ersatz
