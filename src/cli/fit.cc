// `ersatz fit data.csv -o model.ersatz`: learn a table.
#include <fmt/format.h>

#include <ostream>

#include "cli/progress.h"
#include "cli/verb.h"
#include "ersatz/generator.h"
#include "models/argn/params.h"
#include "nn/parallel.h"
#include "privacy/summary.h"
#include "table/csv_params.h"
#include "transform/params.h"

namespace ersatz::cli {

namespace {

constexpr ParamSpec kFitTransformParams[] = {
    {"transform", ParamType::kString, "", {},
     "Replace personal data before learning: auto (the default policy of `ersatz transform`) or a "
     "transform.yaml as `ersatz transform --config` reads it. The holdout is transformed the same way."},
};

// "agegr determined by age (6 intervals): holds on 3996 of 4000 rows, the 4 others learned as
// exceptions".
std::string DescribeComputed(const ComputedColumn& c) {
  Constraint rule = c.rule;
  rule.learn = Constraint::Learn::kNothing;  // said below in words
  std::string out = rule.Describe();
  if (c.entries > 0) {
    out += fmt::format(" ({} {})", c.entries,
                       c.intervals ? (c.entries == 1 ? "interval" : "intervals")
                                   : (c.entries == 1 ? "value" : "values"));
  }
  if (c.rule.learn == Constraint::Learn::kRatio) {
    return out + fmt::format(", approximately: the ratio is learned ({:.4g} to {:.4g} on 98% of rows)",
                             c.ratio_low, c.ratio_high);
  }
  if (c.holds == c.rows) return out + ": holds on every row";
  return out + fmt::format(": holds on {} of {} rows, the {} others learned as exceptions", c.holds,
                           c.rows, c.rows - c.holds);
}

void RunFit(const VerbContext& ctx) {
  FitFileOptions options;
  options.data_path = ctx.positionals.at(0);
  options.csv = CsvReadOptionsFromParams(ctx.params);
  options.metadata_path = ctx.params.GetString("metadata");
  options.drop = ctx.params.GetList("drop");
  if (ctx.params.IsSet("holdout")) options.holdout = ctx.params.GetFloat("holdout");
  options.holdout_csv = ctx.params.GetString("holdout-csv");
  options.output = ctx.params.GetString("output");
  options.fit = FitOptionsFromParams(ctx.params);
  options.report = !ctx.params.GetFlag("no-report");
  options.report_target = ctx.params.GetString("report-target");
  options.transform = ctx.params.GetString("transform");
  if (ctx.params.IsSet("key-file")) options.transform_key_path = ctx.params.GetString("key-file");
  nn::SetNumThreads(static_cast<int>(ctx.params.GetInt("threads")));

  if (options.transform == "auto") {
    ctx.err << "ersatz: --transform auto: using the default policy:\n" << DefaultTransformPolicy().ToYaml();
  }
  options.on_transformed = [&](const FitFileResult& r) {
    if (r.transform_key_created) {
      ctx.err << fmt::format("ersatz: created a new secret key in {} (mode 0600); keep it to get the same "
                             "replacements next time\n", r.transform_key_path);
    }
    ctx.err << "ersatz: transformed before learning:\n" << r.transform->ToText();
  };
  ProgressLine line(ctx.err);
  const FitFileResult result = FitCsvFile(options, [&](const FitProgress& p) {
    line.Update(FitProgressText(p, options.fit.epsilon.has_value()), /*force=*/true);
  });
  line.Finish();
  const FitSummary& s = result.summary;
  if (result.csv.skipped_rows > 0) {
    ctx.err << fmt::format("ersatz: skipped {} row(s) with the wrong number of fields\n",
                           result.csv.skipped_rows);
  }
  // Stopped inside an epoch: say how far it got, and that no finished epoch was there to keep.
  std::string stop = s.stop_reason;
  if (s.partial_epoch > 0) {
    stop += fmt::format(" {:.0f}% into epoch {}", 100 * s.partial_epoch, s.epochs + 1);
    if (s.epochs == 0) stop += " (no epoch finished: the model keeps the steps that ran)";
  }
  if (s.privacy) {
    ctx.err << fmt::format(
        "ersatz: learned {} rows ({} held out) with differential privacy in {}: {} epochs, stopped "
        "by {}; {} parameters, {:.1f} GFLOP/s\n",
        s.rows, result.holdout_rows, FormatDuration(s.seconds), s.epochs, stop,
        s.parameters, s.gflops_per_second);
    ctx.err << "ersatz: differential privacy: " << privacy::SummaryLine(*s.privacy) << "\n";
    for (const auto& spend : s.privacy->spending) {
      ctx.err << fmt::format("ersatz:   {:<40} ε = {:.4g}, δ = {:.3g}\n", spend.name, spend.epsilon, spend.delta);
    }
  } else {
    ctx.err << fmt::format(
        "ersatz: learned {} rows ({} for validation; {} held out) in {}: {} epochs, {}, stopped "
        "by {}; {} parameters (widths {:.2f} × medium), {:.1f} GFLOP/s\n",
        s.rows, s.validation_rows, result.holdout_rows, FormatDuration(s.seconds), s.epochs,
        s.best_epoch > 0 ? fmt::format("best {} (validation loss {:.4f})", s.best_epoch, s.best_validation_loss)
                         : std::string("none validated"),
        stop, s.parameters, s.size_factor, s.gflops_per_second);
  }
  for (const std::string& w : s.warnings) ctx.err << "ersatz: warning: " << w << "\n";
  std::vector<const ComputedColumn*> discovered;
  for (const ComputedColumn& c : result.computed) {
    if (c.discovered) discovered.push_back(&c);
  }
  if (!discovered.empty()) {
    ctx.err << fmt::format(
        "ersatz: {} column{} computed by rules found in the data, not learned "
        "(--no-discover-rules learns {}):\n",
        discovered.size(), discovered.size() == 1 ? " is" : "s are",
        discovered.size() == 1 ? "it" : "them");
    for (const ComputedColumn* c : discovered) ctx.err << "ersatz:   " << DescribeComputed(*c) << "\n";
  }
  ctx.err << fmt::format("ersatz: wrote {} ({:.1f} MB)\n", options.output,
                         static_cast<double>(result.model_bytes) / 1e6);
  if (!options.holdout_csv.empty()) {
    ctx.err << fmt::format("ersatz: wrote the {} held-out rows to {}\n", result.holdout_rows,
                           options.holdout_csv);
  }
  if (result.report) {
    ctx.err << fmt::format("ersatz: wrote the evaluation report {} and {}\n", result.report_html,
                           result.report_json);
    ctx.out << result.report->Headline();
  }
}

// The report files beside the model, and the transform file and key that --transform reads.
void FitImpliedFiles(const ParamValues& params, CommandFiles* files) {
  if (!params.GetFlag("no-report")) {
    const FitReportPaths report = ReportPathsOf(params.GetString("output"));
    files->outputs.push_back({report.html, "the evaluation report"});
    files->outputs.push_back({report.json, "the evaluation report"});
  }
  const std::string transform = params.GetString("transform");
  if (transform.empty()) return;
  std::string config_key_file;
  if (transform != "auto") {
    files->inputs.push_back({transform, "--transform"});
    config_key_file = LoadTransformConfig(transform).key_file;
  }
  if (params.GetString("key-file").empty()) {  // else --key-file is among the path parameters
    files->inputs.push_back({ChooseKeyPath("", config_key_file), "the transform key"});
  }
}

}  // namespace

VerbSpec FitVerb() {
  return VerbSpec{
      .name = "fit",
      .summary = "Learn a table and write a model file.",
      .details =
          "Reads a CSV file, types its columns (as `ersatz profile` does, or as a metadata file "
          "says), keeps a random holdout out of training for the report (10% of the rows, at most 2,000; "
          "none with --no-report), and trains the any-order autoregressive "
          "generator until the validation loss stops improving. Identifier columns are not learned: "
          "sampling regenerates them. Rare categories and extreme values are protected unless "
          "--no-value-protection is given. Progress goes to stderr, with a warning for each column the "
          "model will not reproduce faithfully (nearly every value rare, empty, numbers it cannot "
          "keep exact). A table with nothing to learn (no column left, no rows, only empty columns) "
          "is refused.",
      .example = "ersatz fit data/adult.csv -o adult.ersatz --max-time 60",
      .positionals = {{"data.csv", "The CSV file to learn (with a header row)."}},
      .param_tables = {kCsvReadParams, kFitParams, kTrainParams, kFitTransformParams,
                       kTransformKeyParams},
      .run = RunFit,
      .implied_files = FitImpliedFiles,
  };
}

}  // namespace ersatz::cli
