// ReadFile's limits (issue 13): a size cap checked before reading when the size is known, and a
// check of the bytes a pipe or device delivers as they arrive, so an endless source stops early.
#include <gtest/gtest.h>

#include <string>

#include "cli/run_cli.h"
#include "common/atomic_file.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

using testing::TempDir;

TEST(ReadFile, RefusesAFileLargerThanItsLimit) {
  TempDir dir;
  const std::string path = dir.Write("big.txt", std::string(100, 'x'));
  EXPECT_EQ(ReadFile(path, {.max_bytes = 100}).size(), 100u);
  try {
    ReadFile(path, {.max_bytes = 99, .what = "thing"});
    ADD_FAILURE() << "no error";
  } catch (const DataError& e) {
    EXPECT_EQ(std::string(e.what()), path + ": larger than 99 bytes, the most a thing can be");
  }
}

TEST(ReadFile, ChecksOnlyTheBytesTheSizeDidNotAnnounce) {
  TempDir dir;
  const std::string path = dir.Write("small.txt", "abc");
  int calls = 0;
  ReadFile(path, {.check_unannounced = [&](std::string_view, std::size_t) { ++calls; }});
  EXPECT_EQ(calls, 0);
  // /dev/zero announces nothing and never ends: the check sees its first piece and stops it.
  std::size_t seen = 0;
  EXPECT_THROW(ReadFile("/dev/zero", {.check_unannounced =
                                          [&](std::string_view read, std::size_t from) {
                                            EXPECT_EQ(from, 0u);
                                            seen = read.size();
                                            throw DataError("stop");
                                          }}),
               DataError);
  EXPECT_GT(seen, 0u);
  EXPECT_LE(seen, 1u << 16);
  // Without a check, the size cap still ends it.
  EXPECT_THROW(ReadFile("/dev/zero", {.max_bytes = 1u << 20}), DataError);
}

TEST(ReadTextFile, RefusesNulBytesAsABinaryFileNamingLineAndColumn) {
  TempDir dir;
  const std::string path = dir.Write("conf.yaml", std::string("a: 1\nbb\0", 8));
  try {
    ReadTextFile(path, "configuration file", 1024);
    ADD_FAILURE() << "no error";
  } catch (const ParameterError& e) {
    EXPECT_EQ(std::string(e.what()), path + ":2:3: NUL byte: a binary file, expected configuration file text");
  }
  EXPECT_THROW(ReadTextFile("/dev/zero", "metadata file", 1u << 30), ParameterError);
  EXPECT_EQ(ReadTextFile(dir.Write("ok.yaml", "a: 1\n"), "configuration file", 1024), "a: 1\n");
}

}  // namespace
}  // namespace ersatz
