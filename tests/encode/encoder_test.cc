#include "encode/encoder.h"

#include <gtest/gtest.h>

#include <cmath>
#include <nlohmann/json.hpp>

#include "encode/categorical_encoder.h"
#include "encode/numeric_encoder.h"
#include "ersatz/error.h"
#include "table/civil.h"

namespace ersatz::encode {
namespace {

// Encodes a column, decodes the codes, and returns the decoded column.
Column RoundTrip(const ColumnEncoder& enc, const Column& column, std::uint64_t seed = 1) {
  const std::size_t n = column.size();
  std::vector<std::vector<std::int32_t>> storage(enc.sub_columns().size(), std::vector<std::int32_t>(n));
  std::vector<std::span<std::int32_t>> out(storage.begin(), storage.end());
  enc.Encode(column, out);
  for (std::size_t k = 0; k < storage.size(); ++k) {
    for (std::int32_t c : storage[k]) {
      EXPECT_GE(c, 0);
      EXPECT_LT(c, enc.sub_columns()[k].cardinality) << enc.sub_columns()[k].name;
    }
  }
  std::vector<std::span<const std::int32_t>> in(storage.begin(), storage.end());
  Column decoded = enc.shape().MakeEmpty();
  enc.Decode(in, n, seed, 0, &decoded);
  return decoded;
}

// Rebuilds the encoder from its JSON and checks it encodes identically.
std::unique_ptr<ColumnEncoder> Reloaded(const ColumnEncoder& enc) {
  auto back = EncoderFromJson(enc.ToJson());
  EXPECT_EQ(back->ToJson(), enc.ToJson());
  return back;
}

EncodeOptions NoProtection() { return {.value_protection = false, .seed = 3}; }

TEST(CategoricalEncoder, RoundTripsEveryCategoryAndNullWithoutProtection) {
  Column c("color", ColumnKind::kCategorical);
  for (const char* v : {"red", "green", "red", "blue", "red", "green"}) c.AppendString(v);
  c.AppendNull();
  auto enc = FitEncoder(c, NoProtection());
  EXPECT_EQ(enc->method(), "categorical");
  ASSERT_EQ(enc->sub_columns().size(), 1u);
  EXPECT_EQ(enc->sub_columns()[0].cardinality, 5);  // RARE, red, green, blue, NULL
  const Column back = RoundTrip(*Reloaded(*enc), c);
  for (std::size_t r = 0; r < c.size(); ++r) {
    EXPECT_EQ(back.IsNull(r), c.IsNull(r));
    EXPECT_EQ(back.text(r), c.text(r));
  }
}

TEST(CategoricalEncoder, ValueProtectionTurnsRareCategoriesIntoRare) {
  Column c("country", ColumnKind::kCategorical);
  for (int i = 0; i < 100; ++i) c.AppendString("US");
  for (int i = 0; i < 4; ++i) c.AppendString("Holand");  // below every threshold in [5, 7]
  for (int i = 0; i < 7; ++i) c.AppendString("Peru");    // at or above every threshold
  auto enc = FitEncoder(c, {.value_protection = true, .seed = 9});
  const auto& cats = static_cast<const CategoricalEncoder&>(*enc).categories();
  EXPECT_EQ(cats, (std::vector<std::string>{"US", "Peru"}));
  const Column back = RoundTrip(*enc, c);
  EXPECT_EQ(back.text(100), kRareToken);
  EXPECT_EQ(back.text(104), "Peru");
}

TEST(CategoricalEncoder, BooleansAreNeverRare) {
  Column b("flag", ColumnKind::kBoolean);
  b.boolean_spelling() = {"Y", "N"};
  for (int i = 0; i < 50; ++i) b.AppendBoolean(false);
  b.AppendBoolean(true);
  auto enc = FitEncoder(b, {.value_protection = true, .seed = 1});
  const Column back = RoundTrip(*enc, b);
  EXPECT_EQ(back.FormatValue(50), "Y");
  EXPECT_EQ(back.FormatValue(0), "N");
}

TEST(NumericEncoder, FewDistinctValuesAreDiscrete) {
  Column c("education-num", ColumnKind::kInteger);
  for (int i = 0; i < 1000; ++i) c.AppendInteger(1 + i % 16);
  auto enc = FitEncoder(c, NoProtection());
  EXPECT_EQ(enc->method(), "numeric-discrete");
  EXPECT_EQ(enc->sub_columns()[0].cardinality, 16);
  const Column back = RoundTrip(*Reloaded(*enc), c);
  for (std::size_t r = 0; r < c.size(); ++r) EXPECT_EQ(back.integers()[r], c.integers()[r]);
}

TEST(NumericEncoder, IntegersWithManyValuesAreDigitWiseAndExact) {
  Column c("fnlwgt", ColumnKind::kInteger);
  for (int i = 0; i < 5000; ++i) c.AppendInteger(12285 + (i * 7919) % 1472000);
  c.AppendNull();
  auto enc = FitEncoder(c, NoProtection());
  EXPECT_EQ(enc->method(), "numeric-digits");
  // NULL flag + 7 digits; the leading digit only goes as high as the largest offset's.
  ASSERT_EQ(enc->sub_columns().size(), 8u);
  EXPECT_EQ(enc->sub_columns()[0].name, "fnlwgt.null");
  EXPECT_EQ(enc->sub_columns()[1].cardinality, 2);
  const Column back = RoundTrip(*Reloaded(*enc), c);
  for (std::size_t r = 0; r + 1 < c.size(); ++r) EXPECT_EQ(back.integers()[r], c.integers()[r]);
  EXPECT_TRUE(back.IsNull(c.size() - 1));
}

TEST(NumericEncoder, DigitsKeepDecimalsAndNegativeValues) {
  Column c("temp", ColumnKind::kFloat);
  c.set_float_decimals(2);
  for (int i = 0; i < 3000; ++i) c.AppendFloat((i * 37 % 9000 - 4000) / 100.0);
  auto enc = FitEncoder(c, NoProtection());
  EXPECT_EQ(enc->method(), "numeric-digits");
  const Column back = RoundTrip(*enc, c);
  for (std::size_t r = 0; r < c.size(); ++r) EXPECT_DOUBLE_EQ(back.floats()[r], c.floats()[r]);
}

TEST(NumericEncoder, DigitCodesAboveTheMaximumDecodeToTheMaximum) {
  Column c("n", ColumnKind::kInteger);
  for (int i = 0; i < 500; ++i) c.AppendInteger(100 + i * 3);  // 100 .. 1597
  auto enc = FitEncoder(c, NoProtection());
  ASSERT_EQ(enc->method(), "numeric-digits");
  std::vector<std::vector<std::int32_t>> codes;
  for (const auto& sub : enc->sub_columns()) codes.push_back({sub.cardinality - 1});
  std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
  Column out = enc->shape().MakeEmpty();
  enc->Decode(in, 1, 0, 0, &out);
  EXPECT_EQ(out.integers()[0], 1597);
}

TEST(NumericEncoder, ManyDecimalsAreBinnedAndDecodeInsideTheirBinAtTheColumnsPrecision) {
  Column c("ratio", ColumnKind::kFloat);
  c.set_float_decimals(6);
  for (int i = 0; i < 10000; ++i) c.AppendFloat(std::round(std::sin(i) * 1e6) / 1e6);
  auto enc = FitEncoder(c, NoProtection());
  EXPECT_EQ(enc->method(), "numeric-binned");
  EXPECT_LE(enc->sub_columns()[0].cardinality, 102);
  const Column back = RoundTrip(*Reloaded(*enc), c);
  double max_err = 0;
  for (std::size_t r = 0; r < c.size(); ++r) {
    max_err = std::max(max_err, std::fabs(back.floats()[r] - c.floats()[r]));
    const double scaled = back.floats()[r] * 1e6;
    EXPECT_NEAR(scaled, std::round(scaled), 1e-6);
  }
  EXPECT_LT(max_err, 0.1);  // 100 quantile bins over [-1, 1]: the widest is about 0.06
  // The same seed decodes the same values.
  const Column again = RoundTrip(*enc, c);
  for (std::size_t r = 0; r < c.size(); ++r) EXPECT_EQ(back.floats()[r], again.floats()[r]);
}

TEST(NumericEncoder, RepeatedValuesInsideABinComeBackExactlyInProportion) {
  // A measurement column: continuous noise, plus two values repeated on many rows (a town's
  // rate) and one on only two rows (below the protection threshold: never reproduced).
  Column c("nox", ColumnKind::kFloat);
  c.set_float_decimals(4);
  for (int i = 0; i < 2000; ++i) c.AppendFloat(std::round((0.4 + 0.3 * std::fabs(std::sin(i))) * 1e4) / 1e4);
  for (int i = 0; i < 300; ++i) c.AppendFloat(0.5381);
  for (int i = 0; i < 100; ++i) c.AppendFloat(0.6123);
  for (int i = 0; i < 2; ++i) c.AppendFloat(0.4777);
  const EncodeOptions options{.value_protection = true, .seed = 2};
  auto enc = FitEncoder(c, options);
  ASSERT_EQ(enc->method(), "numeric-binned");
  const Column back = RoundTrip(*Reloaded(*enc), c);
  std::size_t first = 0, second = 0, rare = 0;
  for (double v : back.floats()) {
    first += v == 0.5381;
    second += v == 0.6123;
    rare += v == 0.4777;
  }
  // The codes are the originals', so each atom returns on about its own rows (plus the few
  // uniform draws of its bin that land on it).
  EXPECT_NEAR(static_cast<double>(first), 300, 30);
  EXPECT_NEAR(static_cast<double>(second), 100, 20);
  EXPECT_LE(rare, 2u);  // only by a uniform draw, never as an atom
  const auto json = enc->ToJson();
  ASSERT_TRUE(json.contains("atoms"));
  for (const auto& a : json.at("atoms")) EXPECT_NE(a.at(1).get<double>(), 0.4777);
}

TEST(NumericEncoder, AModelFileAtomOutsideItsBinIsRefused) {
  Column c("x", ColumnKind::kFloat);
  c.set_float_decimals(5);
  for (int i = 0; i < 1000; ++i) c.AppendFloat(i % 7 == 0 ? 0.12345 : std::round(std::sin(i) * 1e5) / 1e5);
  auto enc = FitEncoder(c, NoProtection());
  auto json = enc->ToJson();
  ASSERT_TRUE(json.contains("atoms"));
  json["atoms"][0][1] = 99.0;
  EXPECT_THROW(EncoderFromJson(json), ParameterError);
  json = enc->ToJson();
  json.erase("atoms");  // a model written before atoms: still loads, draws uniformly
  EXPECT_NO_THROW(EncoderFromJson(json));
}

TEST(NumericEncoder, ValueProtectionClipsToTheTthMostExtremeValue) {
  Column c("income", ColumnKind::kInteger);
  for (int i = 1; i <= 1000; ++i) c.AppendInteger(i * 101);
  c.AppendInteger(99'999'999);  // one record's outlier
  const EncodeOptions options{.value_protection = true, .seed = 5};
  const int t = ProtectionThreshold(options, "income");
  ASSERT_GE(t, 5);
  ASSERT_LE(t, 7);
  auto enc = FitEncoder(c, options);
  const auto& num = static_cast<const NumericEncoder&>(*enc);
  EXPECT_EQ(num.min(), t * 101);
  EXPECT_EQ(num.max(), (1002 - t) * 101);  // sorted[n - T] of the 1001 values
  const Column back = RoundTrip(*enc, c);
  EXPECT_EQ(back.integers()[1000], (1002 - t) * 101);  // the outlier is not reproduced
}

TEST(DatetimeEncoder, DatesRoundTripAndInvalidDaysClampToMonthEnd) {
  Column c("d", ColumnKind::kDatetime);
  for (int i = 0; i < 400; ++i) c.AppendDatetime((DaysFromCivil(2019, 1, 1) + i * 3) * kMicrosPerDay);
  auto enc = FitEncoder(c, NoProtection());
  EXPECT_EQ(enc->method(), "datetime");
  ASSERT_EQ(enc->sub_columns().size(), 3u);  // year, month, day: no time parts in the data
  const Column back = RoundTrip(*Reloaded(*enc), c);
  for (std::size_t r = 0; r < c.size(); ++r) EXPECT_EQ(back.integers()[r], c.integers()[r]);

  // 2019-02-31 cannot come out: it decodes to 2019-02-28.
  std::vector<std::vector<std::int32_t>> codes = {{0}, {1}, {30}};
  std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
  Column out = enc->shape().MakeEmpty();
  enc->Decode(in, 1, 0, 0, &out);
  EXPECT_EQ(out.integers()[0], DaysFromCivil(2019, 2, 28) * kMicrosPerDay);
}

TEST(DatetimeEncoder, TimestampsKeepSecondsWhenTheDataHasThem) {
  Column c("t", ColumnKind::kDatetime);
  for (int i = 0; i < 100; ++i) {
    c.AppendDatetime(DaysFromCivil(2024, 2, 28) * kMicrosPerDay + i * 3601 * kMicrosPerSecond);
  }
  c.AppendNull();
  auto enc = FitEncoder(c, NoProtection());
  ASSERT_EQ(enc->sub_columns().size(), 7u);  // null flag + 6 parts
  const Column back = RoundTrip(*enc, c);
  for (std::size_t r = 0; r + 1 < c.size(); ++r) EXPECT_EQ(back.integers()[r], c.integers()[r]);
  EXPECT_TRUE(back.IsNull(100));
}

TEST(EncoderFromJson, RejectsUnknownMethods) {
  EXPECT_THROW(EncoderFromJson(nlohmann::json{{"method", "magic"}}), ParameterError);
  EXPECT_THROW(EncoderFromJson(nlohmann::json{{"method", "categorical"}}), ParameterError);
}

}  // namespace
}  // namespace ersatz::encode
