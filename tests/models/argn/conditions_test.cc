// Conditional sampling through the library: --where, --rebalance, seeded rows, per-column
// temperature — what a user of Generator::Sample / SampleGiven notices.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "models/argn/conditions.h"

namespace ersatz {
namespace {

// colour uniform over {red, green, blue}; size follows colour 80% of the time (red → S,
// green → M, blue → L); amount is a wide integer (digit-encoded) that grows with size.
Table ColourTable(std::size_t rows) {
  Column colour("colour", ColumnKind::kCategorical);
  Column size("size", ColumnKind::kCategorical);
  Column amount("amount", ColumnKind::kInteger);
  const char* colours[] = {"red", "green", "blue"};
  const char* sizes[] = {"S", "M", "L"};
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t c = (r * 7919) % 3;
    const std::size_t s = (r * 104729) % 10 < 8 ? c : (c + 1 + r % 2) % 3;
    colour.AppendString(colours[c]);
    size.AppendString(sizes[s]);
    amount.AppendInteger(static_cast<std::int64_t>(20000 * s + (r * 7907) % 20000));
  }
  Table t;
  t.AddColumn(colour);
  t.AddColumn(size);
  t.AddColumn(amount);
  return t;
}

const Generator& Model() {
  static const Generator g = [] {
    FitOptions o;
    o.max_epochs = 20;
    o.seed = 1;
    o.value_protection = false;
    o.discover_rules = false;  // size is a function of amount here: keep it learned, conditionable
    return Generator::Fit(ColourTable(3000), Metadata{}, o);
  }();
  return g;
}

struct Rows {
  std::vector<std::string> colour, size;
  std::vector<std::int64_t> amount;
};

Rows Collect(const std::function<void(const std::function<void(const Table&)>&)>& run) {
  Rows rows;
  run([&](const Table& batch) {
    for (std::size_t r = 0; r < batch.num_rows(); ++r) {
      rows.colour.emplace_back(batch.column(0).text(r));
      rows.size.emplace_back(batch.column(1).text(r));
      rows.amount.push_back(batch.column(2).integers()[r]);
    }
  });
  return rows;
}

Rows SampleRows(std::size_t n, const SampleOptions& options) {
  return Collect([&](const auto& sink) { Model().Sample(n, options, sink); });
}

double Share(const std::vector<std::string>& values, const std::string& v) {
  return static_cast<double>(std::count(values.begin(), values.end(), v)) /
         static_cast<double>(values.size());
}

std::string ErrorOf(const SampleOptions& options) {
  try {
    Model().Sample(10, options, [](const Table&) {});
  } catch (const ParameterError& e) {
    return e.what();
  }
  return "(no error)";
}

TEST(ConditionalSampling, EveryRowOfANumericRangeIsInsideIt) {
  SampleOptions o{.seed = 4};
  o.where = {"amount=30000..40000"};
  const Rows rows = SampleRows(3000, o);
  std::set<std::int64_t> distinct;
  for (std::int64_t v : rows.amount) {
    ASSERT_GE(v, 30000);
    ASSERT_LE(v, 40000);
    distinct.insert(v);
  }
  // Digit by digit, not collapsed onto one value: the range's values are spread.
  EXPECT_GT(distinct.size(), 500u);
  // 30000..40000 lies in the M band (20000..39999) or just at L's start: size follows amount.
  EXPECT_GT(Share(rows.size, "M"), 0.9);
}

TEST(ConditionalSampling, OpenEndedRangeAndEquality) {
  SampleOptions o{.seed = 5};
  o.where = {"amount=..1234"};
  for (std::int64_t v : SampleRows(500, o).amount) ASSERT_LE(v, 1234);
  o.where = {"amount=777"};
  for (std::int64_t v : SampleRows(200, o).amount) ASSERT_EQ(v, 777);
}

TEST(ConditionalSampling, CategorySetsAndTheirDependencies) {
  SampleOptions o{.seed = 6};
  o.where = {"colour=red,green"};
  const Rows rows = SampleRows(3000, o);
  EXPECT_EQ(Share(rows.colour, "blue"), 0.0);
  EXPECT_NEAR(Share(rows.colour, "red"), 0.5, 0.05);
  o.where = {"colour=blue"};
  const Rows blue = SampleRows(3000, o);
  EXPECT_EQ(Share(blue.colour, "blue"), 1.0);
  // The other columns follow the model's conditional: size is L 80% of the time for blue.
  EXPECT_NEAR(Share(blue.size, "L"), 0.8, 0.05);
}

TEST(ConditionalSampling, RebalancedSharesWithinBinomialTolerance) {
  SampleOptions o{.seed = 7};
  o.rebalance = {"colour=red:0.6"};
  const std::size_t n = 6000;
  const Rows rows = SampleRows(n, o);
  const double sigma = std::sqrt(0.6 * 0.4 / n);
  EXPECT_NEAR(Share(rows.colour, "red"), 0.6, 4 * sigma);
  // The rest is split in the model's proportions (the data's are equal).
  EXPECT_NEAR(Share(rows.colour, "green"), 0.2, 0.04);
  EXPECT_NEAR(Share(rows.colour, "blue"), 0.2, 0.04);
  // Within the rebalanced class the rows follow the model: red → S 80% of the time.
  std::size_t red = 0, red_s = 0;
  for (std::size_t r = 0; r < n; ++r) {
    red += rows.colour[r] == "red";
    red_s += rows.colour[r] == "red" && rows.size[r] == "S";
  }
  EXPECT_NEAR(static_cast<double>(red_s) / static_cast<double>(red), 0.8, 0.05);
}

TEST(ConditionalSampling, SameSeedSameConditionedRows) {
  SampleOptions o{.seed = 8};
  o.where = {"amount=10000..50000"};
  o.rebalance = {"colour=blue:0.5"};
  const Rows a = SampleRows(700, o);
  o.batch_rows = 100;  // batch boundaries do not change the rows
  const Rows b = SampleRows(700, o);
  EXPECT_EQ(a.colour, b.colour);
  EXPECT_EQ(a.amount, b.amount);
}

TEST(ConditionalSampling, SeededRowsConditionTheRest) {
  Column colour("colour", ColumnKind::kCategorical);
  for (int i = 0; i < 400; ++i) colour.AppendString("green");
  colour.AppendNull();  // a missing seed cell is sampled
  Table given;
  given.AddColumn(colour);
  std::vector<std::size_t> unseen;
  const Rows rows = Collect([&](const auto& sink) {
    Model().SampleGiven(given, 3, 0, {.seed = 9}, sink,
                        [&](std::size_t row, std::size_t) { unseen.push_back(row); });
  });
  ASSERT_EQ(rows.colour.size(), 401u * 3);
  for (std::size_t r = 0; r < 400 * 3; ++r) ASSERT_EQ(rows.colour[r], "green");
  EXPECT_NEAR(Share(std::vector<std::string>(rows.size.begin(), rows.size.begin() + 1200), "M"), 0.8, 0.05);
  EXPECT_TRUE(unseen.empty());
}

TEST(ConditionalSampling, ReportsSeedValuesTheModelNeverSaw) {
  Column colour("colour", ColumnKind::kCategorical);
  colour.AppendString("red");
  colour.AppendString("purple");
  Column amount("amount", ColumnKind::kInteger);
  amount.AppendInteger(-5);
  amount.AppendInteger(100);
  Table given;
  given.AddColumn(colour);
  given.AddColumn(amount);
  std::vector<std::pair<std::size_t, std::size_t>> unseen;
  Model().SampleGiven(given, 1, 0, {}, [](const Table&) {},
                      [&](std::size_t row, std::size_t column) { unseen.emplace_back(row, column); });
  const std::vector<std::pair<std::size_t, std::size_t>> expected = {{1, 0}, {0, 1}};
  EXPECT_EQ(unseen, expected);
}

TEST(ConditionalSampling, GivenColumnOfAnotherKindIsAClearError) {
  Column amount("amount", ColumnKind::kText);
  amount.AppendString("12");
  Table given;
  given.AddColumn(amount);
  try {
    Model().SampleGiven(given, 1, 0, {}, [](const Table&) {});
    FAIL() << "no error";
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(), "given column 'amount' is text, but the model learned it as integer");
  }
}

// A label and its code: discovery computes the code from the label, so a seed that gives the
// code alone must still get the label that goes with it, or the row breaks the rule (Adult's
// education-num given, education blank).
TEST(ConditionalSampling, AGivenComputedColumnChoosesItsParent) {
  Column label("label", ColumnKind::kCategorical);
  Column code("code", ColumnKind::kInteger);
  Column amount("amount", ColumnKind::kInteger);
  const char* labels[] = {"S", "M", "L", "XL"};
  for (std::size_t r = 0; r < 2000; ++r) {
    const std::size_t c = (r * 7919) % 4;
    label.AppendString(labels[c]);
    code.AppendInteger(static_cast<std::int64_t>(c + 1));
    amount.AppendInteger(static_cast<std::int64_t>((r * 104729) % 500));
  }
  Table t;
  t.AddColumn(label);
  t.AddColumn(code);
  t.AddColumn(amount);
  FitOptions o;
  o.max_epochs = 3;
  o.seed = 2;
  const Generator g = Generator::Fit(t, Metadata{}, o);
  const auto computed = g.ComputedColumns();
  ASSERT_EQ(computed.size(), 1u);
  ASSERT_EQ(computed[0].rule.Describe(), "code determined by label");

  Column given_code("code", ColumnKind::kInteger);
  for (std::int64_t v : {1, 2, 3, 4, 3, 2}) given_code.AppendInteger(v);
  given_code.AppendInteger(9);  // no label gives it: reported, the label sampled freely
  Table given;
  given.AddColumn(given_code);
  std::vector<std::size_t> unseen;
  std::vector<std::string> got_label;
  std::vector<std::int64_t> got_code;
  g.SampleGiven(given, 20, 0, {.seed = 4}, [&](const Table& batch) {
    const Column& l = batch.column(static_cast<std::size_t>(batch.FindColumn("label")));
    const Column& c = batch.column(static_cast<std::size_t>(batch.FindColumn("code")));
    for (std::size_t r = 0; r < batch.num_rows(); ++r) {
      got_label.emplace_back(l.text(r));
      got_code.push_back(c.integers()[r]);
    }
  }, [&](std::size_t row, std::size_t) { unseen.push_back(row); });
  ASSERT_EQ(got_code.size(), 7u * 20);
  for (std::size_t r = 0; r < 6 * 20; ++r) {
    ASSERT_EQ(got_label[r], labels[got_code[r] - 1]) << "row " << r << " code " << got_code[r];
  }
  EXPECT_EQ(unseen, std::vector<std::size_t>{6});
}

TEST(ConditionalSampling, PerColumnTemperature) {
  SampleOptions o{.seed = 10};
  o.where = {"colour=red"};
  const double warm = Share(SampleRows(2000, o).size, "S");
  EXPECT_NEAR(warm, 0.8, 0.05);
  o.column_temperature = {{"size", 0.05}};  // cold size: closer to its most likely value
  EXPECT_GT(Share(SampleRows(2000, o).size, "S"), warm + 0.05);
}

TEST(ConditionalSampling, ErrorsNameTheCondition) {
  SampleOptions o;
  o.where = {"weight=3"};
  EXPECT_EQ(ErrorOf(o), "--where 'weight=3': the model has no column 'weight'");
  o.where = {"colour=purple"};
  EXPECT_EQ(ErrorOf(o),
            "--where 'colour=purple': column 'colour' has no category 'purple' (never seen, or too "
            "rare to be kept)");
  o.where = {"amount=50..10"};
  EXPECT_EQ(ErrorOf(o), "--where 'amount=50..10': empty range");
  o.where = {"amount=900000..990000"};
  EXPECT_EQ(ErrorOf(o),
            "--where 'amount=900000..990000': no value the model can generate for column 'amount' "
            "lies in this range");
  o.where = {"amount=ten"};
  EXPECT_EQ(ErrorOf(o), "--where 'amount=ten': 'ten' is not a number");
  o.where = {"colour"};
  EXPECT_EQ(ErrorOf(o),
            "--where 'colour': expected 'column=value', 'column=a,b' or 'column=lo..hi'");
  o.where = {"colour=red", "colour=blue"};
  EXPECT_EQ(ErrorOf(o),
            "--where 'colour=blue': column 'colour' already has a condition (--where 'colour=red')");
  o.where = {};
  o.rebalance = {"colour=red:0.7", "colour=blue:0.6"};
  EXPECT_EQ(ErrorOf(o),
            "--rebalance 'colour=red:0.7': the shares of column 'colour' add up to 1.3, more than 1");
  o.rebalance = {"amount=5:0.5"};
  EXPECT_EQ(ErrorOf(o), "--rebalance 'amount=5:0.5': column 'amount' is not categorical");
  o.rebalance = {"colour=red"};
  EXPECT_EQ(ErrorOf(o), "--rebalance 'colour=red': expected 'column=value:share'");
  o.rebalance = {};
  o.column_temperature = {{"weight", 0.5}};
  EXPECT_EQ(ErrorOf(o), "temperature: the model has no column 'weight'");
}

TEST(ConditionalSampling, NoNullsNeverGeneratesAMissingValue) {
  Table t = ColourTable(1200);
  Column colour("colour", ColumnKind::kCategorical);
  Column amount("amount", ColumnKind::kInteger);
  for (std::size_t r = 0; r < t.num_rows(); ++r) {  // a third of each column missing
    if (r % 3 == 0) colour.AppendNull(); else colour.AppendString(t.column(0).text(r));
    if (r % 3 == 1) amount.AppendNull(); else amount.AppendInteger(t.column(2).integers()[r]);
  }
  Table gappy;
  gappy.AddColumn(colour);
  gappy.AddColumn(t.column(1));
  gappy.AddColumn(amount);
  FitOptions fit;
  fit.max_epochs = 5;
  fit.seed = 2;
  const Generator g = Generator::Fit(gappy, Metadata{}, fit);
  auto nulls = [&](bool no_nulls) {
    SampleOptions o{.seed = 3};
    o.no_nulls = no_nulls;
    std::size_t count = 0;
    g.Sample(1500, o, [&](const Table& batch) {
      count += batch.column(0).null_count() + batch.column(2).null_count();
    });
    return count;
  };
  EXPECT_GT(nulls(false), 500u);  // the model learned the missing values...
  EXPECT_EQ(nulls(true), 0u);     // ...and imputation masks them out
}

TEST(RowConditions, TakeKeepsEachRowsConditionsForADrawAgain) {
  const encode::TableEncoder encoder = encode::TableEncoder::Fit(ColourTable(300), Metadata{}, {});
  argn::RowConditions conditions(encoder, 3);
  argn::ColumnRule rule;
  rule.column = 2;
  rule.range = true;
  rule.lo = 10;
  rule.hi = 20;
  const int r = conditions.AddRule(rule);
  const std::int32_t blue = 3;
  conditions.Fix(0, 0, std::span(&blue, 1));
  conditions.Restrict(2, r);
  const std::uint32_t rows[] = {2, 0};
  const argn::RowConditions again = conditions.Take(rows);
  ASSERT_EQ(again.rows(), 2u);
  EXPECT_EQ(again.state(0, 2), argn::RowConditions::State::kRuled);
  EXPECT_EQ(again.rule(0, 2).hi, 20);
  EXPECT_EQ(again.state(0, 0), argn::RowConditions::State::kFree);
  EXPECT_EQ(again.state(1, 0), argn::RowConditions::State::kFixed);
  EXPECT_EQ(again.fixed_code(1, 0), blue);
  EXPECT_EQ(again.state(1, 2), argn::RowConditions::State::kFree);
}

}  // namespace
}  // namespace ersatz
