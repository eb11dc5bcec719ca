// `ersatz sample model.ersatz -n 1000 -o synth.csv`: generate rows.
#include <fmt/format.h>

#include <chrono>
#include <ostream>

#include "cli/given_rows.h"
#include "cli/progress.h"
#include "cli/verb.h"
#include "privacy/filter/copy_filter.h"
#include "privacy/filter/likelihood_filter.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "models/argn/params.h"
#include "nn/parallel.h"

namespace ersatz::cli {

namespace {

// What the checks did, one line per reason, or nothing when every row passed at once.
std::string RejectionSummary(const SampleReport& report, std::size_t requested) {
  if (report.resampled == 0 && report.rows == requested) return "";
  std::string out = fmt::format("ersatz: {} rows drawn again after a rejection", report.resampled);
  if (report.rows < requested) {
    out += fmt::format("; {} rows left out (still rejected after --max-retries)",
                       requested - report.rows);
  }
  out += "\n";
  for (const auto& [reason, count] : report.rejected) {
    out += fmt::format("  rejected {:>9}  {}\n", count, reason);
  }
  return out;
}

void RunSample(const VerbContext& ctx) {
  nn::SetNumThreads(static_cast<int>(ctx.params.GetInt("threads")));
  const std::string seed_data = ctx.params.GetString("seed-data");
  if (seed_data.empty() && !ctx.params.IsSet("rows")) {
    throw ParameterError("--rows is required unless --seed-data is given");
  }
  if (!seed_data.empty() && ctx.params.IsSet("rows")) {
    throw ParameterError("--rows and --seed-data exclude each other: with seed data, the row "
                         "count is the seed rows times --per-seed");
  }
  const Generator generator = Generator::Load(ctx.positionals.at(0));
  const std::string output = ctx.params.GetString("output");
  if (!seed_data.empty()) {
    RunGiven(ctx, generator,
             {.input = seed_data,
              .csv = {},
              .per_row = static_cast<std::size_t>(ctx.params.GetInt("per-seed")),
              .strict = ctx.params.GetFlag("strict"),
              .output = output},
             "seed rows");
    return;
  }
  const auto rows = static_cast<std::size_t>(ctx.params.GetInt("rows"));
  ProgressLine line(ctx.err);
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  SampleOptions options = SampleOptionsFromParams(ctx.params);
  std::string filter = ctx.params.GetString("privacy-filter");
  if (filter != "off" && generator.summary().privacy) {
    ctx.err << fmt::format(
        "ersatz: privacy filter: off — the model was trained with differential privacy (ε = {:.3g}) "
        "and stores no training-row hashes\n",
        generator.summary().privacy->epsilon);
    filter = "off";
  }
  for (auto& check : generator.PrivacyFilters(filter)) options.checks.push_back(std::move(check));
  const SampleReport report = SampleToCsvFile(generator, rows, options, output, [&](std::size_t done) {
    const double s = seconds();
    const double rate = static_cast<double>(done) / std::max(s, 1e-9);
    line.Update(fmt::format("{}/{} rows ({:.0f}%)  {:.0f} rows/s  eta {}", done, rows,
                            100.0 * static_cast<double>(done) / static_cast<double>(rows), rate,
                            FormatDuration(static_cast<double>(rows - done) / std::max(rate, 1e-9))),
                done == rows);
  });
  line.Finish();
  ctx.err << fmt::format("ersatz: wrote {} rows to {} in {}\n", report.rows, output,
                         FormatDuration(seconds()));
  if (filter != "off") {
    std::size_t filtered = 0;
    for (const std::string_view reason : {privacy::kExactCopyReason, privacy::kNearCopyReason,
                                          privacy::kImplausibleReason}) {
      const auto it = report.rejected.find(std::string(reason));
      if (it != report.rejected.end()) filtered += it->second;
    }
    ctx.err << fmt::format("ersatz: privacy filter ({}): replaced {} rows\n", filter, filtered);
  }
  ctx.err << RejectionSummary(report, rows);
}

}  // namespace

VerbSpec SampleVerb() {
  return VerbSpec{
      .name = "sample",
      .summary = "Generate synthetic rows from a model file.",
      .details =
          "Streams rows to the output CSV in batches, so memory stays bounded for any row count; "
          "the file appears only when complete. The same --seed gives the same rows whatever the "
          "thread count. --where and --rebalance condition every row exactly; --seed-data "
          "conditions each generated row on a seed row.",
      .example = "ersatz sample adult.ersatz -n 1000 -o women.csv --where sex=Female --where age=30..40",
      .positionals = {{"model.ersatz", "A model file written by `ersatz fit`."}},
      .param_tables = {kSampleParams},
      .run = RunSample,
  };
}

}  // namespace ersatz::cli
