#include "transform/csv_chunks.h"

#include <gtest/gtest.h>

#include "cli/run_cli.h"
#include "ersatz/error.h"

namespace ersatz::transform {
namespace {

TEST(CsvChunkReader, ErrorsInLaterChunksNameTheFilesOwnLine) {
  testing::TempDir dir;
  std::string csv = "id,name\n";
  for (int i = 1; i <= 200; ++i) csv += std::to_string(i) + ",\"n\n" + std::to_string(i) + "\"\n";
  csv += "201\n";  // line 2 + 200 * 2 = 402: one field where two are expected
  const std::string path = dir.Write("big.csv", csv);
  CsvChunkReader reader(path, {}, /*chunk_bytes=*/256);
  RawTable chunk;
  std::size_t rows = 0;
  try {
    while (reader.Next(&chunk)) rows += chunk.num_rows();
    FAIL() << "no error";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":402:1: expected 2 fields, found 1");
  }
  EXPECT_GT(rows, 100u);  // the error came from a later chunk, not the first
}

TEST(CsvChunkReader, CellPositionsInLaterChunksAreTheFilesOwn) {
  testing::TempDir dir;
  std::string csv = "a,b\n";
  for (int i = 0; i < 100; ++i) csv += "x,y\n";
  const std::string path = dir.Write("p.csv", csv);
  CsvChunkReader reader(path, {}, /*chunk_bytes=*/64);
  RawTable chunk;
  std::size_t line = 2;
  while (reader.Next(&chunk)) {
    for (std::size_t r = 0; r < chunk.num_rows(); ++r, ++line) {
      ASSERT_EQ(chunk.PositionOf(1, r).line, line);
      ASSERT_EQ(chunk.PositionOf(1, r).column, 3u);
    }
  }
  EXPECT_EQ(line, 102u);
}

}  // namespace
}  // namespace ersatz::transform
