// The cell-by-cell transformer behind `ersatz transform` and `ersatz fit --transform`: the cache
// of recent values never changes an output, and the in-memory path gives the file path's cells.
#include <gtest/gtest.h>

#include <fmt/format.h>

#include <map>

#include "cli/run_cli.h"
#include "ersatz/transform.h"
#include "transform/test_key.h"
#include "transform/operators.h"

namespace ersatz::transform {
namespace {

// 12,000 unique e-mails (the cache gives up on them), then a few repeated 80,000 times (it
// comes back), then the first ones again: every cell must be the operator's own output.
std::string EmailsCsv() {
  std::string text = "email,n\n";
  for (int i = 0; i < 12000; ++i) text += fmt::format("user{}@corp.com,{}\n", i, i);
  for (int i = 0; i < 80000; ++i) text += fmt::format("user{}@corp.com,{}\n", i % 7, i);
  for (int i = 0; i < 3000; ++i) text += fmt::format("user{}@corp.com,{}\n", i, i);
  return text;
}

TEST(CsvTransformer, EveryCellIsTheOperatorsOutputWhateverTheCacheDid) {
  const std::string text = EmailsCsv();
  const RawTable in = ParseCsv(text, "emails.csv", {});
  TransformReport report;
  const RawTable out = TransformRawTable(in, DefaultTransformPolicy(), Key(4), {}, &report);
  ASSERT_EQ(report.actions.size(), 2u);
  EXPECT_EQ(report.actions[0].op, TransformOp::kFake);
  EXPECT_EQ(report.actions[1].op, TransformOp::kKeep);
  ASSERT_EQ(out.num_rows(), in.num_rows());
  Operators ops(Key(4), "default", "en");
  std::map<std::string, std::string> seen;
  for (std::size_t r = 0; r < in.num_rows(); ++r) {
    const std::string original(in.Field(0, r));
    const std::string fake(out.Field(0, r));
    ASSERT_EQ(fake, ops.Fake(PiiEntity::kEmail, original)) << "row " << r;
    EXPECT_EQ(out.Field(1, r), in.Field(1, r));
  }
}

TEST(CsvTransformer, TheInMemoryPathGivesTheFilePathsCells) {
  ersatz::testing::TempDir dir;
  const std::string text =
      "id,first_name,email,notes\n"
      "1,Alice,alice@corp.com,\"Call Alice Johnson at (212) 734-5678 about the invoice, please\"\n"
      "2,Robert,,Customer asked for a refund by mail to bob.smith@corp.com today\n"
      "3,Alice,alice@corp.com,Nothing special to report about this order for the customer\n";
  const std::string in = dir.Write("in.csv", text);
  TransformCsvFile(in, dir.File("out.csv"), {}, DefaultTransformPolicy(), Key(5));
  const RawTable from_file = ParseCsv(ersatz::testing::ReadText(dir.File("out.csv")), "out.csv", {});
  const RawTable from_memory = TransformRawTable(ParseCsv(text, in, {}), DefaultTransformPolicy(), Key(5));
  ASSERT_EQ(from_memory.header, from_file.header);
  ASSERT_EQ(from_memory.num_rows(), 3u);
  for (std::size_t c = 0; c < from_file.header.size(); ++c) {
    for (std::size_t r = 0; r < 3; ++r) EXPECT_EQ(from_memory.Field(c, r), from_file.Field(c, r));
  }
  EXPECT_TRUE(from_memory.columns[2][1].flags() & RawField::kNull);  // missing stays missing
  EXPECT_EQ(from_memory.Field(3, 1), "Customer asked for a refund by mail to <EMAIL> today");
}

TEST(CsvTransformer, OnlyMissingCellsReadBackAsMissing) {
  CsvReadOptions options;
  options.null_tokens = {""};  // "NA" is Namibia here, not a missing value
  const RawTable in = ParseCsv("country,email\nNA,a@corp.com\n,b@corp.com\nDE,c@corp.com\n", "c.csv", options);
  const RawTable out = TransformRawTable(in, DefaultTransformPolicy(), Key(6));
  EXPECT_EQ(out.Field(0, 0), "NA");
  EXPECT_FALSE(out.columns[0][0].flags() & RawField::kNull);
  EXPECT_TRUE(out.columns[0][1].flags() & RawField::kNull);
  EXPECT_EQ(out.Field(0, 2), "DE");
}

}  // namespace
}  // namespace ersatz::transform
