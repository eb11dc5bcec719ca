// `ersatz report` end to end: the files it writes, the headline it prints, and what a user sees
// when something is wrong (exit code, message, and no partial output).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fmt/format.h>

#include "cli/report_fixture.h"
#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

using nlohmann::json;

TEST(CliReport, WritesHtmlAndJsonAndPrintsTheHeadline) {
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const auto r = RunCli({"report", "--real", in.real, "--synthetic", in.synthetic, "--holdout",
                         in.holdout, "--target", "label", "-o", dir.File("report.html"), "--json",
                         dir.File("report.json")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("fidelity "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("discriminator AUC"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("utility 'label' (roc_auc)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("membership-inference AUC"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("ersatz: wrote " + dir.File("report.html")), std::string::npos) << r.err;

  const json j = json::parse(ReadText(dir.File("report.json")));
  for (const char* key : {"/fidelity/discriminator_auc", "/utility/real", "/utility/synthetic",
                          "/utility/ratio", "/privacy/mia_auc",
                          "/privacy/membership_inference/distance/tpr_at_fpr_0_01",
                          "/privacy/membership_inference/density_ratio/epsilon_lower_95",
                          "/privacy/attribute_inference/risk",
                          "/fidelity/columns/0/distribution/bins"}) {
    EXPECT_TRUE(j.contains(json::json_pointer(key))) << key;
  }
  EXPECT_TRUE(j["fidelity"]["discriminator_auc"].is_number());
  EXPECT_TRUE(j["utility"]["ratio"].is_number());

  const std::string html = ReadText(dir.File("report.html"));
  EXPECT_EQ(html.rfind("<!DOCTYPE html>", 0), 0u);
  // Offline: nothing is loaded from anywhere else.
  EXPECT_EQ(html.find("<script src"), std::string::npos);
  EXPECT_EQ(html.find("<link"), std::string::npos);
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_NE(html.find("Chart.js v3"), std::string::npos);  // inlined
}

TEST(CliReport, MissingTargetColumnIsAUsageErrorNamingFileAndColumnAndWritesNothing) {
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const auto r = RunCli({"report", "--real", in.real, "--synthetic", in.synthetic, "--holdout",
                         in.holdout, "--target", "salary", "-o", dir.File("report.html"),
                         "--json", dir.File("report.json")});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, fmt::format("ersatz: --target: {} has no column 'salary'\n", in.real));
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"holdout.csv", "real.csv", "synthetic.csv"}));
}

TEST(CliReport, SyntheticFileLackingAColumnIsADataErrorAndWritesNothing) {
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const std::string narrow = dir.Write("narrow.csv", "x,y\n1,a\n2,b\n");
  const auto r = RunCli({"report", "--real", in.real, "--synthetic", narrow, "-o",
                         dir.File("report.html")});
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.err.find("lacks column"), std::string::npos) << r.err;
  EXPECT_EQ(dir.List(),
            (std::vector<std::string>{"holdout.csv", "narrow.csv", "real.csv", "synthetic.csv"}));
}

TEST(CliReport, UnwritableJsonLeavesNoHtmlEither) {
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const auto r = RunCli({"report", "--real", in.real, "--synthetic", in.synthetic, "-o",
                         dir.File("report.html"), "--json", dir.File("missing/report.json")});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_NE(r.err.find(dir.File("missing/report.json")), std::string::npos) << r.err;
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"holdout.csv", "real.csv", "synthetic.csv"}));
}

TEST(CliReport, MissingInputFileExitsFourAndRequiredFlagsExitTwo) {
  TempDir dir;
  const auto missing = RunCli({"report", "--real", dir.File("nope.csv"), "--synthetic",
                               dir.File("nope.csv"), "-o", dir.File("r.html")});
  EXPECT_EQ(missing.exit_code, 4);
  EXPECT_NE(missing.err.find(dir.File("nope.csv")), std::string::npos) << missing.err;
  const auto no_synthetic = RunCli({"report", "--real", dir.File("nope.csv"), "-o", dir.File("r.html")});
  EXPECT_EQ(no_synthetic.exit_code, 2);
  EXPECT_NE(no_synthetic.err.find("--synthetic is required"), std::string::npos) << no_synthetic.err;
  EXPECT_TRUE(dir.List().empty());
}

}  // namespace
}  // namespace ersatz::testing

namespace ersatz::testing {
namespace {

TEST(CliFitReport, FitWritesTheReportBesideTheModelAndNoReportSkipsIt) {
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const std::string model = dir.File("m.ersatz");
  const auto r = RunCli({"fit", in.real, "-o", model, "--max-epochs", "1", "--report-target",
                         "label", "--threads", "1"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("discriminator AUC"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("utility 'label'"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("wrote the evaluation report " + model + ".report.html"), std::string::npos)
      << r.err;
  const auto j = nlohmann::json::parse(ReadText(model + ".report.json"));
  EXPECT_EQ(j["rows"]["real"], 360);  // 400 rows less the default holdout of 10%
  EXPECT_EQ(j["rows"]["synthetic"], 360);
  EXPECT_EQ(j["rows"]["holdout"], 40);
  EXPECT_TRUE(j["privacy"]["mia_auc"].is_number());

  TempDir quiet;
  const std::string csv = quiet.Write("real.csv", ReadText(in.real));
  const auto q = RunCli({"fit", csv, "-o", quiet.File("m.ersatz"), "--max-epochs", "1",
                         "--no-report"});
  ASSERT_EQ(q.exit_code, 0) << q.err;
  EXPECT_EQ(quiet.List(), (std::vector<std::string>{"m.ersatz", "real.csv"}));
  // Without a report nothing is held out: the model learns from all 400 rows ...
  EXPECT_NE(q.err.find("learned 400 rows (80 for validation; 0 held out)"), std::string::npos) << q.err;
  // ... unless --holdout says otherwise.
  const auto h = RunCli({"fit", csv, "-o", quiet.File("h.ersatz"), "--max-epochs", "1",
                         "--no-report", "--holdout", "0.25"});
  ASSERT_EQ(h.exit_code, 0) << h.err;
  EXPECT_NE(h.err.find("learned 300 rows (60 for validation; 100 held out)"), std::string::npos) << h.err;
  // ... or --holdout-csv asks for held-out rows: then the report's default, 10% (40 rows).
  const auto c = RunCli({"fit", csv, "-o", quiet.File("c.ersatz"), "--max-epochs", "1",
                         "--no-report", "--holdout-csv", quiet.File("held.csv")});
  ASSERT_EQ(c.exit_code, 0) << c.err;
  EXPECT_NE(c.err.find("wrote the 40 held-out rows to " + quiet.File("held.csv")), std::string::npos) << c.err;
}

TEST(CliFitReport, UnknownReportTargetFailsBeforeTraining) {
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const auto r = RunCli({"fit", in.real, "-o", dir.File("m.ersatz"), "--report-target", "salary"});
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err, fmt::format("ersatz: --report-target: {} has no column 'salary'\n", in.real));
  EXPECT_EQ(dir.List(), (std::vector<std::string>{"holdout.csv", "real.csv", "synthetic.csv"}));
}

}  // namespace
}  // namespace ersatz::testing
