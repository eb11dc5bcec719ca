// Integers stay exact through profile → encode → model file → sample, however large (issue 13,
// class 4): a double holds every integer only up to 2^53, so the encoders keep an int64 base.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "encode/encoder.h"
#include "encode/numeric_encoder.h"
#include "ersatz/csv.h"
#include "ersatz/generator.h"
#include "ersatz/profile.h"

namespace ersatz {
namespace {

constexpr std::int64_t kNearTop = 9223372036854775000;  // 2^63 - 808
constexpr std::int64_t kOddBeyond53 = 9007199254740993;  // 2^53 + 1: no double holds it

// near: kNearTop + 0..20 with repeats; odd: 2^53 + 1 + 2k, every value odd.
std::string BigIntegersCsv(int rows) {
  std::string csv = "near,odd,group\n";
  for (int i = 0; i < rows; ++i) {
    csv += std::to_string(kNearTop + (i * 8) % 21) + "," + std::to_string(kOddBeyond53 + 2 * (i % 11)) +
           "," + (i % 3 == 0 ? "a" : "b") + "\n";
  }
  return csv;
}

TEST(ExactIntegers, EveryEncoderLayoutDecodesTheExactInputs) {
  // Discrete (few values) and digits (many values), each through its JSON as in a model file.
  for (int distinct : {5, 3000}) {
    Column column("n", ColumnKind::kInteger);
    std::set<std::int64_t> inputs;
    for (int i = 0; i < 6000; ++i) {
      const std::int64_t v = kNearTop - 2 * (i % distinct) - 1;
      column.AppendInteger(v);
      inputs.insert(v);
    }
    const auto fitted = encode::FitEncoder(column, {.value_protection = false});
    const auto encoder = encode::EncoderFromJson(fitted->ToJson());
    std::vector<std::vector<std::int32_t>> codes(encoder->sub_columns().size(),
                                                 std::vector<std::int32_t>(column.size()));
    std::vector<std::span<std::int32_t>> out(codes.begin(), codes.end());
    encoder->Encode(column, out);
    std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
    Column decoded = encoder->shape().MakeEmpty();
    encoder->Decode(in, column.size(), 1, 0, &decoded);
    ASSERT_EQ(decoded.size(), column.size());
    for (std::size_t r = 0; r < column.size(); ++r) {
      ASSERT_EQ(decoded.integers()[r], column.integers()[r]) << encoder->method() << " row " << r;
    }
    EXPECT_TRUE(encoder->warning().empty());
  }
}

TEST(ExactIntegers, IntegersFarApartAreWarnedAbout) {
  Column column("n", ColumnKind::kInteger);
  for (int i = 0; i < 600; ++i) column.AppendInteger(i % 2 == 0 ? -kNearTop + i : kNearTop - i);
  const auto encoder = encode::FitEncoder(column, {.value_protection = false});
  EXPECT_NE(encoder->warning().find("column 'n'"), std::string::npos) << encoder->warning();
  EXPECT_NE(encoder->warning().find("2^53"), std::string::npos) << encoder->warning();
}

TEST(ExactIntegers, FitAndSampleGiveOnlyTheInputsBack) {
  const RawTable raw = ParseCsv(BigIntegersCsv(600), "big.csv", CsvReadOptions{});
  Metadata schema;
  const Table table = TypeRawTable(raw, nullptr, &schema);
  ASSERT_EQ(schema.columns[0].type, SemanticType::kInteger);
  ASSERT_EQ(schema.columns[1].type, SemanticType::kInteger);
  EXPECT_EQ(table.column(0).integers()[1], kNearTop + 8);  // read exactly

  FitOptions options;
  options.max_epochs = 3;
  options.seed = 3;
  const Generator fitted = Generator::Fit(table, schema, options);
  EXPECT_TRUE(fitted.summary().warnings.empty());
  const std::string path =
      (std::filesystem::temp_directory_path() / "ersatz_exact_integers_test.ersatz").string();
  fitted.Save(path);
  const Generator g = Generator::Load(path);
  std::filesystem::remove(path);

  std::size_t rows = 0, odd_above_53 = 0;
  g.Sample(500, SampleOptions{}, [&](const Table& batch) {
    const Column& near = batch.column(0);
    const Column& odd = batch.column(1);
    for (std::size_t r = 0; r < batch.num_rows(); ++r, ++rows) {
      ASSERT_GE(near.integers()[r], kNearTop);
      ASSERT_LE(near.integers()[r], kNearTop + 20);
      ASSERT_GE(odd.integers()[r], kOddBeyond53);
      ASSERT_LE(odd.integers()[r], kOddBeyond53 + 20);
      odd_above_53 += odd.integers()[r] % 2 != 0;
    }
  });
  EXPECT_EQ(rows, 500u);
  EXPECT_GT(odd_above_53, 400u);  // odd values stay possible (a double would make every one even)
}

TEST(ExactIntegers, IntegersBeyondInt64AreTextWithAWarning) {
  std::string csv = "big\n";
  for (int i = 0; i < 100; ++i) csv += "9999999999999999999" + std::to_string(i % 4) + "\n";
  const Metadata schema = InferSchema(ParseCsv(csv, "huge.csv", CsvReadOptions{}));
  EXPECT_EQ(schema.columns[0].storage, ColumnKind::kCategorical);
  EXPECT_NE(schema.columns[0].warning.find("column 'big'"), std::string::npos);
  EXPECT_NE(schema.columns[0].warning.find("64-bit"), std::string::npos);
}

TEST(ExactIntegers, IntegersMoreThan2To53ApartAreText) {
  std::string csv = "wide\n";
  for (int i = 0; i < 100; ++i) csv += (i % 2 ? "-" : "") + std::to_string(kNearTop - i % 5) + "\n";
  const Metadata schema = InferSchema(ParseCsv(csv, "wide.csv", CsvReadOptions{}));
  EXPECT_EQ(schema.columns[0].storage, ColumnKind::kCategorical);
  EXPECT_NE(schema.columns[0].warning.find("2^53"), std::string::npos);
}

}  // namespace
}  // namespace ersatz
