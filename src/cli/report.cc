// `ersatz report --real train.csv --synthetic synth.csv -o report.html`: score synthetic data.
#include <fmt/format.h>

#include <chrono>
#include <ostream>

#include "cli/progress.h"
#include "cli/verb.h"
#include "ersatz/evaluate.h"
#include "evaluate/params.h"
#include "table/csv_params.h"

namespace ersatz::cli {

namespace {

constexpr ParamSpec kReportFileParams[] = {
    {"real", ParamType::kInputPath, "", {}, "The real data the generator learned from (CSV).", {}, 0, true},
    {"synthetic", ParamType::kInputPath, "", {}, "The synthetic data to score (CSV).", {}, 0, true},
    {"holdout", ParamType::kInputPath, "", {},
     "Real rows the generator never saw (CSV): needed for the utility, DCR share and attacks."},
    {"output", ParamType::kOutputPath, "", {}, "HTML report to write.", {}, 'o', true},
    {"json", ParamType::kOutputPath, "", {}, "Also write the scores as JSON (docs/report-json.md)."},
};

void RunReport(const VerbContext& ctx) {
  ReportFileOptions options;
  options.real_path = ctx.params.GetString("real");
  options.synthetic_path = ctx.params.GetString("synthetic");
  options.holdout_path = ctx.params.GetString("holdout");
  options.metadata_path = ctx.params.GetString("metadata");
  options.csv = CsvReadOptionsFromParams(ctx.params);
  options.evaluate = EvaluateOptionsFromParams(ctx.params);
  options.html_output = ctx.params.GetString("output");
  options.json_output = ctx.params.GetString("json");
  const auto start = std::chrono::steady_clock::now();
  const EvaluateReport report = ReportCsvFiles(options);
  WriteReportFiles(report, options.html_output, options.json_output);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ctx.out << report.Headline();
  ctx.err << fmt::format("ersatz: wrote {}{} in {}\n", options.html_output,
                         options.json_output.empty() ? "" : " and " + options.json_output,
                         FormatDuration(seconds));
}

}  // namespace

VerbSpec ReportVerb() {
  return VerbSpec{
      .name = "report",
      .summary = "Score synthetic data against the real data: fidelity, utility, privacy.",
      .details =
          "Compares the synthetic CSV with the real one (column shapes, pair trends, accuracy, "
          "Gretel's quality score, a real-vs-synthetic discriminator), trains on synthetic and on "
          "real to predict --target (scored on the holdout), and measures privacy (exact copies, "
          "distance to closest records, membership- and attribute-inference attacks). Writes one "
          "self-contained HTML page that works offline, and JSON with --json; prints the headline "
          "scores. The files appear only when everything was computed.",
      .example = "ersatz report --real train.csv --synthetic synth.csv --holdout holdout.csv "
                 "--target income -o report.html --json report.json",
      .positionals = {},
      .param_tables = {kReportFileParams, kCsvReadParams, kEvaluateParams},
      .run = RunReport,
  };
}

}  // namespace ersatz::cli
