// ParseCsv / RawTable: how text is split into cells, and the exact errors for malformed input.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

RawTable Parse(std::string text, CsvReadOptions options = {}, CsvReadReport* report = nullptr) {
  return ParseCsv(std::move(text), "x.csv", options, report);
}

// All cells of a column as text.
std::vector<std::string> Cells(const RawTable& t, std::size_t col) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < t.num_rows(); ++r) out.emplace_back(t.Field(col, r));
  return out;
}

// The DataError message ParseCsv throws for `text`, or "" when it parses.
std::string ErrorOf(std::string text, CsvReadOptions options = {}) {
  try {
    Parse(std::move(text), options);
  } catch (const DataError& e) {
    return e.what();
  }
  return "";
}

using Strings = std::vector<std::string>;

TEST(CsvReader, SplitsHeaderAndRows) {
  const RawTable t = Parse("a,b\n1,2\n3,4\n");
  EXPECT_EQ(t.header, (Strings{"a", "b"}));
  ASSERT_EQ(t.num_rows(), 2u);
  EXPECT_EQ(Cells(t, 0), (Strings{"1", "3"}));
  EXPECT_EQ(Cells(t, 1), (Strings{"2", "4"}));
}

TEST(CsvReader, ReadsQuotedFieldsWithDelimiters) {
  const RawTable t = Parse("a,b\n\"x,y\",2\n");
  EXPECT_EQ(t.Field(0, 0), "x,y");
  EXPECT_EQ(t.columns[0][0].flags(), RawField::kQuoted);
  EXPECT_EQ(t.Field(1, 0), "2");
}

TEST(CsvReader, CollapsesDoubledQuotesIntoUnescapedAndLeavesBufferUntouched) {
  const std::string text = "a,b\n\"say \"\"hi\"\"\",2\n";
  const RawTable t = Parse(text);
  EXPECT_EQ(t.Field(0, 0), "say \"hi\"");
  EXPECT_EQ(t.columns[0][0].flags(), RawField::kQuoted | RawField::kUnescaped);
  EXPECT_EQ(t.buffer, text);
  EXPECT_EQ(t.Where(0, 0), "x.csv:2:1");
  EXPECT_EQ(t.Where(1, 0), "x.csv:2:14");
}

TEST(CsvReader, KeepsEmbeddedNewlinesInsideQuotes) {
  const RawTable t = Parse("a,b\n\"line1\nline2\",2\n3,4\n");
  ASSERT_EQ(t.num_rows(), 2u);
  EXPECT_EQ(t.Field(0, 0), "line1\nline2");
  EXPECT_EQ(t.Field(0, 1), "3");
  EXPECT_EQ(t.Where(0, 1), "x.csv:4:1");
}

TEST(CsvReader, StripsCarriageReturnOfCrlfLineEnds) {
  const RawTable t = Parse("a,b\r\n1,2\r\n\"3\",\"4\"\r\n");
  EXPECT_EQ(t.header, (Strings{"a", "b"}));
  EXPECT_EQ(Cells(t, 0), (Strings{"1", "3"}));
  EXPECT_EQ(Cells(t, 1), (Strings{"2", "4"}));
}

TEST(CsvReader, KeepsCarriageReturnInsideAField) {
  const RawTable t = Parse("a,b\nx\ry,2\n");
  EXPECT_EQ(t.Field(0, 0), "x\ry");
}

TEST(CsvReader, SkipsUtf8ByteOrderMark) {
  const RawTable t = Parse("\xEF\xBB\xBF" "a,b\n1,2\n");
  EXPECT_EQ(t.header, (Strings{"a", "b"}));
  EXPECT_EQ(t.Where(0, 0), "x.csv:2:1");
}

TEST(CsvReader, ReadsFinalLineWithoutNewline) {
  const RawTable t = Parse("a,b\n1,2\n3,4");
  EXPECT_EQ(Cells(t, 1), (Strings{"2", "4"}));
  const RawTable q = Parse("a,b\n1,\"2\"");
  EXPECT_EQ(q.Field(1, 0), "2");
}

TEST(CsvReader, IgnoresBlankTrailingLines) {
  const RawTable t = Parse("a,b\n1,2\n\n\r\n\n");
  EXPECT_EQ(t.num_rows(), 1u);
}

TEST(CsvReader, ReadsBlankLineInOneColumnFileAsNull) {
  const RawTable t = Parse("a\n1\n\n2\n");
  ASSERT_EQ(t.num_rows(), 3u);
  EXPECT_EQ(t.columns[0][1].flags(), RawField::kNull);
}

TEST(CsvReader, HeaderWithoutRowsIsAnEmptyTable) {
  const RawTable t = Parse("a,b,c\n");
  EXPECT_EQ(t.header, (Strings{"a", "b", "c"}));
  EXPECT_EQ(t.columns.size(), 3u);
  EXPECT_EQ(t.num_rows(), 0u);
  EXPECT_EQ(Parse("a,b").num_rows(), 0u);
}

TEST(CsvReader, TrailingDelimiterMakesAnEmptyLastField) {
  const RawTable t = Parse("a,b\n1,\n2,");
  EXPECT_EQ(Cells(t, 1), (Strings{"", ""}));
}

TEST(CsvReader, MarksUnquotedNullTokensAsNull) {
  const RawTable t = Parse("a,b,c,d\nNA,,NULL,x\n");
  EXPECT_EQ(t.columns[0][0].flags(), RawField::kNull);
  EXPECT_EQ(t.columns[1][0].flags(), RawField::kNull);
  EXPECT_EQ(t.columns[2][0].flags(), RawField::kNull);
  EXPECT_EQ(t.columns[3][0].flags(), 0);
}

TEST(CsvReader, QuotedNullTokensAreRealStrings) {
  const RawTable t = Parse("a,b\n\"\",\"NA\"\n");
  EXPECT_EQ(t.columns[0][0].flags(), RawField::kQuoted);
  EXPECT_EQ(t.columns[1][0].flags(), RawField::kQuoted);
  EXPECT_EQ(t.Field(1, 0), "NA");
}

TEST(CsvReader, UsesCustomNullTokens) {
  CsvReadOptions options;
  options.null_tokens = {"-"};
  const RawTable t = Parse("a,b\n-,\n", options);
  EXPECT_EQ(t.columns[0][0].flags(), RawField::kNull);
  EXPECT_EQ(t.columns[1][0].flags(), 0);  // "" is not a token here
}

TEST(CsvReader, DefaultNullTokensAreTheDocumentedOnes) {
  EXPECT_EQ(DefaultNullTokens(), (Strings{"", "NA", "N/A", "NULL", "null", "NaN", "#N/A"}));
}

TEST(CsvReader, DetectsSemicolonTabAndPipeDelimiters) {
  CsvReadReport report;
  EXPECT_EQ(Parse("a;b\n1,5;2\n3,5;4\n", {}, &report).Field(0, 0), "1,5");
  EXPECT_EQ(report.delimiter, ';');
  EXPECT_EQ(Parse("a\tb\n1\t2\n", {}, &report).Field(1, 0), "2");
  EXPECT_EQ(report.delimiter, '\t');
  EXPECT_EQ(Parse("a|b\n1|2\n", {}, &report).Field(1, 0), "2");
  EXPECT_EQ(report.delimiter, '|');
}

TEST(CsvReader, DetectionIgnoresDelimitersInsideQuotes) {
  CsvReadReport report;
  const RawTable t = Parse("a;b\n\"x,y,z\";2\n\"p\";3\n", {}, &report);
  EXPECT_EQ(report.delimiter, ';');
  EXPECT_EQ(t.Field(0, 0), "x,y,z");
}

TEST(CsvReader, DefaultsToCommaWhenNoDelimiterIsFound) {
  CsvReadReport report;
  const RawTable t = Parse("value\n1\n2\n", {}, &report);
  EXPECT_EQ(report.delimiter, ',');
  EXPECT_EQ(t.num_rows(), 2u);
}

TEST(CsvReader, HonoursAnExplicitDelimiter) {
  CsvReadOptions options;
  options.delimiter = ';';
  const RawTable t = Parse("a,b\n1,2\n", options);
  EXPECT_EQ(t.header, (Strings{"a,b"}));
}

TEST(CsvReader, RejectsQuoteAsDelimiter) {
  CsvReadOptions options;
  options.delimiter = '"';
  EXPECT_THROW(Parse("a\n", options), ParameterError);
}

TEST(CsvReader, PositionsCountCharactersNotBytes) {
  const RawTable t = Parse("a,b\n\xC3\xA9t\xC3\xA9,x\n");
  EXPECT_EQ(t.Where(1, 0), "x.csv:2:5");
  EXPECT_EQ(t.PositionOf(1, 0).line, 2u);
  EXPECT_EQ(t.PositionOf(1, 0).column, 5u);
}

TEST(CsvReader, ReportsBytesRowsAndDelimiter) {
  CsvReadReport report;
  Parse("a;b\n1;2\n", {}, &report);
  EXPECT_EQ(report.bytes, 8u);
  EXPECT_EQ(report.rows, 1u);
  EXPECT_EQ(report.delimiter, ';');
}

// --- errors ---

TEST(CsvReader, RejectsInvalidUtf8NamingTheByte) {
  EXPECT_EQ(ErrorOf("a,b\n1,2\nxy,\xC3\xA9zzzzzzzzz\xFF\n"), "x.csv:3:14: invalid UTF-8 byte 0xff");
}

TEST(CsvReader, RejectsTruncatedOverlongAndSurrogateSequences) {
  EXPECT_EQ(ErrorOf("a\n\xC3("), "x.csv:2:1: invalid UTF-8 byte 0xc3");
  EXPECT_EQ(ErrorOf("a\nb\xC0\x80"), "x.csv:2:2: invalid UTF-8 byte 0xc0");
  EXPECT_EQ(ErrorOf("a\n\xED\xA0\x80"), "x.csv:2:1: invalid UTF-8 byte 0xed");
  EXPECT_EQ(ErrorOf("a\n\xF4\x90\x80\x80"), "x.csv:2:1: invalid UTF-8 byte 0xf4");
  EXPECT_EQ(ErrorOf("a\n\xE2\x82"), "x.csv:2:1: invalid UTF-8 byte 0xe2");
  EXPECT_EQ(ErrorOf("a,b\n\xF0\x9F\x98\x80,\xE2\x82\xAC"), "");  // emoji and euro are fine
}

TEST(CsvReader, FindsInvalidUtf8AfterLongAsciiRuns) {
  std::string text = "a\n" + std::string(1000, 'x') + "\x80";
  EXPECT_EQ(ErrorOf(text), "x.csv:2:1001: invalid UTF-8 byte 0x80");
}

TEST(CsvReader, RejectsUnterminatedQuoteWhereItOpened) {
  EXPECT_EQ(ErrorOf("a,b\n1,2\n3,\"abc\n4,5\n"),
            "x.csv:3:3: unterminated quoted field (opened here)");
}

TEST(CsvReader, RejectsCharactersAfterClosingQuote) {
  EXPECT_EQ(ErrorOf("a,b\n\"ab\"c,2\n"),
            "x.csv:2:5: expected ',' or end of line after closing quote, found 'c'");
  EXPECT_EQ(ErrorOf("a;b\n\"ab\" ;2\n"),
            "x.csv:2:5: expected ';' or end of line after closing quote, found ' '");
}

TEST(CsvReader, RejectsEmptyFile) {
  EXPECT_EQ(ErrorOf(""), "x.csv: empty file: expected a header row");
  EXPECT_EQ(ErrorOf("\xEF\xBB\xBF"), "x.csv: empty file: expected a header row");
  EXPECT_EQ(ErrorOf("\n\r\n"), "x.csv: empty file: expected a header row");
}

TEST(CsvReader, RejectsEmptyColumnName) {
  EXPECT_EQ(ErrorOf("a,b,,d\n1,2,3,4\n"), "x.csv:1:5: empty column name in header (column 3)");
  EXPECT_EQ(ErrorOf("a,\"\"\n"), "x.csv:1:3: empty column name in header (column 2)");
}

TEST(CsvReader, RejectsDuplicateColumnNameNamingBothColumns) {
  EXPECT_EQ(ErrorOf("id,age,x,age\n"),
            "x.csv:1:10: duplicate column name 'age' in header (columns 2 and 4)");
}

TEST(CsvReader, RejectsRaggedRow) {
  EXPECT_EQ(ErrorOf("a,b,c\n1,2,3\n1,2\n"), "x.csv:3:1: expected 3 fields, found 2");
  EXPECT_EQ(ErrorOf("a,b,c\n1,2,3,4\n"), "x.csv:2:1: expected 3 fields, found 4");
}

TEST(CsvReader, RejectsBlankLineInTheMiddleOfAWideFile) {
  EXPECT_EQ(ErrorOf("a,b\n1,2\n\n3,4\n"), "x.csv:3:1: expected 2 fields, found 1");
}

TEST(CsvReader, SkipsRaggedRowsWhenAskedAndKeepsFirstFiveMessages) {
  CsvReadOptions options;
  options.skip_bad_rows = true;
  std::string text = "a,b\n1,2\n";
  for (int i = 0; i < 7; ++i) text += "x\n";
  text += "3,4,5\n6,7\n";
  CsvReadReport report;
  const RawTable t = Parse(text, options, &report);
  EXPECT_EQ(Cells(t, 0), (Strings{"1", "6"}));
  EXPECT_EQ(Cells(t, 1), (Strings{"2", "7"}));
  EXPECT_EQ(report.rows, 2u);
  EXPECT_EQ(report.skipped_rows, 8u);
  ASSERT_EQ(report.skipped_examples.size(), 5u);
  EXPECT_EQ(report.skipped_examples[0], "x.csv:3:1: expected 2 fields, found 1");
  EXPECT_EQ(report.skipped_examples[4], "x.csv:7:1: expected 2 fields, found 1");
}

TEST(CsvReader, ReadCsvRawThrowsIoErrorForMissingFile) {
  EXPECT_THROW(ReadCsvRaw("/nonexistent/x.csv", {}), IoError);
}

TEST(CsvReader, ParsesAdultDataset) {
  CsvReadReport report;
  const RawTable t = ReadCsvRaw(std::string(ERSATZ_SOURCE_DIR) + "/data/adult.csv", {}, &report);
  EXPECT_EQ(t.num_rows(), 32561u);
  ASSERT_EQ(t.columns.size(), 15u);
  for (const auto& column : t.columns) EXPECT_EQ(column.size(), 32561u);
  EXPECT_EQ(t.header.front(), "age");
  EXPECT_EQ(t.header.back(), "income");
  EXPECT_EQ(t.Field(0, 0), "39");
  EXPECT_EQ(report.delimiter, ',');
}

}  // namespace
}  // namespace ersatz
