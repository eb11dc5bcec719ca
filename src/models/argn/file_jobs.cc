// `ersatz fit` and `ersatz sample` as library calls on files, so every front end shares them.
#include <fmt/format.h>
#include <sys/stat.h>

#include <numeric>

#include "common/atomic_file.h"
#include "common/random.h"
#include "constraints/check_data.h"
#include "constraints/plan.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "ersatz/profile.h"
#include "models/argn/fit_inputs.h"
#include "nn/parallel.h"
#include "table/row_copy.h"
#include "transform/params.h"

namespace ersatz {

namespace {
constexpr std::uint64_t kReportSampleSeedOffset = 0x5e9017;  // the report's sample differs from seed 0

// The report of a fresh fit: as many synthetic rows as training rows, against the holdout.
void WriteFitReport(const FitFileOptions& options, const Generator& generator, const Table& train,
                    const Table* holdout, FitFileResult* result) {
  SampleOptions sample;
  sample.seed = options.fit.seed + kReportSampleSeedOffset;
  const Table synthetic = SampleToTable(generator, train.num_rows(), sample);
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
  const FitReportPaths paths = ReportPathsOf(options.output);
  result->report_html = paths.html;
  result->report_json = paths.json;
  WriteReportFiles(*result->report, result->report_html, result->report_json);
}

// The policy, scan options and key that `options.transform` names; ParameterError or IoError
// naming the transform file when it cannot be read.
struct FitTransform {
  TransformConfig config;
  TransformKey key;
};

FitTransform LoadFitTransform(const FitFileOptions& options, FitFileResult* result) {
  FitTransform t;
  if (options.transform == "auto") {
    t.config.policy = DefaultTransformPolicy();
  } else {
    t.config = LoadTransformConfig(options.transform);
  }
  result->transform_key_path = ChooseKeyPath(options.transform_key_path, t.config.key_file);
  t.key = TransformKey::LoadOrCreate(result->transform_key_path, &result->transform_key_created);
  return t;
}

}  // namespace

FitReportPaths ReportPathsOf(const std::string& model_path) {
  return {model_path + ".report.html", model_path + ".report.json"};
}

FitFileResult FitCsvFile(const FitFileOptions& options,
                         const std::function<void(const FitProgress&)>& progress) {
  FitFileResult result;
  std::optional<FitTransform> transform;
  if (!options.transform.empty()) transform = LoadFitTransform(options, &result);
  Metadata schema;
  const auto apply_transform = [&](RawTable* raw) {
    // Before typing: the model learns the replacements and their types (a redacted column is
    // categorical), and the holdout below is split from transformed rows.
    result.transform.emplace();
    *raw = TransformRawTable(*raw, transform->config.policy, transform->key, transform->config.scan,
                             &*result.transform);
    if (options.on_transformed) options.on_transformed(result);
  };
  const Table table =
      ReadFitTable(options.data_path, options.csv, options.metadata_path, options.drop, &result.csv,
                   &schema, transform ? std::function<void(RawTable*)>(apply_transform) : nullptr);
  if (options.report && !options.report_target.empty() &&
      table.FindColumn(options.report_target) < 0) {
    throw ParameterError(fmt::format("--report-target: {} has no column '{}'", options.data_path,
                                     options.report_target));
  }
  // On the whole file, before the holdout is split off, so a broken row is named by its place.
  if (!schema.constraints.empty()) constraints::CheckConstraintsHold(table, schema, options.data_path);

  // Without a report (or a holdout file) nothing needs unseen rows: the model learns from all.
  const std::optional<double> share = options.holdout                                   ? options.holdout
                                      : options.report || !options.holdout_csv.empty() ? std::nullopt
                                                                                        : std::optional<double>(0.0);
  const HoldoutSplit split = SplitHoldout(table, share, options.fit.seed, options.fit.entity_column);
  const std::vector<std::uint32_t>& train_rows = split.train;
  const std::vector<std::uint32_t>& holdout_rows = split.holdout;
  const std::size_t holdout = holdout_rows.size();
  result.holdout_rows = holdout;

  const Table train = holdout > 0 ? table.Take(train_rows) : table;
  const Generator generator = Generator::Fit(train, schema, options.fit, progress);
  generator.Save(options.output);
  struct stat st {};
  if (::stat(options.output.c_str(), &st) == 0) result.model_bytes = static_cast<std::size_t>(st.st_size);
  const Table holdout_table = table.Take(holdout_rows);
  if (!options.holdout_csv.empty()) WriteCsv(holdout_table, options.holdout_csv);
  result.summary = generator.summary();
  result.computed = generator.ComputedColumns();
  if (options.report) {
    WriteFitReport(options, generator, train, holdout > 0 ? &holdout_table : nullptr, &result);
  }
  return result;
}

Table SampleToTable(const Generator& generator, std::size_t rows, const SampleOptions& options) {
  Table out;
  generator.Sample(rows, options, [&](const Table& batch) { AppendRows(batch, &out); });
  return out;
}

SampleReport SampleToCsvFile(const Generator& generator, std::size_t rows,
                             const SampleOptions& options, const std::string& output,
                             const std::function<void(std::size_t rows_done)>& progress) {
  AtomicOutputFile file(output);
  std::string text;
  std::size_t done = 0;
  const SampleReport report = generator.Sample(rows, options, [&](const Table& batch) {
    text.clear();
    FormatCsv(batch, {}, done == 0, &text);
    file.Write(text);
    done += batch.num_rows();
    if (progress) progress(done);
  });
  file.Commit();
  return report;
}

}  // namespace ersatz
