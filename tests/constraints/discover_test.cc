// Rules discovered at fit time: what is found (binning, a code and its label, sums, products,
// powers, approximate ratios), what is not (coincidences, small tables, too many exceptions), and
// that the columns they compute come back from the model as the rules say.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "cli/run_cli.h"
#include "constraints/discover.h"
#include "constraints/plan.h"
#include "ersatz/csv.h"
#include "ersatz/generator.h"
#include "models/model_file.h"
#include "table/row_copy.h"

namespace ersatz::constraints {
namespace {

// Uniform integers from a fixed generator (std::uniform_int_distribution differs between
// standard libraries; this does not).
class Draws {
 public:
  explicit Draws(std::uint32_t seed) : rng_(seed) {}
  int Between(int lo, int hi) { return lo + static_cast<int>(rng_() % static_cast<std::uint32_t>(hi - lo + 1)); }
  double Unit() { return static_cast<double>(rng_()) / 4294967296.0; }

 private:
  std::mt19937 rng_;
};

// A CSV of `rows` rows: `header`, then row(i, draws) for each row.
std::string Csv(const std::string& header, std::size_t rows,
                const std::function<std::string(std::size_t, Draws&)>& row, std::uint32_t seed = 1) {
  Draws draws(seed);
  std::string text = header + "\n";
  for (std::size_t i = 0; i < rows; ++i) text += row(i, draws) + "\n";
  return text;
}

struct Typed {
  Table table;
  Metadata schema;
};

Typed Type(const std::string& csv) {
  Typed t;
  t.table = TypeRawTable(ParseCsv(csv, "t.csv", {}), nullptr, &t.schema);
  return t;
}

std::vector<std::string> Found(const std::string& csv, const Metadata* declared = nullptr) {
  Typed t = Type(csv);
  if (declared != nullptr) t.schema.constraints = declared->constraints;
  std::vector<std::string> out;
  for (const Constraint& c : DiscoverRules(t.table, t.schema)) out.push_back(c.Describe());
  return out;
}

std::string AgeGroup(int age) {
  return age < 25 ? "16-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 60 ? "45-59" : "60+";
}

// Ages, their groups, and a column that has nothing to do with them.
std::string AgeRow(std::size_t, Draws& d) {
  const int age = d.Between(16, 90);
  return std::to_string(age) + "," + AgeGroup(age) + "," + std::to_string(d.Between(0, 999));
}

TEST(DiscoverRules, FindsACategoryCutFromANumber) {
  EXPECT_EQ(Found(Csv("age,agegr,noise", 1000, AgeRow)),
            (std::vector<std::string>{"agegr determined by age"}));
}

TEST(DiscoverRules, FindsACodeAndItsLabelAndComputesTheCode) {
  const std::vector<std::string> labels = {"north", "south", "east", "west", "centre"};
  const std::string csv = Csv("region,region_code,x", 800, [&](std::size_t, Draws& d) {
    const int k = d.Between(0, 4);
    return labels[static_cast<std::size_t>(k)] + "," + std::to_string(10 + k) + "," +
           std::to_string(d.Between(0, 9));
  });
  EXPECT_EQ(Found(csv), (std::vector<std::string>{"region_code determined by region"}));
}

// Issue 13: the searches are O(m² log m); a table wider than kMaxSearchedColumns has only its
// first searchable columns searched (a rule among them is still found, one past them is not).
TEST(DiscoverRules, SearchesAtMostTheFirstColumnsOfAWideTable) {
  const std::size_t width = kMaxSearchedColumns + 20;
  std::string header = "a,b,total";
  for (std::size_t c = 3; c < width; ++c) header += fmt::format(",x{}", c);
  header += ",late_a,late_b,late_total";
  const std::string csv = Csv(header, 60, [&](std::size_t, Draws& d) {
    const int a = d.Between(1, 999), b = d.Between(1, 999);
    std::string row = fmt::format("{},{},{}", a, b, a + b);
    for (std::size_t c = 3; c < width; ++c) row += fmt::format(",v{}", d.Between(0, 1));
    const int x = d.Between(1, 999), y = d.Between(1, 999);
    return row + fmt::format(",{},{},{}", x, y, x + y);
  });
  Typed t = Type(csv);
  DiscoverReport report;
  std::vector<std::string> found;
  for (const Constraint& c : DiscoverRules(t.table, t.schema, {}, &report)) found.push_back(c.Describe());
  EXPECT_EQ(report.searchable, width + 3);
  EXPECT_EQ(report.searched, kMaxSearchedColumns);
  EXPECT_EQ(found, (std::vector<std::string>{"total = a + b"}));
}

TEST(DiscoverRules, FindsASumAndAProductWithinTheirRounding) {
  const std::string csv = Csv("price,qty,total,vat,fee,charges", 600, [](std::size_t, Draws& d) {
    const double price = d.Between(100, 99999) / 100.0;
    const int qty = d.Between(1, 12);
    const double vat = d.Between(0, 2000) / 100.0, fee = d.Between(0, 500) / 100.0;
    return fmt::format("{:.2f},{},{:.2f},{:.2f},{:.2f},{:.2f}", price, qty,
                       std::round(price * qty * 100) / 100, vat, fee, vat + fee);
  });
  EXPECT_EQ(Found(csv), (std::vector<std::string>{"total = price * qty", "charges = vat + fee"}));
}

TEST(DiscoverRules, FindsPowersWithAConstantAtFullPrecision) {
  // bmi as R writes it: 15 significant digits.
  const std::string csv = Csv("height,weight,bmi", 500, [](std::size_t, Draws& d) {
    const int h = d.Between(150, 200), w = d.Between(45, 120);
    return fmt::format("{},{},{:.15g}", h, w, 10000.0 * w / (h * h));
  });
  EXPECT_EQ(Found(csv), (std::vector<std::string>{"bmi = 10000 * weight / height^2"}));
}

TEST(DiscoverRules, NamesColumnsMuparserCannotReadInBackquotes) {
  const std::string csv = Csv("capital-gain,capital loss,net gain", 300, [](std::size_t, Draws& d) {
    const int g = d.Between(0, 5000), l = d.Between(0, 3000);
    return fmt::format("{},{},{}", g, l, g - l);
  });
  EXPECT_EQ(Found(csv),
            (std::vector<std::string>{"net gain = `capital-gain` - `capital loss`"}));
}

TEST(DiscoverRules, ToleratesAFewExceptionsAndLearnsThem) {
  auto csv = [](int broken_every) {
    return Csv("a,b,total", 1000, [&](std::size_t i, Draws& d) {
      const int a = d.Between(0, 500), b = d.Between(0, 500);
      const bool broken = i % static_cast<std::size_t>(broken_every) == 0;
      return fmt::format("{},{},{}", a, b, a + b + (broken ? d.Between(1, 9) : 0));
    });
  };
  EXPECT_EQ(Found(csv(250)), (std::vector<std::string>{"total = a + b (exceptions learned)"}));
  EXPECT_TRUE(Found(csv(40)).empty());  // 2.5% of the rows break it: not a rule
}

TEST(DiscoverRules, RejectsCoincidencesAndSmallTables) {
  // 40 rows obeying a rule: too few to tell a rule from a coincidence.
  const auto sum = [](std::size_t, Draws& d) {
    const int a = d.Between(0, 50), b = d.Between(0, 50);
    return fmt::format("{},{},{}", a, b, a + b);
  };
  EXPECT_TRUE(Found(Csv("a,b,total", 40, sum)).empty());
  EXPECT_EQ(Found(Csv("a,b,total", 200, sum)), (std::vector<std::string>{"total = a + b"}));
  // Independent columns, some with few values: nothing.
  EXPECT_TRUE(Found(Csv("x,y,flag,level", 2000, [](std::size_t, Draws& d) {
                return fmt::format("{},{},{},{}", d.Between(0, 3), d.Between(0, 3),
                                   d.Between(0, 1) ? "yes" : "no", d.Between(1, 5));
              })).empty());
  // A column that is almost always the same value "follows" anything: chance, not a rule.
  EXPECT_TRUE(Found(Csv("group,rare", 2000, [](std::size_t, Draws& d) {
                return fmt::format("g{},{}", d.Between(0, 20), d.Unit() < 0.995 ? "no" : "yes");
              })).empty());
}

TEST(DiscoverRules, DeclaredConstraintsWin) {
  const std::string csv = Csv("a,b,total", 300, [](std::size_t, Draws& d) {
    const int a = d.Between(0, 500), b = d.Between(0, 500);
    return fmt::format("{},{},{}", a, b, a + b);
  });
  Metadata declared;
  declared.constraints = {{.kind = Constraint::Kind::kInequality, .columns = {"a", "total"}}};
  EXPECT_TRUE(Found(csv, &declared).empty());
}

TEST(DiscoverRules, FindsAnApproximateRuleAndLearnsItsRatio) {
  const std::string csv = Csv("x,y,z,carat", 3000, [](std::size_t, Draws& d) {
    // y and z vary around x by ±5%, carat around x·y·z by ±1%.
    const double x = 3 + d.Unit() * 6, y = x * (0.95 + d.Unit() * 0.1);
    const double z = 0.61 * x * (0.95 + d.Unit() * 0.1);
    const double carat = 0.0061 * x * y * z * (0.99 + d.Unit() * 0.02);
    return fmt::format("{:.2f},{:.2f},{:.2f},{:.2f}", x, y, z, carat);
  });
  const std::vector<std::string> found = Found(csv);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].substr(0, 10), "carat = 0.");
  EXPECT_NE(found[0].find(" * x * y * z (ratio learned)"), std::string::npos) << found[0];
}

// A table whose rules hold exactly, for the end-to-end tests.
std::string OrdersCsv() {
  return Csv("age,agegr,price,qty,total,city,region", 1500, [](std::size_t, Draws& d) {
    const int age = d.Between(16, 90);
    const double price = d.Between(100, 9999) / 100.0;
    const int qty = d.Between(1, 9);
    const int city = d.Between(0, 5);
    static const char* kRegion[] = {"north", "north", "south", "south", "east", "west"};
    return fmt::format("{},{},{:.2f},{},{:.2f},c{},{}", age, AgeGroup(age), price, qty,
                       std::round(price * qty * 100) / 100, city, kRegion[city]);
  });
}

TEST(DiscoveredRules, SampledRowsObeyThemAndTheModelFileKeepsThem) {
  const Typed t = Type(OrdersCsv());
  FitOptions fit;
  fit.max_epochs = 2;
  fit.seed = 3;
  const Generator g = Generator::Fit(t.table, t.schema, fit);
  std::vector<std::string> rules;
  for (const ComputedColumn& c : g.ComputedColumns()) {
    EXPECT_TRUE(c.discovered);
    EXPECT_EQ(c.holds, c.rows);
    rules.push_back(c.rule.Describe());
  }
  EXPECT_EQ(rules, (std::vector<std::string>{"agegr determined by age", "total = price * qty",
                                             "region determined by city"}));
  testing::TempDir dir;
  g.Save(dir.File("m.ersatz"));
  const Generator loaded = Generator::Load(dir.File("m.ersatz"));
  ASSERT_EQ(loaded.ComputedColumns().size(), 3u);
  EXPECT_EQ(loaded.ComputedColumns()[0].entries, 5u);  // five age groups
  EXPECT_TRUE(loaded.ComputedColumns()[0].intervals);
  const ModelFile file = ReadModelFile(dir.File("m.ersatz"));
  EXPECT_EQ(file.header.at("constraints").at("constraints").size(), 3u);
  // The computed columns are not learned: no encoder for them.
  for (const auto& e : file.header.at("encoder")) {
    const std::string name = e.dump();
    EXPECT_EQ(name.find("\"agegr\""), std::string::npos);
    EXPECT_EQ(name.find("\"total\""), std::string::npos);
  }
  Table before, after;
  g.Sample(2000, {.seed = 5}, [&](const Table& b) { AppendRows(b, &before); });
  loaded.Sample(2000, {.seed = 5}, [&](const Table& b) { AppendRows(b, &after); });
  ASSERT_EQ(before.num_rows(), 2000u);
  ASSERT_EQ(before.ColumnNames(), t.table.ColumnNames());
  for (std::size_t r = 0; r < before.num_rows(); ++r) {
    const std::int64_t age = before.column(0).integers()[r];
    EXPECT_EQ(before.column(1).text(r), AgeGroup(static_cast<int>(age))) << age;
    const double total = std::round(before.column(2).floats()[r] *
                                    static_cast<double>(before.column(3).integers()[r]) * 100) / 100;
    EXPECT_EQ(before.column(4).floats()[r], total);
    const std::string city(before.column(5).text(r));
    const std::string region(before.column(6).text(r));
    EXPECT_TRUE((city == "c0" || city == "c1") == (region == "north")) << city << " " << region;
    for (std::size_t c = 0; c < before.num_columns(); ++c) {
      ASSERT_EQ(before.column(c).FormatValue(r), after.column(c).FormatValue(r));
    }
  }
}

TEST(DiscoveredRules, ExceptionsComeBackWhenRestored) {
  // 0.8% of the totals are off or missing; the plan learns them in "total (exceptions)" and
  // puts them back.
  const Typed t = Type(Csv("a,b,total", 1000, [](std::size_t i, Draws& d) {
    const int a = d.Between(0, 500), b = d.Between(0, 500);
    if (i % 250 == 7) return fmt::format("{},{},", a, b);
    return fmt::format("{},{},{}", a, b, a + b + (i % 250 == 3 ? 1 : 0));
  }));
  PlanOptions options;
  options.discovered = DiscoverRules(t.table, t.schema);
  ASSERT_EQ(options.discovered.size(), 1u);
  const ConstraintPlan plan = ConstraintPlan::Fit(t.table, t.schema, options);
  const Table learned = plan.Prepare(t.table);
  EXPECT_EQ(learned.ColumnNames(), (std::vector<std::string>{"a", "b", "total (exceptions)"}));
  EXPECT_EQ(learned.column(2).size() - learned.column(2).null_count(), 8u);
  std::vector<std::uint64_t> ids(t.table.num_rows());
  for (std::size_t r = 0; r < ids.size(); ++r) ids[r] = r;
  const Table restored = ConstraintPlan::FromJson(plan.ToJson()).Restore(learned, ids);
  for (std::size_t r = 0; r < restored.num_rows(); ++r) {
    ASSERT_EQ(restored.column(2).FormatValue(r), t.table.column(2).FormatValue(r)) << r;
  }
  ASSERT_EQ(plan.Rules().size(), 1u);
  EXPECT_EQ(plan.Rules()[0].holds, 992u);
}

TEST(DiscoveredRulesCli, FitPrintsThemAndConditionsOnThemNameTheRule) {
  testing::TempDir dir;
  const std::string data = dir.Write("orders.csv", OrdersCsv());
  auto r = testing::RunCli({"fit", data, "-o", dir.File("m.ersatz"), "--no-report",
                            "--max-epochs", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("ersatz: 3 columns are computed by rules found in the data, not learned "
                       "(--no-discover-rules learns them):\n"
                       "ersatz:   agegr determined by age (5 intervals): holds on every row\n"
                       "ersatz:   total = price * qty: holds on every row\n"
                       "ersatz:   region determined by city (6 values): holds on every row\n"),
            std::string::npos)
      << r.err;
  r = testing::RunCli({"sample", dir.File("m.ersatz"), "-n", "5", "-o", dir.File("s.csv"),
                       "--where", "agegr=16-24"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: --where 'agegr=16-24': column 'agegr' is not sampled but computed by the rule "
            "'agegr determined by age'; condition on the columns it reads, or fit with "
            "--no-discover-rules to learn it\n");
  r = testing::RunCli({"fit", data, "-o", dir.File("plain.ersatz"), "--no-report", "--max-epochs",
                       "1", "--no-discover-rules"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err.find("computed by rules"), std::string::npos) << r.err;
  EXPECT_FALSE(ReadModelFile(dir.File("plain.ersatz")).header.contains("constraints"));
}

}  // namespace
}  // namespace ersatz::constraints
