#include "models/argn/capacity.h"

#include <gtest/gtest.h>

#include "ersatz/error.h"
#include "models/argn/network.h"

namespace ersatz::argn {
namespace {

CapacityRequest Table(int columns, int cardinality, std::size_t rows) {
  CapacityRequest r;
  for (int c = 0; c < columns; ++c) {
    r.cardinality.push_back(cardinality);
    r.column_of.push_back(c);
  }
  r.training_rows = rows;
  r.batch = 64;
  r.memory_bytes = std::size_t{64} << 30;
  return r;
}

TEST(Capacity, ParameterCountMatchesTheBuiltNetwork) {
  const CapacityRequest r = Table(7, 23, 1000);
  for (double factor : {0.25, 1.0, 2.0}) {
    const NetworkShape shape = NetworkShape::ForCardinalities(r.cardinality, r.column_of, factor);
    Network network(shape, 1);
    std::size_t built = 0;
    for (const auto& p : network.Params()) built += p.value.size();
    EXPECT_EQ(CountParameters(shape), built) << factor;
  }
}

TEST(Capacity, AutoGrowsWithTheRowsWithinItsBounds) {
  const Capacity tiny = ChooseCapacity(Table(20, 30, 100));
  const Capacity mid = ChooseCapacity(Table(20, 30, 20'000));
  const Capacity huge = ChooseCapacity(Table(20, 30, 10'000'000));
  EXPECT_DOUBLE_EQ(tiny.size_factor, kMinSizeFactor);  // the floor: 2,000 cells want less
  EXPECT_GT(mid.size_factor, tiny.size_factor);
  EXPECT_LT(mid.size_factor, kMaxSizeFactor);
  EXPECT_LE(mid.parameters, mid.target_parameters);  // the largest network within the target
  EXPECT_DOUBLE_EQ(huge.size_factor, kMaxSizeFactor);
  EXPECT_EQ(mid.target_parameters, static_cast<std::size_t>(kParametersPerCell * 20 * 20'000));
}

TEST(Capacity, PresetsKeepTheirWidths) {
  CapacityRequest r = Table(10, 12, 5000);
  r.size = "large";
  EXPECT_DOUBLE_EQ(ChooseCapacity(r).size_factor, 2.0);
  r.size = "tiny";
  EXPECT_THROW(ChooseCapacity(r), ParameterError);
}

// The hostile table of issue 13: 500 columns and 40 rows built a 65M-parameter network.
TEST(Capacity, AWideShortTableIsRefusedWithTheNumbersAndTheFlag) {
  CapacityRequest r = Table(500, 40, 32);
  try {
    ChooseCapacity(r);
    FAIL() << "expected a refusal";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("even the smallest network has 2.2M parameters"),
                  std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("500 sub-columns × 32 training rows"), std::string::npos);
    EXPECT_NE(std::string(e.what()).find("--max-parameters"), std::string::npos);
  }
  r.max_parameters = 5'000'000;  // the override
  const Capacity c = ChooseCapacity(r);
  EXPECT_LE(c.parameters, 5'000'000u);
}

TEST(Capacity, APresetOverTheBudgetNamesAuto) {
  CapacityRequest r = Table(300, 40, 50);
  r.size = "large";
  try {
    ChooseCapacity(r);
    FAIL() << "expected a refusal";
  } catch (const ParameterError& e) {
    EXPECT_NE(std::string(e.what()).find("--size large: the network would have"), std::string::npos)
        << e.what();
    EXPECT_NE(std::string(e.what()).find("--size auto"), std::string::npos);
  }
}

TEST(Capacity, TrainingMemoryIsBoundedToo) {
  CapacityRequest r = Table(50, 30, 1'000'000);
  r.memory_bytes = std::size_t{1} << 20;  // 1 MiB: nothing fits
  try {
    ChooseCapacity(r);
    FAIL() << "expected a refusal";
  } catch (const DataError& e) {
    EXPECT_NE(std::string(e.what()).find("of memory"), std::string::npos) << e.what();
  }
  r.memory_bytes = std::size_t{64} << 20;  // 64 MiB: auto shrinks to fit
  const Capacity c = ChooseCapacity(r);
  EXPECT_LE(c.training_bytes, r.memory_bytes);
}

}  // namespace
}  // namespace ersatz::argn
