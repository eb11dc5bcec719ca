// `fit --epsilon` as a library user sees it: the guarantee in the summary and the model file,
// where the budget went, the entity as unit of privacy, and the errors for a bad ε.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <cmath>

#include <fmt/format.h>

#include "ersatz/error.h"
#include "ersatz/generator.h"

namespace ersatz {
namespace {

Table PatientTable(std::size_t patients, std::size_t visits_each) {
  Column id("patient_id", ColumnKind::kInteger);
  Column ward("ward", ColumnKind::kCategorical);
  Column age("age", ColumnKind::kInteger);
  const char* wards[] = {"north", "south", "east"};
  for (std::size_t p = 0; p < patients; ++p) {
    for (std::size_t v = 0; v < visits_each; ++v) {
      id.AppendInteger(static_cast<std::int64_t>(1000 + p));
      ward.AppendString(wards[(p + v) % 3]);
      age.AppendInteger(static_cast<std::int64_t>(20 + (p * 7) % 60));
    }
  }
  Table t;
  t.AddColumn(id);
  t.AddColumn(ward);
  t.AddColumn(age);
  return t;
}

Metadata Schema(bool public_domains) {
  Metadata m;
  ColumnSpec ward{.name = "ward", .type = SemanticType::kCategorical};
  ColumnSpec age{.name = "age", .type = SemanticType::kInteger, .storage = ColumnKind::kInteger};
  if (public_domains) {
    ward.categories = std::vector<std::string>{"north", "south", "east", "west"};
    age.bounds = std::make_pair(0.0, 120.0);
  }
  m.columns = {{.name = "patient_id", .type = SemanticType::kInteger, .storage = ColumnKind::kInteger}, ward, age};
  return m;
}

FitOptions DpFit(double epsilon) {
  FitOptions o;
  o.epsilon = epsilon;
  o.max_epochs = 2;
  o.size = "small";
  o.seed = 3;
  return o;
}

double Spent(const DifferentialPrivacySummary& d, const std::string& name) {
  for (const auto& s : d.spending) {
    if (s.name == name) return s.epsilon;
  }
  return -1;
}

TEST(DpFit, GuaranteeIsInTheSummaryAndSurvivesTheModelFile) {
  const Table table = PatientTable(400, 1);
  const Generator g = Generator::Fit(table, Schema(false), DpFit(2.0));
  ASSERT_TRUE(g.summary().privacy.has_value());
  const DifferentialPrivacySummary& d = *g.summary().privacy;
  EXPECT_LE(d.epsilon, 2.0 + 1e-9);
  EXPECT_GT(d.epsilon, 1.9);
  EXPECT_DOUBLE_EQ(d.delta_budget, std::pow(400.0, -1.2));
  EXPECT_LE(d.delta, d.delta_budget * (1 + 1e-9));
  EXPECT_EQ(d.unit, "row");
  EXPECT_GT(d.steps, 0);
  // The three private columns' statistics (patient_id is learned here too) share 10% of the ρ,
  // composed with DP-SGD in RDP: each costs ρ·α at the order the conversion used, a few percent of
  // ε; the lines add up to the total.
  const double ward = Spent(d, "categories of 'ward'");
  EXPECT_GT(ward, 0.0);
  EXPECT_LT(ward, 0.1);
  EXPECT_NEAR(Spent(d, "range of 'age'"), ward, 1e-3 * ward);
  EXPECT_GT(Spent(d, "DP-SGD"), 0.5);
  ASSERT_EQ(d.spending.size(), 5u);
  EXPECT_EQ(d.spending.back().name.rfind("RDP to (ε, δ) at order ", 0), 0u);
  double epsilon = 0, delta = 0;
  for (const auto& line : d.spending) epsilon += line.epsilon, delta += line.delta;
  EXPECT_NEAR(epsilon, d.epsilon, 1e-9);
  EXPECT_NEAR(delta, d.delta, 1e-15);

  const std::string path = (std::filesystem::temp_directory_path() / "ersatz_dp_roundtrip.ersatz").string();
  g.Save(path);
  const Generator loaded = Generator::Load(path);
  std::remove(path.c_str());
  ASSERT_TRUE(loaded.summary().privacy.has_value());
  const DifferentialPrivacySummary& l = *loaded.summary().privacy;
  EXPECT_DOUBLE_EQ(l.epsilon, d.epsilon);
  EXPECT_DOUBLE_EQ(l.delta, d.delta);
  EXPECT_EQ(l.steps, d.steps);
  EXPECT_DOUBLE_EQ(l.noise_multiplier, d.noise_multiplier);
  ASSERT_EQ(l.spending.size(), d.spending.size());
  EXPECT_TRUE(std::isnan(loaded.summary().best_validation_loss));
}

TEST(DpFit, ColumnsDeclaredPublicInTheMetadataSpendNoBudget) {
  const Table table = PatientTable(300, 1);
  Metadata schema = Schema(true);
  schema.columns[0].type = SemanticType::kIdentifier;
  const Generator g = Generator::Fit(table, schema, DpFit(1.0));
  const DifferentialPrivacySummary& d = *g.summary().privacy;
  ASSERT_EQ(d.spending.size(), 2u);  // DP-SGD and its conversion: the whole budget goes to training
  EXPECT_EQ(d.spending[0].name, "DP-SGD");
  EXPECT_GT(d.spending[0].epsilon + d.spending[1].epsilon, 0.95);
  // The declared category that never occurs is still a possible value of the model.
  Table sample;
  g.Sample(50, {}, [&](const Table& batch) { sample = batch; });
  EXPECT_EQ(sample.num_columns(), 3u);
}

TEST(DpFit, EntityIsTheUnitOfPrivacyAndIsNotLearned) {
  const Table table = PatientTable(200, 5);
  FitOptions o = DpFit(1.0);
  o.entity_column = "patient_id";
  const Generator g = Generator::Fit(table, Schema(false), o);
  const DifferentialPrivacySummary& d = *g.summary().privacy;
  EXPECT_EQ(d.unit, "entity patient_id");
  EXPECT_EQ(d.units, 200u);
  EXPECT_DOUBLE_EQ(d.delta_budget, std::pow(200.0, -1.2));  // δ from entities, not rows
  const ColumnSpec* spec = g.schema().Find("patient_id");
  ASSERT_NE(spec, nullptr);
  EXPECT_EQ(spec->type, SemanticType::kIdentifier);
}

TEST(DpFit, EpsilonMustBeAboveZero) {
  const Table table = PatientTable(50, 1);
  for (double bad : {0.0, -1.0}) {
    try {
      Generator::Fit(table, Schema(false), DpFit(bad));
      FAIL() << "no error for epsilon " << bad;
    } catch (const ParameterError& e) {
      EXPECT_EQ(std::string(e.what()),
                fmt::format("epsilon: expected a number above 0, found {} (leave --epsilon out to train "
                            "without differential privacy)", bad));
    }
  }
}

TEST(DpFit, UnknownEntityColumnIsNamed) {
  FitOptions o = DpFit(1.0);
  o.entity_column = "nobody";
  EXPECT_THROW(
      {
        try {
          Generator::Fit(PatientTable(50, 1), Schema(false), o);
        } catch (const ParameterError& e) {
          EXPECT_STREQ(e.what(), "entity-column: the table has no column 'nobody'");
          throw;
        }
      },
      ParameterError);
}

}  // namespace
}  // namespace ersatz
