// `ersatz fit` and `ersatz sample` as library calls on files, so every front end shares them.
#include <fmt/format.h>
#include <sys/stat.h>

#include <numeric>

#include "common/atomic_file.h"
#include "common/random.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "nn/parallel.h"

namespace ersatz {

namespace {
constexpr std::uint64_t kHoldoutStream = 0x401D;
constexpr std::uint64_t kReportSampleSeedOffset = 0x5e9017;  // the report's sample differs from seed 0

// Appends the rows of `batch` to `into` (same columns, in the same order; empty `into` takes them).
void AppendRows(const Table& batch, Table* into) {
  if (into->num_columns() == 0) {
    *into = batch;
    return;
  }
  for (std::size_t c = 0; c < batch.num_columns(); ++c) {
    const Column& from = batch.column(c);
    Column& to = into->column(c);
    for (std::size_t r = 0; r < from.size(); ++r) {
      if (from.IsNull(r)) {
        to.AppendNull();
        continue;
      }
      switch (from.kind()) {
        case ColumnKind::kInteger: to.AppendInteger(from.integers()[r]); break;
        case ColumnKind::kDatetime: to.AppendDatetime(from.integers()[r]); break;
        case ColumnKind::kFloat: to.AppendFloat(from.floats()[r]); break;
        case ColumnKind::kBoolean: to.AppendBoolean(from.booleans()[r] != 0); break;
        case ColumnKind::kCategorical:
        case ColumnKind::kText: to.AppendString(from.text(r)); break;
      }
    }
  }
}

// The report of a fresh fit: as many synthetic rows as training rows, against the holdout.
void WriteFitReport(const FitFileOptions& options, const Generator& generator, const Table& train,
                    const Table* holdout, FitFileResult* result) {
  Table synthetic;
  SampleOptions sample;
  sample.seed = options.fit.seed + kReportSampleSeedOffset;
  generator.Sample(train.num_rows(), sample, [&](const Table& batch) { AppendRows(batch, &synthetic); });
  EvaluateOptions evaluate;
  evaluate.target = options.report_target;
  evaluate.threads = nn::NumThreads();  // what `fit --threads` asked for
  // The model's schema: with --entity-column, that column became an identifier there.
  for (const ColumnSpec& spec : generator.schema().columns) {
    if (spec.type == SemanticType::kIdentifier && train.FindColumn(spec.name) >= 0) {
      evaluate.identifier_columns.push_back(spec.name);
    }
  }
  result->report = Evaluate(train, synthetic, holdout, evaluate);
  result->report->differential_privacy = generator.summary().privacy;
  result->report_html = options.output + ".report.html";
  result->report_json = options.output + ".report.json";
  WriteReportFiles(*result->report, result->report_html, result->report_json);
}

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
  if (options.report && !options.report_target.empty() &&
      table.FindColumn(options.report_target) < 0) {
    throw ParameterError(fmt::format("--report-target: {} has no column '{}'", options.data_path,
                                     options.report_target));
  }
  // Output paths are checked before the (long) training, not after it.
  if (options.output == options.data_path || options.holdout_csv == options.data_path) {
    throw ParameterError(fmt::format("refusing to overwrite the input file {}", options.data_path));
  }

  std::vector<std::uint32_t> rows(table.num_rows());
  std::iota(rows.begin(), rows.end(), 0u);
  Shuffle(std::span(rows), options.fit.seed, kHoldoutStream, 0);
  const auto holdout = static_cast<std::size_t>(options.holdout * static_cast<double>(rows.size()));
  std::vector<std::uint32_t> train_rows(rows.begin() + static_cast<long>(holdout), rows.end());
  std::vector<std::uint32_t> holdout_rows(rows.begin(), rows.begin() + static_cast<long>(holdout));
  std::sort(train_rows.begin(), train_rows.end());
  std::sort(holdout_rows.begin(), holdout_rows.end());
  result.holdout_rows = holdout_rows.size();

  const Table train = holdout > 0 ? table.Take(train_rows) : table;
  const Generator generator = Generator::Fit(train, schema, options.fit, progress);
  generator.Save(options.output);
  struct stat st {};
  if (::stat(options.output.c_str(), &st) == 0) result.model_bytes = static_cast<std::size_t>(st.st_size);
  const Table holdout_table = table.Take(holdout_rows);
  if (!options.holdout_csv.empty()) WriteCsv(holdout_table, options.holdout_csv);
  result.summary = generator.summary();
  if (options.report) {
    WriteFitReport(options, generator, train, holdout > 0 ? &holdout_table : nullptr, &result);
  }
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
