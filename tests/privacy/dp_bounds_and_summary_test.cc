// DP ranges without a public range, and the guarantee as the report shows it.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "ersatz/evaluate.h"
#include "privacy/dp_quantiles.h"
#include "privacy/summary.h"
#include "privacy/test_bits.h"

namespace ersatz::privacy {
namespace {

TEST(DpMagnitudeBounds, CoverTheDataInPowersOfTwoAndIgnoreAnOutlier) {
  std::vector<double> ages;
  for (int i = 0; i < 20000; ++i) ages.push_back(17 + i % 74);  // 17 … 90
  ages.push_back(1e9);                                          // one billionaire-sized value
  testing::SeededBits bits(3);
  const MagnitudeBounds b = DpMagnitudeBounds(ages, 1.0, bits);
  EXPECT_EQ(b.lower, 16.0);
  EXPECT_EQ(b.upper, 128.0);
  EXPECT_DOUBLE_EQ(b.spent.epsilon, 1.0);
  EXPECT_EQ(b.spent.delta, 0.0);
}

TEST(DpMagnitudeBounds, NonNegativeDataNeverGetsANegativeBoundAndNegativesAreMirrored) {
  std::vector<double> values(5000, 0.0);
  for (int i = 0; i < 5000; ++i) values.push_back(-3.5 - i % 3);  // −3.5 … −5.5
  testing::SeededBits bits(4);
  const MagnitudeBounds b = DpMagnitudeBounds(values, 1.0, bits);
  EXPECT_EQ(b.lower, -8.0);
  EXPECT_EQ(b.upper, 1.0);
  const std::vector<double> zeros(5000, 0.0);
  const MagnitudeBounds z = DpMagnitudeBounds(zeros, 1.0, bits);
  EXPECT_EQ(z.lower, 0.0);
  EXPECT_EQ(z.upper, 1.0);
}

TEST(DpMagnitudeBounds, TooFewRecordsForTheThresholdGiveAnEmptyRange) {
  const std::vector<double> few = {5, 6, 7};
  testing::SeededBits bits(5);
  const MagnitudeBounds b = DpMagnitudeBounds(few, 0.5, bits);
  EXPECT_GT(b.threshold, 3);
  EXPECT_EQ(b.lower, 0.0);
  EXPECT_EQ(b.upper, 0.0);
}

TEST(DpSummary, ReportJsonStatesTheGuaranteeAndTheUnit) {
  DifferentialPrivacySummary d;
  d.epsilon = 0.99;
  d.delta = 5e-6;
  d.epsilon_budget = 1;
  d.delta_budget = 5e-6;
  d.unit = "entity patient_id";
  d.steps = 260;
  d.spending = {{"categories of 'ward'", 0.1, 1e-7}, {"DP-SGD", 0.89, 4.9e-6}};
  EvaluateReport report;
  EXPECT_TRUE(nlohmann::json::parse(report.ToJson()).at("differential_privacy").is_null());
  EXPECT_NE(report.ToHtml().find("<div class=\"value\">none</div>"), std::string::npos)
      << "a report without DP says so among the headline cards";
  report.differential_privacy = d;
  const auto j = nlohmann::json::parse(report.ToJson()).at("differential_privacy");
  EXPECT_DOUBLE_EQ(j.at("epsilon").get<double>(), 0.99);
  EXPECT_EQ(j.at("unit").get<std::string>(), "entity patient_id");
  EXPECT_EQ(j.at("steps").get<long long>(), 260);
  EXPECT_EQ(j.at("spending").size(), 2u);
  const DifferentialPrivacySummary back = SummaryFromJson(j);
  EXPECT_EQ(back.spending[1].name, "DP-SGD");
  EXPECT_NE(report.Headline().find("unit of privacy: entity patient_id"), std::string::npos);
  EXPECT_NE(report.ToHtml().find("unit of privacy: entity patient_id"), std::string::npos);
  EXPECT_NE(report.ToHtml().find("<div class=\"value\">ε = 0.99</div>"), std::string::npos)
      << "the guarantee is a headline card";
  EXPECT_NE(report.ToHtml().find("per entity patient_id"), std::string::npos);
}

}  // namespace
}  // namespace ersatz::privacy
