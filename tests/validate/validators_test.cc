// Validators learned at fit time: what they allow, what they reject and why, and that they
// travel in the model file.
#include "validate/validators.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/run_cli.h"
#include "encode/table_encoder.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "models/model_file.h"

namespace ersatz::validate {
namespace {

using Kind = ColumnRule::Kind;

// age: 20..59 and one private extreme (1000); zip: five digits; price: two decimals.
Table People(std::size_t rows) {
  Column age("age", ColumnKind::kInteger);
  Column zip("zip", ColumnKind::kCategorical);
  Column price("price", ColumnKind::kFloat);
  price.set_float_decimals(2);
  for (std::size_t r = 0; r < rows; ++r) {
    age.AppendInteger(r == 7 ? 1000 : static_cast<std::int64_t>(20 + r % 40));
    zip.AppendString(std::to_string(10000 + (r % 20) * 111));
    price.AppendFloat(static_cast<double>(r % 500) / 100.0 + 1.0);
  }
  Table t;
  t.AddColumn(age);
  t.AddColumn(zip);
  t.AddColumn(price);
  return t;
}

const ColumnRule* FindRule(const Validators& v, Kind kind, const std::string& column) {
  for (const ColumnRule& r : v.rules()) {
    if (r.kind == kind && r.column == column) return &r;
  }
  return nullptr;
}

TEST(Validators, RangesAreTheProtectedBoundsNotThePrivateExtreme) {
  const Table t = People(2000);
  const auto encoder =
      encode::TableEncoder::Fit(t, Metadata{}, {.value_protection = true, .seed = 3});
  const Validators v = Validators::Learn(encoder);
  const ColumnRule* age = FindRule(v, Kind::kRange, "age");
  ASSERT_NE(age, nullptr);
  EXPECT_EQ(age->min, 20);
  EXPECT_EQ(age->max, 59);  // 1000 was seen once: clipped away, never stored
  const ColumnRule* decimals = FindRule(v, Kind::kDecimals, "price");
  ASSERT_NE(decimals, nullptr);
  EXPECT_EQ(decimals->decimals, 2);
  const ColumnRule* zip = FindRule(v, Kind::kShape, "zip");
  ASSERT_NE(zip, nullptr);
  EXPECT_EQ(zip->classes, std::vector<std::uint8_t>(5, kDigit));
  const ColumnRule* zips = FindRule(v, Kind::kCategories, "zip");
  ASSERT_NE(zips, nullptr);
  EXPECT_EQ(zips->categories.size(), 21u);  // 20 codes and _RARE_
}

TEST(Validators, RejectEachViolationWithItsReason) {
  Validators v(
      {{.kind = Kind::kRange, .column = "age", .min = 18, .max = 90},
       {.kind = Kind::kDecimals, .column = "price", .decimals = 2},
       {.kind = Kind::kCategories, .column = "zip", .categories = {"12345", "AB-12", "_RARE_"}},
       {.kind = Kind::kShape,
        .column = "zip",
        .classes = {kDigit | kUpper, kDigit | kUpper, kDigit | kOther, kDigit, kDigit}}});
  Column age("age", ColumnKind::kInteger), price("price", ColumnKind::kFloat),
      zip("zip", ColumnKind::kCategorical);
  const std::int64_t ages[] = {30, 17, 91, 40, 50, 60};
  const double prices[] = {1.25, 1.5, 2, 1.255, 3, 4};
  const char* zips[] = {"12345", "12345", "AB-12", "12345", "1234x", "_RARE_"};
  for (int r = 0; r < 6; ++r) {
    age.AppendInteger(ages[r]);
    price.AppendFloat(prices[r]);
    zip.AppendString(zips[r]);
  }
  age.AppendNull();  // nulls are never rejected by a range
  price.AppendNull();
  zip.AppendNull();
  Table batch;
  batch.AddColumn(age);
  batch.AddColumn(price);
  batch.AddColumn(zip);
  std::vector<std::uint8_t> reject(7, 0);
  RejectionCounts counts;
  v.Check(batch, reject, &counts);
  EXPECT_EQ(reject, (std::vector<std::uint8_t>{0, 1, 1, 1, 1, 0, 0}));
  EXPECT_EQ(counts, (RejectionCounts{
                        {"age below 18 (the smallest value learned)", 1},
                        {"age above 90 (the largest value learned)", 1},
                        {"price with more than 2 decimals", 1},
                        {"zip not a learned category", 1},
                        {"zip not of the learned shape ???99 (9 digit, A upper case, a lower case, "
                         ". other, ? mixed)",
                         1},
                    }));
}

TEST(Validators, RoundTripThroughJson) {
  const Table t = People(500);
  const auto encoder =
      encode::TableEncoder::Fit(t, Metadata{}, {.value_protection = true, .seed = 3});
  const Validators v = Validators::Learn(encoder);
  const Validators back = Validators::FromJson(v.ToJson());
  EXPECT_EQ(back.ToJson(), v.ToJson());
  EXPECT_THROW(Validators::FromJson(nlohmann::json::parse(R"([{"rule":"bogus","column":"a"}])")),
               ParameterError);
}

TEST(Validators, StoredInTheModelFileAndOldModelsWithoutThemStillLoad) {
  testing::TempDir dir;
  FitOptions fit;
  fit.max_epochs = 1;
  fit.seed = 1;
  const Generator g = Generator::Fit(People(300), Metadata{}, fit);
  g.Save(dir.File("m.ersatz"));
  ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  ASSERT_TRUE(file.header.contains("validators"));
  const Validators stored = Validators::FromJson(file.header.at("validators"));
  EXPECT_NE(FindRule(stored, Kind::kRange, "age"), nullptr);

  file.header.erase("validators");  // as written before validators existed
  WriteModelFile(dir.File("old.ersatz"), file);
  const Generator old = Generator::Load(dir.File("old.ersatz"));
  std::size_t rows = 0;
  const SampleReport report =
      old.Sample(100, {.seed = 2}, [&](const Table& b) { rows += b.num_rows(); });
  EXPECT_EQ(rows, 100u);
  EXPECT_EQ(report.rows, 100u);
}

TEST(Validators, GeneratedRowsStayInsideTheLearnedRanges) {
  FitOptions fit;
  fit.max_epochs = 2;
  fit.seed = 1;
  const Generator g = Generator::Fit(People(1000), Metadata{}, fit);
  std::int64_t lo = 1 << 30, hi = -1;
  const SampleReport report = g.Sample(5000, {.seed = 4}, [&](const Table& b) {
    for (std::int64_t a : b.column(0).integers()) {
      lo = std::min(lo, a);
      hi = std::max(hi, a);
    }
  });
  EXPECT_EQ(report.rows, 5000u);
  EXPECT_GE(lo, 20);
  EXPECT_LE(hi, 59);
}

}  // namespace
}  // namespace ersatz::validate
