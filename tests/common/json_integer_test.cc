#include "common/json_integer.h"

#include <gtest/gtest.h>

namespace ersatz {
namespace {

using nlohmann::json;

TEST(JsonInteger, TakesIntegersThatFitTheType) {
  EXPECT_EQ(JsonInteger<int>(json(42), "epochs"), 42);
  EXPECT_EQ(JsonInteger<std::int64_t>(json(-5), "min"), -5);
  EXPECT_EQ(JsonInteger<std::uint64_t>(json(18446744073709551615ull), "count"), 18446744073709551615ull);
  EXPECT_EQ(JsonIntegers<int>(json::parse("[1, 2, 3]"), "hidden"), (std::vector<int>{1, 2, 3}));
}

// A float is never cast (undefined behaviour out of range), and a value the type cannot hold is
// refused by name, whatever the JSON spelling.
TEST(JsonInteger, RefusesFloatsAndValuesOutOfRangeByName) {
  const auto error = [](auto read) {
    try {
      read();
    } catch (const ParameterError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  EXPECT_EQ(error([] { JsonInteger<int>(json::parse("1e30"), "decimals"); }),
            "decimals: expected an integer from -2147483648 to 2147483647, found 1e+30");
  EXPECT_EQ(error([] { JsonInteger<int>(json(3000000000ll), "epochs"); }),
            "epochs: expected an integer from -2147483648 to 2147483647, found 3000000000");
  EXPECT_EQ(error([] { JsonInteger<std::size_t>(json(-1), "rows"); }),
            "rows: expected an integer from 0 to 18446744073709551615, found -1");
  EXPECT_EQ(error([] { JsonInteger<int>(json(2.0), "parts"); }),
            "parts: expected an integer from -2147483648 to 2147483647, found 2.0");
  EXPECT_EQ(error([] { JsonIntegers<int>(json("x"), "hidden"); }),
            "hidden: expected an array of integers, found string");
  EXPECT_EQ(error([] { JsonIntegers<int>(json::parse("[1, 1e99]"), "hidden"); }),
            "hidden: expected an integer from -2147483648 to 2147483647, found 1e+99");
}

}  // namespace
}  // namespace ersatz
