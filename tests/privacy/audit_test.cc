// The canary audit: exposure arithmetic on fixed examples, then small audits end to end.
#include "ersatz/audit.h"

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <nlohmann/json.hpp>

#include "cli/run_cli.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

TEST(CanaryExposure, TheMostLikelySecretHasTheFullExposure) {
  EXPECT_DOUBLE_EQ(ExposureBits(1e6, 1), std::log2(1e6));
  EXPECT_DOUBLE_EQ(ExposureBits(1024, 1), 10);
  EXPECT_DOUBLE_EQ(ExposureBits(1024, 512), 1);
  const double others[] = {-5.0, -7.0};
  EXPECT_DOUBLE_EQ(RankAmongCandidates(-1.0, others, 1e6), 1);
}

TEST(CanaryExposure, RankCountsHigherScoresAndHalfTheTies) {
  const double others[] = {3, 2, 1, -kInf};
  EXPECT_DOUBLE_EQ(RankAmongCandidates(2, others, 100), 2.5);
}

TEST(CanaryExposure, ASecretTheModelCannotGenerateTiesWithEveryUnseenCandidate) {
  // 10 candidates: the secret, 2 the model can generate, 7 it cannot (tied with the secret).
  const double others[] = {-3, -4};
  EXPECT_DOUBLE_EQ(RankAmongCandidates(-kInf, others, 10), 1 + 2 + 0.5 * 7);
  // Among 10^6 with none generated: rank ≈ |R|/2, exposure ≈ 1 bit (chance).
  EXPECT_NEAR(ExposureBits(1e6, RankAmongCandidates(-kInf, {}, 1e6)), 1.0, 1e-5);
}

// 600 rows: a city (6 values) that depends on a group, and a number.
std::string AuditCsv(const testing::TempDir& dir) {
  std::string csv = "group,city,score\n";
  const char* cities[] = {"Oslo", "Lima", "Pune", "Baku", "Riga", "Doha"};
  for (int r = 0; r < 600; ++r) {
    const int g = r % 3;
    csv += fmt::format("g{},{},{}\n", g, cities[(g * 2 + (r / 3) % 2) % 6], (r * 37) % 101);
  }
  return dir.Write("data.csv", csv);
}

AuditOptions QuickAudit(const std::string& path) {
  AuditOptions o;
  o.data_path = path;
  o.fit.max_epochs = 3;
  o.fit.seed = 5;
  return o;
}

TEST(CanaryAudit, ValueProtectionHidesRareSecretsButNotRepeatedOnes) {
  testing::TempDir dir;
  const AuditReport report = AuditCsvFile(QuickAudit(AuditCsv(dir)));
  EXPECT_EQ(report.column, "city");
  EXPECT_EQ(report.training_rows, 480u);
  ASSERT_EQ(report.canaries.size(), 12u);
  for (const CanaryExposure& c : report.canaries) {
    // The protection threshold is 5..7 rows: 1 and 4 copies fall to _RARE_, 16 do not.
    EXPECT_EQ(c.in_vocabulary, c.repetitions == 16) << c.secret;
    if (c.repetitions < 16) EXPECT_LT(c.exposure, 1.01) << c.secret;
    if (c.repetitions == 16) EXPECT_GE(c.exposure, std::log2(1e6) - std::log2(4)) << c.secret;
  }
  EXPECT_GE(report.mia_auc, 0.0);  // computed (NaN fails both)
  EXPECT_LE(report.mia_auc, 1.0);
}

TEST(CanaryAudit, WithoutValueProtectionEverySecretIsInTheModel) {
  testing::TempDir dir;
  AuditOptions options = QuickAudit(AuditCsv(dir));
  options.fit.value_protection = false;
  options.json_output = dir.File("audit.json");
  const AuditReport report = AuditCsvFile(options);
  for (const CanaryExposure& c : report.canaries) {
    EXPECT_TRUE(c.in_vocabulary) << c.secret;
    // Ranked among the 12 secrets the model knows, of 10^6.
    EXPECT_GE(c.exposure, std::log2(1e6) - std::log2(12)) << c.secret;
    EXPECT_GE(c.rank_in_column, 1u);
  }
  const auto json = nlohmann::json::parse(testing::ReadText(options.json_output));
  EXPECT_EQ(json.at("by_repetitions").size(), 3u);
  EXPECT_EQ(json.at("value_protection"), false);
  EXPECT_DOUBLE_EQ(json.at("max_exposure").get<double>(), std::log2(1e6));
}

TEST(CanaryAudit, ErrorsNameTheColumnAndTheFile) {
  testing::TempDir dir;
  const std::string path = AuditCsv(dir);
  auto error_of = [&](AuditOptions o) -> std::string {
    try {
      AuditCsvFile(o);
    } catch (const ParameterError& e) {
      return e.what();
    }
    return "no error";
  };
  AuditOptions o = QuickAudit(path);
  o.canary_column = "town";
  EXPECT_EQ(error_of(o), fmt::format("canary-column: {} has no column 'town'", path));
  o.canary_column = "score";
  EXPECT_EQ(error_of(o),
            "canary-column: 'score' is not a categorical or text column; canaries are strings");
  o.canary_column = "";
  o.canaries = 20;  // 20 · 21 rows > half of 480
  EXPECT_EQ(error_of(o),
            "canaries: 420 canary rows would replace more than half of the 480 training rows; "
            "plant fewer canaries");
}

TEST(CanaryAudit, CliPrintsTheTableAndRefusesBadColumns) {
  testing::TempDir dir;
  const std::string path = AuditCsv(dir);
  auto r = testing::RunCli({"audit", path, "--canary-column", "town"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, fmt::format("ersatz: canary-column: {} has no column 'town'\n", path));
  r = testing::RunCli({"audit", path, "--max-epochs", "2", "--canaries", "1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("planted in column 'city' of 480 training rows; value protection on"),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("Membership inference AUC"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace ersatz
