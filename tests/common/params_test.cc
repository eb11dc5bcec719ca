#include "ersatz/params.h"

#include <gtest/gtest.h>

#include "cli/run_cli.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

constexpr ParamSpec kSpecs[] = {
    {"max-epochs", ParamType::kInt, "100", Range{1, 10000}, "Stop after this many epochs."},
    {"holdout", ParamType::kFloat, "0.2", Range{0, 0.5}, "Share of rows kept unseen."},
    {"verbose", ParamType::kFlag, "false", {}, "Say more."},
    {"mode", ParamType::kString, "fast", {}, "How.", "fast|slow"},
    {"drop", ParamType::kStringList, "", {}, "Columns to drop."},
};

TEST(ParamValues, FallsBackToDeclaredDefaults) {
  ParamValues p{std::span<const ParamSpec>(kSpecs)};
  EXPECT_EQ(p.GetInt("max-epochs"), 100);
  EXPECT_DOUBLE_EQ(p.GetFloat("holdout"), 0.2);
  EXPECT_FALSE(p.GetFlag("verbose"));
  EXPECT_EQ(p.GetString("mode"), "fast");
  EXPECT_TRUE(p.GetList("drop").empty());
  EXPECT_FALSE(p.IsSet("mode"));
}

TEST(ParamValues, AcceptsValuesInsideTheRange) {
  ParamValues p{std::span<const ParamSpec>(kSpecs)};
  p.Set("max-epochs", "10000", "--max-epochs");
  p.Set("holdout", "0", "--holdout");
  p.Set("mode", "slow", "--mode");
  p.SetList("drop", {"a", "b"}, "--drop");
  EXPECT_EQ(p.GetInt("max-epochs"), 10000);
  EXPECT_DOUBLE_EQ(p.GetFloat("holdout"), 0.0);
  EXPECT_EQ(p.GetString("mode"), "slow");
  EXPECT_EQ(p.GetList("drop"), (std::vector<std::string>{"a", "b"}));
}

void ExpectError(const char* name, const char* value, const std::string& message) {
  ParamValues p{std::span<const ParamSpec>(kSpecs)};
  try {
    p.Set(name, value, std::string("--") + name);
    FAIL() << "no error for " << name << "=" << value;
  } catch (const ParameterError& e) {
    EXPECT_EQ(e.what(), message);
  }
}

TEST(ParamValues, RejectsBadValuesNamingTheFlagAndWhatWasExpected) {
  ExpectError("max-epochs", "0", "--max-epochs: 0 is out of range: expected a value between 1 and 10000");
  ExpectError("max-epochs", "1.5", "--max-epochs: expected a whole number, found \"1.5\"");
  ExpectError("holdout", "0.7", "--holdout: 0.7 is out of range: expected a value between 0 and 0.5");
  ExpectError("holdout", "abc", "--holdout: expected a number, found \"abc\"");
  ExpectError("holdout", "nan", "--holdout: expected a number, found \"nan\"");
  ExpectError("verbose", "maybe", "--verbose: expected true or false, found \"maybe\"");
  ExpectError("mode", "medium", "--mode: expected one of fast, slow, found \"medium\"");
  ExpectError("nope", "1", "--nope: unknown parameter 'nope'");
}

TEST(ParamValues, ConfigFileKeysAreTheParameterNames) {
  testing::TempDir dir;
  const std::string path =
      dir.Write("c.yaml", "max-epochs: 7\nverbose: true\ndrop: [x, y]\n");
  ParamValues p{std::span<const ParamSpec>(kSpecs)};
  p.LoadConfigFile(path);
  EXPECT_EQ(p.GetInt("max-epochs"), 7);
  EXPECT_TRUE(p.GetFlag("verbose"));
  EXPECT_EQ(p.GetList("drop"), (std::vector<std::string>{"x", "y"}));
}

TEST(ParamValues, ConfigFileUnknownKeyIsAnErrorWithItsLine) {
  testing::TempDir dir;
  const std::string path = dir.Write("c.yaml", "max-epochs: 7\nmax-epoch: 8\n");
  ParamValues p{std::span<const ParamSpec>(kSpecs)};
  try {
    p.LoadConfigFile(path);
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_EQ(e.what(), path + ":2: max-epoch: unknown parameter 'max-epoch'");
  }
}

TEST(ParamValues, ConfigFileValueOutOfRangeNamesFileLineAndKey) {
  testing::TempDir dir;
  const std::string path = dir.Write("c.yaml", "holdout: 0.9\n");
  ParamValues p{std::span<const ParamSpec>(kSpecs)};
  try {
    p.LoadConfigFile(path);
    FAIL();
  } catch (const ParameterError& e) {
    EXPECT_EQ(e.what(), path +
                            ":1: holdout: 0.9 is out of range: expected a value between 0 and 0.5");
  }
}

}  // namespace
}  // namespace ersatz
