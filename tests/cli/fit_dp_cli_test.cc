// `ersatz fit --epsilon` end to end: what the user reads, the report's guarantee, and the errors.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

std::string VisitsCsv() {
  std::string csv = "patient_id,ward,age\n";
  const char* wards[] = {"north", "south", "east"};
  for (int p = 0; p < 300; ++p) {
    for (int v = 0; v < 3; ++v) csv += std::to_string(5000 + p) + "," + wards[(p + v) % 3] + "," + std::to_string(20 + p % 60) + "\n";
  }
  return csv;
}

TEST(FitDpCli, EntityLevelFitStatesItsGuaranteeInOutputAndReport) {
  TempDir dir;
  const std::string data = dir.Write("visits.csv", VisitsCsv());
  const CliResult r = RunCli({"fit", data, "-o", dir.File("m.ersatz"), "--epsilon", "2", "--entity-column",
                              "patient_id", "--max-epochs", "2", "--seed", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.err.find("with differential privacy"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("unit of privacy: entity patient_id"), std::string::npos) << r.err;
  EXPECT_NE(r.out.find("differential privacy: ε = "), std::string::npos) << r.out;
  EXPECT_EQ(r.err.find("validation loss"), std::string::npos) << "losses on private data are not shown";
  const auto report = nlohmann::json::parse(ReadText(dir.File("m.ersatz.report.json")));
  const auto& dp = report.at("differential_privacy");
  EXPECT_EQ(dp.at("unit").get<std::string>(), "entity patient_id");
  // The report's holdout keeps out 10% of the 300 patients with all their rows: 270 learned from.
  EXPECT_EQ(dp.at("units").get<std::size_t>(), 270u);
  EXPECT_EQ(report.at("rows").at("holdout").get<std::size_t>(), 30u * 3);
  EXPECT_LE(dp.at("epsilon").get<double>(), 2.0);
  // The entity column is regenerated, so the report leaves it out like any identifier.
  bool scored = false;
  for (const auto& c : report.at("fidelity").at("columns")) scored = scored || c.at("name") == "patient_id";
  EXPECT_FALSE(scored);
}

TEST(FitDpCli, EpsilonZeroOrNegativeIsAParameterError) {
  TempDir dir;
  const std::string data = dir.Write("visits.csv", VisitsCsv());
  for (const std::string bad : {"0", "-1"}) {
    const CliResult r = RunCli({"fit", data, "-o", dir.File("m.ersatz"), "--epsilon=" + bad});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("epsilon: expected a number above 0, found " + bad +
                         " (leave --epsilon out to train without differential privacy)"),
              std::string::npos)
        << r.err;
    EXPECT_EQ(dir.List(), std::vector<std::string>{"visits.csv"}) << "no model file on error";
  }
}

TEST(FitDpCli, EntityColumnWithoutEpsilonIsRefused) {
  TempDir dir;
  const std::string data = dir.Write("visits.csv", VisitsCsv());
  const CliResult r = RunCli({"fit", data, "-o", dir.File("m.ersatz"), "--entity-column", "patient_id"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("--entity-column needs --epsilon"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace ersatz::testing
