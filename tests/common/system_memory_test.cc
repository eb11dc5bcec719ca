#include "common/system_memory.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include "ersatz/error.h"

namespace ersatz {
namespace {

TEST(MemorySize, ReadsBytesAndBinarySuffixes) {
  EXPECT_EQ(ParseMemorySize("4096"), 4096u);
  EXPECT_EQ(ParseMemorySize("3K"), 3072u);
  EXPECT_EQ(ParseMemorySize("8g"), std::size_t{8} << 30);
  EXPECT_EQ(ParseMemorySize("1.5M"), std::size_t{3} << 19);
  // A cgroup v1 without a limit reports a number near 2^63: no limit, not an overflow.
  EXPECT_EQ(ParseMemorySize("9223372036854771712"), std::size_t{1} << 62);
}

TEST(MemorySize, RefusesWhatIsNotASize) {
  for (const char* bad : {"", "G", "-1G", "0", "0.5", "8GB", "eight", "1e9", " 8G"}) {
    EXPECT_FALSE(ParseMemorySize(bad).has_value()) << bad;
  }
}

class AvailableMemoryTest : public ::testing::Test {
 protected:
  void TearDown() override { unsetenv("ERSATZ_MEMORY"); }
};

TEST_F(AvailableMemoryTest, TheEnvironmentSetsIt) {
  setenv("ERSATZ_MEMORY", "6G", 1);
  EXPECT_EQ(AvailableMemory(), std::size_t{6} << 30);
  EXPECT_EQ(HalfTheAvailableMemory(), std::size_t{3} << 30);
}

TEST_F(AvailableMemoryTest, WithoutItTheMachineSaysAndItIsPositive) {
  unsetenv("ERSATZ_MEMORY");
  EXPECT_GT(AvailableMemory(), std::size_t{1} << 20);
}

TEST_F(AvailableMemoryTest, ABadValueIsAParameterErrorNamingIt) {
  setenv("ERSATZ_MEMORY", "lots", 1);
  try {
    AvailableMemory();
    FAIL() << "expected ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "ERSATZ_MEMORY=lots: expected the memory ersatz may use, in bytes or with K, M, G or T (8G)");
  }
}

}  // namespace
}  // namespace ersatz
