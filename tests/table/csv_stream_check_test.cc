// CsvStreamCheck: the CSV limits applied while the bytes of a pipe or FIFO arrive (issue 13), and
// that it never refuses what ParseCsv accepts.
#include "table/csv_stream_check.h"

#include <gtest/gtest.h>

#include <string>

#include "ersatz/csv.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

// Feeds `text` in pieces of `piece` bytes; returns the DataError's message and how many bytes had
// been fed when it was thrown, or "" and the whole size.
std::pair<std::string, std::size_t> FeedAll(const std::string& text, std::size_t piece,
                                            CsvReadOptions options = {}) {
  CsvStreamCheck check("s.csv", options);
  std::size_t fed = 0;
  try {
    while (fed < text.size()) {
      const std::size_t n = std::min(piece, text.size() - fed);
      fed += n;
      check.Feed(std::string_view(text).substr(fed - n, n));
    }
  } catch (const DataError& e) {
    return {e.what(), fed};
  }
  return {"", fed};
}

// A valid table larger than the delimiter-detection window, so the check scans it all.
std::string ValidTable() {
  std::string text = "\xEF\xBB\xBFid;note;\"quoted; name\"\r\n";
  for (int i = 0; i < 5000; ++i) {
    text += std::to_string(i) + ";\"line one\nline \"\"two\"\";x\";é" + std::to_string(i % 7) + "\r\n";
  }
  return text;
}

TEST(CsvStreamCheck, AcceptsWhatParseCsvAccepts) {
  const std::string text = ValidTable();
  ASSERT_NO_THROW(ParseCsv(text, "s.csv", {}));
  for (std::size_t piece : {1u, 7u, 4096u, 1u << 20}) {
    EXPECT_EQ(FeedAll(text, piece).first, "") << piece;
  }
  const std::string long_cell = "a,b\n" + std::string(RawField::kMaxLength, 'x') + ",\"" +
                                std::string(RawField::kMaxLength, 'y') + "\"\r\n";
  ASSERT_NO_THROW(ParseCsv(long_cell, "s.csv", {}));
  EXPECT_EQ(FeedAll(long_cell, 65536).first, "");
}

TEST(CsvStreamCheck, FollowsRecordEndsOutsideQuotes) {
  CsvStreamCheck check("s.csv", {});
  check.Feed("a,b\n1,\"x\ny\"");
  EXPECT_EQ(check.last_record_end(), 4u);
  check.Feed("\n2,3");
  EXPECT_EQ(check.last_record_end(), 12u);
}

TEST(CsvStreamCheck, StopsAnEndlessCellSoonAfterTheLimit) {
  const std::string text = "a,b\n1," + std::string(8u << 20, 'x');
  const auto [message, fed] = FeedAll(text, 65536);
  EXPECT_EQ(message, "s.csv:2:3: field longer than 2097151 bytes, the most a cell can hold");
  EXPECT_LE(fed, RawField::kMaxLength + 2 * 65536);
  const std::string quoted = "a\n\"" + std::string(8u << 20, '\n');  // an unterminated quote
  EXPECT_EQ(FeedAll(quoted, 65536).first.substr(0, 18), "s.csv:2:1: field l");
}

TEST(CsvStreamCheck, RefusesNulBytesAndEndlessHeadersAndRows) {
  EXPECT_EQ(FeedAll(std::string(1u << 20, '\0'), 65536).first,
            "s.csv:1:1: NUL byte: a binary file, expected CSV text");
  std::string wide;
  for (std::size_t i = 0; i < kMaxCsvColumns + 10; ++i) wide += "c,";
  EXPECT_EQ(FeedAll(wide, 65536).first,
            "s.csv:1:131073: more than 65536 fields on one header, the most ersatz reads");
  std::string ragged = "a,b\n1,2\n";
  for (int i = 0; i < 40000; ++i) ragged += "3,";
  EXPECT_EQ(FeedAll(ragged, 65536).first, "s.csv:3:5: expected 2 fields, found more");
  // Skipped bad rows may be ragged, but never wider than the column limit.
  CsvReadOptions skip;
  skip.skip_bad_rows = true;
  EXPECT_EQ(FeedAll(ragged, 65536, skip).first, "");
  EXPECT_NE(FeedAll(ragged + wide, 65536, skip).first.find("more than 65536 fields on one row"),
            std::string::npos);
}

TEST(CsvStreamCheck, ParseCsvAppliesTheSameLimitsToAWholeBuffer) {
  auto error_of = [](std::string text) {
    try {
      ParseCsv(std::move(text), "x.csv", {});
    } catch (const DataError& e) {
      return std::string(e.what());
    }
    return std::string();
  };
  EXPECT_EQ(error_of(std::string("a,b\n1,\0", 7)), "x.csv:2:3: NUL byte: a binary file, expected CSV text");
  std::string wide;
  for (std::size_t i = 0; i <= kMaxCsvColumns; ++i) wide += "c" + std::to_string(i) + ",";
  wide.back() = '\n';
  EXPECT_NE(error_of(wide).find("more than 65536 fields on one header"), std::string::npos);
}

}  // namespace
}  // namespace ersatz
