// `ersatz audit data.csv`: plant canaries, train, report their exposure and a membership AUC.
#include <fmt/format.h>

#include <ostream>

#include "cli/progress.h"
#include "cli/verb.h"
#include "ersatz/audit.h"
#include "models/argn/params.h"
#include "nn/parallel.h"
#include "privacy/params.h"
#include "table/csv_params.h"

namespace ersatz::cli {

namespace {

void RunAudit(const VerbContext& ctx) {
  AuditOptions options;
  options.data_path = ctx.positionals.at(0);
  options.csv = CsvReadOptionsFromParams(ctx.params);
  options.metadata_path = ctx.params.GetString("metadata");
  options.drop = ctx.params.GetList("drop");
  options.holdout = ctx.params.GetFloat("holdout");
  options.fit = FitOptionsFromParams(ctx.params);
  options.canary_column = ctx.params.GetString("canary-column");
  options.canaries = static_cast<int>(ctx.params.GetInt("canaries"));
  options.json_output = ctx.params.GetString("json");
  nn::SetNumThreads(static_cast<int>(ctx.params.GetInt("threads")));

  ProgressLine line(ctx.err);
  const AuditReport report = AuditCsvFile(options, [&](const FitProgress& p) {
    line.Update(FitProgressText(p, options.fit.epsilon.has_value()), /*force=*/true);
  });
  line.Finish();
  ctx.out << report.ToText();
  if (!options.json_output.empty()) ctx.err << fmt::format("ersatz: wrote {}\n", options.json_output);
}

}  // namespace

VerbSpec AuditVerb() {
  return VerbSpec{
      .name = "audit",
      .summary = "Plant canaries, train, and measure how much the model exposes them.",
      .details =
          "Writes random secrets (canary-DDDDDD, |R| = 10^6) into 1, 4 and 16 training rows each "
          "of a categorical column, trains with the given fit settings, and reports each secret's "
          "exposure, log2 |R| − log2 rank, where rank orders every candidate secret by the "
          "model's likelihood of it given the rest of its rows (the model gives 0 to values it "
          "cannot generate, so the rank is exact). Also runs the report's membership-inference "
          "attacks on the audit's training/holdout split. Value protection (on by default) "
          "replaces secrets carried by too few rows with _RARE_; --no-value-protection shows the "
          "unprotected exposure.",
      .example = "ersatz audit data/adult.csv --max-epochs 20 --json audit.json",
      .positionals = {{"data.csv", "The table to audit."}},
      .param_tables = {kCsvReadParams, privacy::kAuditParams, kTrainParams},
      .run = RunAudit,
  };
}

}  // namespace ersatz::cli
