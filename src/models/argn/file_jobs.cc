// `ersatz fit` and `ersatz sample` as library calls on files, so every front end shares them.
#include <fmt/format.h>
#include <sys/stat.h>

#include <numeric>

#include "common/atomic_file.h"
#include "common/random.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"

namespace ersatz {

namespace {
constexpr std::uint64_t kHoldoutStream = 0x401D;
}  // namespace

FitFileResult FitCsvFile(const FitFileOptions& options,
                         const std::function<void(const FitProgress&)>& progress) {
  FitFileResult result;
  std::optional<Metadata> overrides;
  if (!options.metadata_path.empty()) overrides = Metadata::Load(options.metadata_path);
  Metadata schema;
  Table table = ReadCsv(options.data_path, options.csv, overrides ? &*overrides : nullptr,
                        &result.csv, &schema);
  for (const auto& name : options.drop) {
    if (!table.RemoveColumn(name)) {
      throw ParameterError(fmt::format("--drop: {} has no column '{}'", options.data_path, name));
    }
  }
  // Output paths are checked before the (long) training, not after it.
  if (options.output == options.data_path || options.holdout_csv == options.data_path) {
    throw ParameterError(fmt::format("refusing to overwrite the input file {}", options.data_path));
  }

  std::vector<std::uint32_t> rows(table.num_rows());
  std::iota(rows.begin(), rows.end(), 0u);
  RandomStream rng(options.fit.seed, kHoldoutStream, 0);
  for (std::size_t i = rows.size(); i > 1; --i) std::swap(rows[i - 1], rows[rng.NextBelow(i)]);
  const auto holdout = static_cast<std::size_t>(options.holdout * static_cast<double>(rows.size()));
  std::vector<std::uint32_t> train_rows(rows.begin() + static_cast<long>(holdout), rows.end());
  std::vector<std::uint32_t> holdout_rows(rows.begin(), rows.begin() + static_cast<long>(holdout));
  std::sort(train_rows.begin(), train_rows.end());
  std::sort(holdout_rows.begin(), holdout_rows.end());
  result.holdout_rows = holdout_rows.size();

  const Generator generator =
      Generator::Fit(holdout > 0 ? table.Take(train_rows) : table, schema, options.fit, progress);
  generator.Save(options.output);
  struct stat st {};
  if (::stat(options.output.c_str(), &st) == 0) result.model_bytes = static_cast<std::size_t>(st.st_size);
  if (!options.holdout_csv.empty()) WriteCsv(table.Take(holdout_rows), options.holdout_csv);
  result.summary = generator.summary();
  return result;
}

void SampleToCsvFile(const Generator& generator, std::size_t rows, const SampleOptions& options,
                     const std::string& output,
                     const std::function<void(std::size_t rows_done)>& progress) {
  AtomicOutputFile file(output);
  std::string text;
  std::size_t done = 0;
  generator.Sample(rows, options, [&](const Table& batch) {
    text.clear();
    FormatCsv(batch, {}, done == 0, &text);
    file.Write(text);
    done += batch.num_rows();
    if (progress) progress(done);
  });
  file.Commit();
}

}  // namespace ersatz
