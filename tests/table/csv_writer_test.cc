// FormatCsv / WriteCsv: quoting rules, nulls, atomic files, and reading back what was written.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <charconv>
#include <csignal>
#include <cmath>
#include <filesystem>
#include <limits>
#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "ersatz/csv.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

namespace fs = std::filesystem;

Column TextColumn(std::string name, const std::vector<std::string>& values) {
  Column c(std::move(name), ColumnKind::kText);
  for (const auto& v : values) c.AppendString(v);
  return c;
}

std::string Format(const Table& t, CsvWriteOptions options = {}, bool header = true) {
  std::string out;
  FormatCsv(t, options, header, &out);
  return out;
}

// A table with one column of each kind the writer formats without datetime support.
Table MixedTable() {
  Table t;
  Column ints("i", ColumnKind::kInteger);
  ints.AppendInteger(-7);
  ints.AppendNull();
  ints.AppendInteger(std::numeric_limits<std::int64_t>::max());
  Column floats("f", ColumnKind::kFloat);
  floats.AppendFloat(0.1);
  floats.AppendFloat(1e300);
  floats.AppendNull();
  Column bools("b", ColumnKind::kBoolean);
  bools.boolean_spelling() = {"Yes", "No"};
  bools.AppendBoolean(true);
  bools.AppendBoolean(false);
  bools.AppendNull();
  Column cats("c", ColumnKind::kCategorical);
  cats.AppendString("a,b");
  cats.AppendNull();
  cats.AppendString("NA");
  t.AddColumn(std::move(ints));
  t.AddColumn(std::move(floats));
  t.AddColumn(std::move(bools));
  t.AddColumn(std::move(cats));
  t.AddColumn(TextColumn("t", {"say \"hi\"", "", " padded "}));
  return t;
}

TEST(CsvWriter, WritesHeaderAndPlainValuesUnquoted) {
  Table t;
  t.AddColumn(TextColumn("name", {"x", "y"}));
  Column n("n", ColumnKind::kInteger);
  n.AppendInteger(1);
  n.AppendInteger(2);
  t.AddColumn(std::move(n));
  EXPECT_EQ(Format(t), "name,n\nx,1\ny,2\n");
  EXPECT_EQ(Format(t, {}, false), "x,1\ny,2\n");
}

TEST(CsvWriter, QuotesValuesThatWouldNotReadBackAsThemselves) {
  Table t;
  t.AddColumn(TextColumn("v", {"a,b", "q\"q", "l1\nl2", "cr\r", " lead", "trail ", "", "NA",
                               "NULL", "#N/A", "plain", "mid space"}));
  t.AddColumn(TextColumn("w", std::vector<std::string>(12, "z")));
  EXPECT_EQ(Format(t),
            "v,w\n\"a,b\",z\n\"q\"\"q\",z\n\"l1\nl2\",z\n\"cr\r\",z\n\" lead\",z\n\"trail \",z\n"
            "\"\",z\n\"NA\",z\n\"NULL\",z\n\"#N/A\",z\nplain,z\nmid space,z\n");
}

TEST(CsvWriter, WritesNullsAsEmptyUnquotedCells) {
  Table t;
  Column a("a", ColumnKind::kInteger);
  a.AppendNull();
  Column b("b", ColumnKind::kText);
  b.AppendString("");
  t.AddColumn(std::move(a));
  t.AddColumn(std::move(b));
  EXPECT_EQ(Format(t), "a,b\n,\"\"\n");
}

TEST(CsvWriter, SpellsNullsOfOneColumnTablesAsNaSoTheyAreNotBlankLines) {
  Table t;
  Column a("a", ColumnKind::kInteger);
  a.AppendInteger(1);
  a.AppendNull();
  t.AddColumn(std::move(a));
  EXPECT_EQ(Format(t), "a\n1\nNA\n");
}

TEST(CsvWriter, QuotesHeaderNamesByTheSameRule) {
  Table t;
  t.AddColumn(TextColumn("a,b", {"1"}));
  t.AddColumn(TextColumn(" c", {"2"}));
  EXPECT_EQ(Format(t), "\"a,b\",\" c\"\n1,2\n");
}

TEST(CsvWriter, UsesDelimiterAndCrlfFromOptions) {
  Table t;
  t.AddColumn(TextColumn("a", {"x;y", "x,y"}));
  t.AddColumn(TextColumn("b", {"1", "2"}));
  EXPECT_EQ(Format(t, {.delimiter = ';', .crlf = true}), "a;b\r\n\"x;y\";1\r\nx,y;2\r\n");
}

TEST(CsvWriter, RejectsQuoteAsDelimiter) {
  Table t;
  t.AddColumn(TextColumn("a", {"x"}));
  EXPECT_THROW(Format(t, {.delimiter = '"'}), ParameterError);
}

TEST(CsvWriter, RoundTripKeepsEveryCellNullAndQuoting) {
  const Table t = MixedTable();
  const RawTable raw = ParseCsv(Format(t), "rt.csv", {});
  ASSERT_EQ(raw.header, t.ColumnNames());
  ASSERT_EQ(raw.num_rows(), t.num_rows());
  for (std::size_t c = 0; c < t.num_columns(); ++c) {
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      const bool is_null = (raw.columns[c][r].flags() & RawField::kNull) != 0;
      EXPECT_EQ(is_null, t.column(c).IsNull(r)) << "column " << c << " row " << r;
      EXPECT_EQ(raw.Field(c, r), t.column(c).FormatValue(r)) << "column " << c << " row " << r;
    }
  }
}

TEST(CsvWriter, RoundTripKeepsFloatsExact) {
  Table t;
  Column f("f", ColumnKind::kFloat);
  const std::vector<double> values = {0.1, 1.0 / 3, -2.5e-310, 6.02214076e23, 123456789.125,
                                      std::nextafter(1.0, 2.0)};
  for (double v : values) f.AppendFloat(v);
  t.AddColumn(std::move(f));
  const RawTable raw = ParseCsv(Format(t), "f.csv", {});
  for (std::size_t r = 0; r < values.size(); ++r) {
    const std::string_view text = raw.Field(0, r);
    double parsed = 0;
    std::from_chars(text.data(), text.data() + text.size(), parsed);
    EXPECT_EQ(parsed, values[r]) << text;
  }
}

TEST(CsvWriter, RoundTripOfOneColumnTableKeepsTrailingNulls) {
  Table t;
  Column a("a", ColumnKind::kText);
  a.AppendString("x");
  a.AppendNull();
  a.AppendNull();
  t.AddColumn(std::move(a));
  const RawTable raw = ParseCsv(Format(t), "one.csv", {});
  ASSERT_EQ(raw.num_rows(), 3u);
  EXPECT_EQ(raw.columns[0][2].flags(), RawField::kNull);
}

class CsvWriterFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("ersatz-csv-writer-" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) +
            "-" + ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }
  fs::path dir_;
};

TEST_F(CsvWriterFiles, WriteCsvWritesWhatFormatCsvFormats) {
  const Table t = MixedTable();
  const std::string path = (dir_ / "out.csv").string();
  WriteCsv(t, path);
  EXPECT_EQ(ReadFile(path), Format(t));
}

TEST_F(CsvWriterFiles, WriteCsvStreamsLargeTablesInChunks) {
  Table t;
  Column a("a", ColumnKind::kInteger);
  for (int i = 0; i < 1'000'000; ++i) a.AppendInteger(i * 1000003LL);
  t.AddColumn(std::move(a));
  const std::string path = (dir_ / "big.csv").string();
  WriteCsv(t, path);
  const RawTable raw = ReadCsvRaw(path, {});
  ASSERT_EQ(raw.num_rows(), 1'000'000u);
  EXPECT_EQ(raw.Field(0, 999'999), std::to_string(999'999 * 1000003LL));
}

TEST_F(CsvWriterFiles, WriteCsvToMissingFolderThrowsIoErrorAndLeavesNothing) {
  const fs::path missing = dir_ / "missing";
  EXPECT_THROW(WriteCsv(MixedTable(), (missing / "out.csv").string()), IoError);
  EXPECT_FALSE(fs::exists(missing));
  EXPECT_TRUE(fs::is_empty(dir_));
}

// Entries left in `dir`, temporaries included.
std::size_t CountEntries(const fs::path& dir) {
  std::size_t entries = 0;
  for ([[maybe_unused]] const auto& e : fs::directory_iterator(dir)) ++entries;
  return entries;
}

TEST_F(CsvWriterFiles, FailedWriteHalfWayDoesNotClobberExistingFile) {
  const std::string path = (dir_ / "keep.csv").string();
  WriteFileAtomically(path, "old,contents\n");
  Table t;
  Column a("a", ColumnKind::kInteger);
  for (int i = 0; i < 1'000'000; ++i) a.AppendInteger(i * 1000003LL);
  t.AddColumn(std::move(a));

  // A file size limit makes the disk "fill up" after the first chunks were written.
  rlimit old_limit{};
  ASSERT_EQ(getrlimit(RLIMIT_FSIZE, &old_limit), 0);
  rlimit small = old_limit;
  small.rlim_cur = 1 << 20;
  const auto old_handler = std::signal(SIGXFSZ, SIG_IGN);
  ASSERT_EQ(setrlimit(RLIMIT_FSIZE, &small), 0);
  EXPECT_THROW(WriteCsv(t, path), IoError);
  setrlimit(RLIMIT_FSIZE, &old_limit);
  std::signal(SIGXFSZ, old_handler);

  EXPECT_EQ(ReadFile(path), "old,contents\n");
  EXPECT_EQ(CountEntries(dir_), 1u);  // no temporary left behind
}

TEST_F(CsvWriterFiles, FailedRenameLeavesNoTemporary) {
  const fs::path blocked = dir_ / "blocked.csv";
  fs::create_directories(blocked / "inside");
  EXPECT_THROW(WriteCsv(MixedTable(), blocked.string()), IoError);
  EXPECT_TRUE(fs::is_directory(blocked / "inside"));
  EXPECT_EQ(CountEntries(dir_), 1u);
}

TEST_F(CsvWriterFiles, InvalidOptionsFailBeforeTouchingTheFile) {
  const std::string path = (dir_ / "keep.csv").string();
  WriteFileAtomically(path, "old,contents\n");
  EXPECT_THROW(WriteCsv(MixedTable(), path, {.delimiter = '\n'}), ParameterError);
  EXPECT_EQ(ReadFile(path), "old,contents\n");
  EXPECT_EQ(CountEntries(dir_), 1u);
}

}  // namespace
}  // namespace ersatz
