// The defaults `ersatz fit` derives from its flags, where they depend on one another.
#include "models/argn/params.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

namespace ersatz {
namespace {

FitOptions Options(const std::vector<std::pair<std::string, std::string>>& flags) {
  ParamValues params({kFitParams, kTrainParams});
  for (const auto& [name, value] : flags) params.Set(name, value, "--" + name);
  return FitOptionsFromParams(params);
}

TEST(FitParams, DifferentialPrivacyPicksItsOwnEpochsAndNetworkSize) {
  const FitOptions plain = Options({});
  EXPECT_FALSE(plain.epsilon);
  EXPECT_EQ(plain.size, "auto");
  EXPECT_EQ(plain.max_epochs, 100);

  const FitOptions strict = Options({{"epsilon", "1"}});
  EXPECT_EQ(strict.size, "small") << "at small ε fewer parameters mean less noise in total";
  EXPECT_EQ(strict.max_epochs, kDpDefaultEpochs);

  EXPECT_EQ(Options({{"epsilon", "2.9"}}).size, "small");
  EXPECT_EQ(Options({{"epsilon", "3"}}).size, "medium");
  EXPECT_EQ(Options({{"epsilon", "4"}}).size, "medium");

  const FitOptions given = Options({{"epsilon", "4"}, {"size", "small"}, {"max-epochs", "20"}});
  EXPECT_EQ(given.size, "small") << "what the user gives wins";
  EXPECT_EQ(given.max_epochs, 20);
}

}  // namespace
}  // namespace ersatz
