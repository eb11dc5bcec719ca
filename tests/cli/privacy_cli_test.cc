// `ersatz privacy`: budgets planned from the command line, the number alone on the last line.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

std::string LastLine(const std::string& out) {
  std::string text = out;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  const auto pos = text.rfind('\n');
  return pos == std::string::npos ? text : text.substr(pos + 1);
}

TEST(PrivacyCli, EpsilonPrintsTheReferenceValueOnTheLastLine) {
  auto r = RunCli({"privacy", "epsilon", "--sampling-rate", "0.04", "--noise", "1.5", "--steps", "2250",
                   "--delta", "1e-5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(std::stod(LastLine(r.out)), 7.32911117, 1e-6);
  r = RunCli({"privacy", "epsilon", "-q", "0.0025", "--noise", "1.3", "-T", "6000", "-d", "1e-5",
              "--conversion", "classic"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NEAR(std::stod(LastLine(r.out)), 0.941871, 1e-6);
}

TEST(PrivacyCli, NoisePrintsTheCalibratedMultiplier) {
  const auto r = RunCli({"privacy", "noise", "--sampling-rate", "0.04", "--epsilon", "8", "--steps",
                         "2250", "--delta", "1e-5"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(LastLine(r.out), "1.416015625");
}

TEST(PrivacyCli, BadActionsAndValuesExitTwoNamingThem) {
  auto r = RunCli({"privacy", "budget", "--sampling-rate", "0.04", "--steps", "10", "--delta", "1e-5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown action 'budget'"), std::string::npos) << r.err;
  r = RunCli({"privacy", "epsilon", "--sampling-rate", "0", "--noise", "1", "--steps", "10", "--delta", "1e-5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("sampling-rate"), std::string::npos) << r.err;
  r = RunCli({"privacy", "epsilon", "--sampling-rate", "0.1", "--steps", "10", "--delta", "1e-5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--noise is required"), std::string::npos) << r.err;
  r = RunCli({"privacy", "noise", "--sampling-rate", "0.1", "--epsilon", "1", "--steps", "0", "--delta", "1e-5"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--steps"), std::string::npos) << r.err;
  r = RunCli({"privacy", "epsilon", "--sampling-rate", "0.1", "--noise", "1", "--steps", "10", "--delta", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("delta"), std::string::npos) << r.err;
  r = RunCli({"privacy", "epsilon", "--sampling-rate", "0.1", "--noise", "1", "--steps", "10", "--delta",
              "1e-5", "--conversion", "fast"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--conversion"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ersatz::testing
