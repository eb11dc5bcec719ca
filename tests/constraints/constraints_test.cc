// Constraints from the metadata file: parsed with exact messages, checked against the data, and
// satisfied by construction on every sampled row.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/run_cli.h"
#include "constraints/check_data.h"
#include "constraints/plan.h"
#include "ersatz/csv.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "models/model_file.h"
#include "table/row_copy.h"

namespace ersatz::constraints {
namespace {

std::string DataPath() { return testing::SourcePath("tests/data/orders_constraints.csv"); }
std::string MetadataPath() { return testing::SourcePath("tests/data/orders_constraints.json"); }

struct Orders {
  Table table;
  Metadata schema;
};

Orders ReadOrders() {
  Orders o;
  const Metadata overrides = Metadata::Load(MetadataPath());
  o.table = ReadCsv(DataPath(), {}, &overrides, nullptr, &o.schema);
  o.schema.constraints = overrides.constraints;
  o.schema.source = "orders.json";
  return o;
}

std::string ErrorOf(const std::function<void()>& f) {
  try {
    f();
  } catch (const std::exception& e) {
    return e.what();
  }
  return "(no error)";
}

Metadata WithConstraints(const std::string& constraints_json) {
  return Metadata::ParseJson(
      R"({"version": 1, "columns": [], "constraints": )" + constraints_json + "}", "meta.json");
}

TEST(ConstraintMetadata, JsonAndYamlGiveTheSameConstraints) {
  const Metadata json = Metadata::Load(MetadataPath());
  const Metadata yaml = Metadata::ParseYaml(json.ToYaml(), "m.yaml");
  ASSERT_EQ(json.constraints.size(), 6u);
  ASSERT_EQ(yaml.constraints.size(), 6u);
  for (std::size_t i = 0; i < 6; ++i)
    EXPECT_EQ(json.constraints[i].Describe(), yaml.constraints[i].Describe());
  EXPECT_EQ(json.constraints[0].Describe(), "start <= end");
  EXPECT_EQ(json.constraints[1].Describe(), "city, state combined");
  EXPECT_EQ(json.constraints[2].Describe(), "temp_f = temp_c * 9 / 5 + 32");
  EXPECT_EQ(json.constraints[5].Describe(), "order_id unique");
}

TEST(ConstraintMetadata, MalformedEntriesAreExactErrors) {
  EXPECT_EQ(ErrorOf([] { WithConstraints(R"([{"type": "sum"}])"); }),
            "meta.json: constraint 1: unknown type 'sum' (expected inequality, combination, "
            "derived, mapping or unique)");
  EXPECT_EQ(ErrorOf([] { WithConstraints(R"([{"type": "inequality", "low": "a"}])"); }),
            "meta.json: constraint 1 (inequality): missing 'high'");
  EXPECT_EQ(ErrorOf([] { WithConstraints(R"([{"type": "unique", "column": "a", "expr": "b"}])"); }),
            "meta.json: constraint 1 (unique): unknown key 'expr' (expected type, column)");
  EXPECT_EQ(ErrorOf([] { WithConstraints(R"([{"type": "combination", "columns": ["a"]}])"); }),
            "meta.json: constraint 1: 'columns' must be a list of at least two column names");
}

TEST(ConstraintMetadata, MappingsAndWhatIsLearnedOfComputedColumns) {
  const Metadata m = WithConstraints(R"([
      {"type": "mapping", "column": "state", "from": "city"},
      {"type": "derived", "column": "total", "expression": "price * qty", "learn": "exceptions"},
      {"type": "derived", "column": "temp_f", "expression": "temp_c * 1.8 + 32", "learn": "ratio"}])");
  const Metadata yaml = Metadata::ParseYaml(m.ToYaml(), "m.yaml");
  const std::vector<std::string> described = {"state determined by city",
                                              "total = price * qty (exceptions learned)",
                                              "temp_f = temp_c * 1.8 + 32 (ratio learned)"};
  for (std::size_t i = 0; i < described.size(); ++i) {
    EXPECT_EQ(m.constraints[i].Describe(), described[i]);
    EXPECT_EQ(yaml.constraints[i].Describe(), described[i]);
  }
  EXPECT_EQ(ErrorOf([] {
              WithConstraints(
                  R"([{"type": "mapping", "column": "state", "from": "city", "learn": "ratio"}])");
            }),
            "meta.json: constraint 1 (mapping): unknown 'learn' value 'ratio' (expected exceptions)");
  EXPECT_EQ(ErrorOf([] { WithConstraints(R"([{"type": "unique", "column": "a", "learn": "exceptions"}])"); }),
            "meta.json: constraint 1 (unique): unknown key 'learn' (expected type, column)");
  EXPECT_EQ(ErrorOf([] { WithConstraints(R"([{"type": "mapping", "column": "state"}])"); }),
            "meta.json: constraint 1 (mapping): missing 'from'");
}

TEST(ConstraintPlan, DeclaredMappingsAreCheckedAndRestored) {
  const Orders o = ReadOrders();
  EXPECT_EQ(ErrorOf([&] {
              CheckConstraintsHold(
                  o.table, WithConstraints(R"([{"type": "mapping", "column": "city", "from": "state"}])"),
                  "orders.csv");
            }),
            "orders.csv: data row 2: city is Peoria but data row 1 with the same state (IL) has "
            "Springfield, breaking constraint 1 (city determined by state) of meta.json; fix the data "
            "or drop the constraint");
  EXPECT_EQ(ErrorOf([&] {
              const Metadata m =
                  WithConstraints(R"([{"type": "mapping", "column": "start", "from": "city"}])");
              ConstraintPlan::Fit(o.table, m);
            }),
            "meta.json: constraint 1 (start determined by city): 'start' is datetime; a mapping "
            "gives categorical, text, boolean or number columns");
  // A number read as intervals: temp_f follows temp_c, one interval per value here.
  const Metadata m = WithConstraints(R"([{"type": "mapping", "column": "temp_f", "from": "temp_c"}])");
  EXPECT_NO_THROW(CheckConstraintsHold(o.table, m, "orders.csv"));
  const ConstraintPlan plan = ConstraintPlan::Fit(o.table, m, {.value_protection = false});
  const Table learned = plan.Prepare(o.table);
  EXPECT_EQ(learned.FindColumn("temp_f"), -1);
  const Table restored = ConstraintPlan::FromJson(plan.ToJson()).Restore(learned, {});
  for (std::size_t r = 0; r < o.table.num_rows(); ++r) {
    ASSERT_EQ(restored.column(6).FormatValue(r), o.table.column(6).FormatValue(r)) << r;
  }
}

TEST(ConstraintPlan, MappingsAreRefusedUnderDifferentialPrivacy) {
  const Orders o = ReadOrders();
  Metadata schema = o.schema;
  schema.constraints = {{.kind = Constraint::Kind::kMapping, .columns = {"state", "city"}}};
  FitOptions fit;
  fit.epsilon = 1;
  EXPECT_EQ(ErrorOf([&] { Generator::Fit(o.table, schema, fit); }),
            "orders.json: constraint 1 (state determined by city): a mapping's table is read from "
            "the data, which --epsilon does not allow; drop the constraint or fit without --epsilon");
}

TEST(ConstraintPlan, ColumnAndExpressionErrorsNameTheConstraint) {
  const Orders o = ReadOrders();
  auto fit = [&](const std::string& constraints) {
    Metadata m = WithConstraints(constraints);
    return ErrorOf([&] { ConstraintPlan::Fit(o.table, m); });
  };
  EXPECT_EQ(fit(R"([{"type": "inequality", "low": "start", "high": "finish"}])"),
            "meta.json: constraint 1 (start <= finish): unknown column 'finish'");
  EXPECT_EQ(
      fit(R"([{"type": "inequality", "low": "city", "high": "qty"}])"),
      "meta.json: constraint 1 (city <= qty): 'city' is categorical; an inequality compares two "
      "number columns or two datetime columns");
  EXPECT_EQ(
      fit(R"([{"type": "derived", "column": "temp_f", "expression": "temp_c * 9 / * 32"}])"),
      "meta.json: constraint 1 (temp_f = temp_c * 9 / * 32): cannot parse 'temp_c * 9 / * 32': "
      "Unexpected operator \"*\" found at position 13 (counting from 0)");
  EXPECT_EQ(fit(R"([{"type": "derived", "column": "total", "expression": "price * quantity"}])"),
            "meta.json: constraint 1 (total = price * quantity): unknown column 'quantity'");
  EXPECT_EQ(fit(R"([{"type": "derived", "column": "total", "expression": "total + 1"}])"),
            "meta.json: constraint 1 (total = total + 1): 'total' cannot be computed from itself");
  EXPECT_EQ(
      fit(R"([{"type": "derived", "column": "total", "expression": "price * qty"},
                     {"type": "inequality", "low": "temp_c", "high": "price"}])"),
      "meta.json: constraints: 'price' is read before the constraint that rebuilds it; declare "
      "that constraint first");
  EXPECT_EQ(fit(R"([{"type": "combination", "columns": ["city", "qty"]}])"),
            "meta.json: constraint 1 (city, qty combined): 'qty' is integer; a combination joins "
            "categorical or text columns");
}

TEST(ConstraintPlan, DataThatBreaksAConstraintNamesTheFirstRow) {
  const Orders o = ReadOrders();
  EXPECT_EQ(
      ErrorOf([&] {
        CheckConstraintsHold(
            o.table, WithConstraints(R"([{"type": "inequality", "low": "end", "high": "start"}])"),
            "orders.csv");
      }),
      "orders.csv: data row 1: end (2023-11-22) is after start (2023-11-16), breaking constraint 1 "
      "(end <= start) of meta.json; fix the data or drop the constraint");
  EXPECT_EQ(
      ErrorOf([&] {
        CheckConstraintsHold(
            o.table,
            WithConstraints(
                R"([{"type": "derived", "column": "temp_f", "expression": "temp_c * 2 + 30"}])"),
            "orders.csv");
      }),
      "orders.csv: data row 1: temp_f is 59.18 but temp_c * 2 + 30 gives 60.2, breaking constraint "
      "1 "
      "(temp_f = temp_c * 2 + 30) of meta.json; fix the data or drop the constraint");
  EXPECT_EQ(ErrorOf([&] {
              CheckConstraintsHold(o.table,
                                   WithConstraints(R"([{"type": "unique", "column": "state"}])"),
                                   "orders.csv");
            }),
            "orders.csv: data row 2: state IL repeats data row 1, breaking constraint 1 (state "
            "unique) of "
            "meta.json; fix the data or drop the constraint");
  EXPECT_NO_THROW(CheckConstraintsHold(o.table, o.schema, "orders.csv"));
}

TEST(ConstraintPlan, RestoringThePreparedTableGivesItBack) {
  const Orders o = ReadOrders();
  const ConstraintPlan plan = ConstraintPlan::Fit(o.table, o.schema);
  const Table learned = plan.Prepare(o.table);
  EXPECT_EQ(learned.ColumnNames(),
            (std::vector<std::string>{"start", "end (minus start)", "city + state", "temp_c",
                                      "price", "qty"}));
  std::vector<std::uint64_t> ids(o.table.num_rows());
  for (std::size_t r = 0; r < ids.size(); ++r) ids[r] = r;
  const ConstraintPlan back = ConstraintPlan::FromJson(plan.ToJson());
  const Table restored = back.Restore(learned, ids);
  ASSERT_EQ(restored.ColumnNames(), o.table.ColumnNames());
  for (std::size_t c = 0; c < restored.num_columns(); ++c) {
    for (std::size_t r = 0; r < restored.num_rows(); ++r) {
      ASSERT_EQ(restored.column(c).FormatValue(r), o.table.column(c).FormatValue(r))
          << restored.column(c).name() << " row " << r;
    }
  }
}

TEST(ConstraintSampling, EveryConstraintHoldsOnSampledRows) {
  const Orders o = ReadOrders();
  std::set<std::pair<std::string, std::string>> pairs;
  for (std::size_t r = 0; r < o.table.num_rows(); ++r) {
    pairs.emplace(o.table.column(3).text(r), o.table.column(4).text(r));
  }
  FitOptions fit;
  fit.max_epochs = 3;
  fit.seed = 2;
  const Generator g = Generator::Fit(o.table, o.schema, fit);
  testing::TempDir dir;
  g.Save(dir.File("m.ersatz"));
  const Generator loaded = Generator::Load(dir.File("m.ersatz"));
  const ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  for (const auto& rule : file.header.at("validators")) {
    EXPECT_GE(o.table.FindColumn(rule.at("column").get<std::string>()), 0) << rule.dump();
  }
  Table s;
  const SampleReport report = loaded.Sample(5000, {.seed = 3, .batch_rows = 1000},
                                            [&](const Table& b) { AppendRows(b, &s); });
  ASSERT_EQ(s.num_rows(), 5000u);
  ASSERT_EQ(s.ColumnNames(), o.table.ColumnNames());
  std::size_t rare = 0;
  for (std::size_t r = 0; r < s.num_rows(); ++r) {
    EXPECT_LE(s.column(1).integers()[r], s.column(2).integers()[r]) << r;  // start <= end
    const std::string city(s.column(3).text(r)), state(s.column(4).text(r));
    if (city == "_RARE_") {
      EXPECT_EQ(state, "_RARE_");
      ++rare;
    } else {
      EXPECT_TRUE(pairs.contains({city, state})) << city << ", " << state;
    }
    const double temp_c = s.column(5).floats()[r];
    EXPECT_EQ(s.column(6).floats()[r], std::round((temp_c * 9 / 5 + 32) * 100) / 100) << r;
    EXPECT_EQ(
        s.column(9).floats()[r],
        std::round(s.column(7).floats()[r] * static_cast<double>(s.column(8).integers()[r]) * 100) /
            100);
    EXPECT_EQ(s.column(0).integers()[r], static_cast<std::int64_t>(r + 1));
  }
  EXPECT_EQ(rare, 0u);  // every combination in the data is frequent
  EXPECT_EQ(report.rows, 5000u);
}

TEST(ConstraintSampling, TheHighPrivacyFilterScoresTheLearnedFormOfEachRow) {
  // The likelihood filter reads what the model learns (end − start, city + state), not the
  // output's columns; it used to fail with "the data has no column 'end (minus start)'".
  const Orders o = ReadOrders();
  FitOptions fit;
  fit.max_epochs = 1;
  const Generator g = Generator::Fit(o.table, o.schema, fit);
  SampleOptions options{.seed = 1};
  options.checks = g.PrivacyFilters("high");
  ASSERT_EQ(options.checks.size(), 2u);
  std::size_t rows = 0;
  g.Sample(200, options, [&](const Table& b) { rows += b.num_rows(); });
  EXPECT_EQ(rows, 200u);
}

TEST(ConstraintSampling, ModelsWrittenBeforeDiscoveredRulesStillLoad) {
  const Orders o = ReadOrders();
  FitOptions fit;
  fit.max_epochs = 1;
  fit.discover_rules = false;
  testing::TempDir dir;
  Generator::Fit(o.table, o.schema, fit).Save(dir.File("m.ersatz"));
  ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  file.header.at("constraints").erase("fitted");  // as format 2 wrote them
  file.header.at("constraints").erase("rows");
  WriteModelFile(dir.File("old.ersatz"), file);
  std::size_t rows = 0;
  Generator::Load(dir.File("old.ersatz")).Sample(50, {.seed = 1}, [&](const Table& b) {
    rows += b.num_rows();
  });
  EXPECT_EQ(rows, 50u);
}

TEST(ConstraintSampling, UniqueColumnsNeverRepeatAcrossBatches) {
  const Orders o = ReadOrders();
  Metadata schema = o.schema;
  // temp_c has a few hundred distinct values: 300 rows repeat some, which must be drawn again.
  schema.constraints = {{.kind = Constraint::Kind::kUnique, .columns = {"temp_c"}}};
  FitOptions fit;
  fit.max_epochs = 2;
  fit.seed = 2;
  const Generator g = Generator::Fit(o.table, schema, fit);
  std::set<std::string> seen;
  SampleOptions options{.seed = 3, .batch_rows = 64};
  options.max_invalid_fraction = 1;  // a 2-epoch model repeats itself a lot
  const SampleReport report = g.Sample(300, options, [&](const Table& b) {
    for (std::size_t r = 0; r < b.num_rows(); ++r) {
      EXPECT_TRUE(seen.insert(b.column(5).FormatValue(r)).second) << b.column(5).FormatValue(r);
    }
  });
  EXPECT_EQ(report.rows, seen.size());
  EXPECT_GT(report.rejected.at("temp_c repeats an earlier row"), 0u);
}

TEST(ConstraintCli, FitReportsABrokenConstraintWithExitCode2) {
  testing::TempDir dir;
  const std::string meta = dir.Write(
      "m.json",
      R"({"version": 1, "columns": [], "constraints": [{"type": "derived", "column": "total", "expression": "price * (qty"}]})");
  const auto r = testing::RunCli({"fit", DataPath(), "--metadata", meta, "-o", dir.File("m.ersatz"),
                                  "--no-report", "--max-epochs", "1"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(
      r.err.find(meta + ": constraint 1 (total = price * (qty): cannot parse 'price * (qty': "),
      std::string::npos)
      << r.err;
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"m.json"}));
}

}  // namespace
}  // namespace ersatz::constraints
