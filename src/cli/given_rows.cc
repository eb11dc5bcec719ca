#include "cli/given_rows.h"

#include <fmt/format.h>

#include <chrono>
#include <ostream>

#include "cli/progress.h"
#include "models/argn/params.h"
#include "nn/parallel.h"

namespace ersatz::cli {

void RunGiven(const VerbContext& ctx, const Generator& generator, const GivenFileOptions& files,
              std::string_view what, bool no_nulls) {
  nn::SetNumThreads(static_cast<int>(ctx.params.GetInt("threads")));
  ProgressLine line(ctx.err);
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  };
  std::size_t rows = 0;
  SampleOptions options = SampleOptionsFromParams(ctx.params);
  options.no_nulls = no_nulls;
  SampleGivenCsvFile(
      generator, files, options,
      [&](const std::string& warning) {
        line.Finish();
        ctx.err << "ersatz: warning: " << warning << "\n";
      },
      [&](std::size_t done) {
        rows = done;
        line.Update(fmt::format("{} {} done  {:.0f} rows/s", done, what,
                                static_cast<double>(done) / std::max(seconds(), 1e-9)),
                    false);
      });
  line.Finish();
  ctx.err << fmt::format("ersatz: wrote {} rows for {} {} to {} in {}\n", rows * files.per_row,
                         rows, what, files.output, FormatDuration(seconds()));
}

}  // namespace ersatz::cli
