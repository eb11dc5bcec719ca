// The generator: learns a table and samples new rows from it (`ersatz fit` / `ersatz sample`).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/evaluate.h"
#include "ersatz/metadata.h"
#include "ersatz/privacy_summary.h"
#include "ersatz/row_check.h"
#include "ersatz/table.h"
#include "ersatz/transform.h"

namespace ersatz {

struct FitOptions {
  int max_epochs = 100;
  double max_seconds = 0;  // 0: no limit
  // auto: widths chosen from the rows and sub-columns (docs/capacity.md); or a fixed preset:
  // small | medium | large.
  std::string size = "auto";
  std::size_t max_parameters = 0;  // 0: the data's budget (docs/capacity.md); else this many at most
  int batch_size = 0;            // 0: chosen from the row count
  double learning_rate = 0;      // 0: chosen from the batch size
  double validation_fraction = 0.2;
  bool value_protection = true;
  // Store keyed hashes of the training rows (never the rows) so that sampling can filter copies
  // and near-copies (`sample --privacy-filter`); false stores nothing about individual rows.
  bool filter_hashes = true;
  // Find columns that are functions of others (a code and its label, agegr from age,
  // total = a + b, bmi = 10000 · weight / height^2) and compute them from the generated columns
  // instead of learning them (docs/constraints.md). Never with differential privacy.
  bool discover_rules = true;
  std::vector<std::string> learned_columns;  // never computed by a discovered rule (audit's canaries)
  std::uint64_t seed = 0;
  // Differential privacy (docs/privacy.md): epsilon > 0 trains with DP-SGD and computes every
  // statistic the encoders read with DP (or takes it from the metadata's public declarations).
  std::optional<double> epsilon;  // unset: no DP; set, it must be > 0
  double delta = 0;               // 0: 1/units^1.2 (units: rows, or entities)
  double max_grad_norm = 1;    // C, the per-example clipping norm
  std::string entity_column;   // "": a row is the unit of privacy; else one entity's rows are
  // The encoders' statistics (when any is private): this share of δ for their thresholds and of the
  // ρ that would spend all of ε; composed with DP-SGD in RDP (docs/privacy.md).
  double statistics_share = 0.1;
};

struct FitProgress {
  int epoch = 0;
  int max_epochs = 0;
  double train_loss = 0;
  double validation_loss = 0;
  double rows_per_second = 0;
  double elapsed_seconds = 0;
  double eta_seconds = 0;
  bool improved = false;
  double epsilon_spent = 0;  // DP: ε spent so far (losses are NaN then: they would be a release)
  // Non-empty: a step before training on a wide table (kWideTableColumns or more columns), where
  // rule discovery and encoding take long enough to need saying; the epoch fields are unset then.
  std::string phase;
};

inline constexpr std::size_t kWideTableColumns = 100;

struct FitSummary {
  std::size_t rows = 0;             // rows the model learned from (training + validation)
  std::size_t validation_rows = 0;
  int epochs = 0;
  int best_epoch = 0;
  double best_validation_loss = 0;
  double seconds = 0;
  double gflops_per_second = 0;
  std::string stop_reason;
  // Stopped by max time inside an epoch: the share of it that ran after `epochs` complete ones
  // (shown by fit, not stored in the model file).
  double partial_epoch = 0;
  std::size_t parameters = 0;
  double size_factor = 1;            // the network's widths relative to the medium preset
  std::vector<std::string> columns;  // every column, in order
  // What the model will not reproduce faithfully (a column sampled as _RARE_ throughout,
  // integers too far apart to stay exact), one sentence each naming the column; `fit` prints them.
  std::vector<std::string> warnings;
  std::optional<DifferentialPrivacySummary> privacy;  // set when trained with differential privacy
};

struct SampleOptions {
  std::uint64_t seed = 0;
  double temperature = 1.0;  // < 1: closer to the most likely values; > 1: more diverse
  double top_p = 1.0;        // sample only from the most likely values holding this mass
  std::size_t batch_rows = 4096;
  // Rows are checked by the model's validators (unless `validate` is false) and by `checks`;
  // rejected rows are drawn again at most `max_retries` times (then left out), and sampling stops
  // with a DataError once more than `max_invalid_fraction` of all drawn rows were rejected.
  std::vector<std::shared_ptr<const RowCheck>> checks;  // extra checks (privacy filters)
  double max_invalid_fraction = 0.5;
  int max_retries = 10;
  bool validate = true;
  // Per-column temperatures, overriding `temperature` for the columns they name.
  std::vector<std::pair<std::string, double>> column_temperature;
  // Conditions every row satisfies exactly (docs/conditional.md): 'col=value', 'col=a,b',
  // 'col=lo..hi' (numbers, dates; open ends allowed).
  std::vector<std::string> where;
  // Target shares of categories: 'col=value:share'; the rest of the row follows the model.
  std::vector<std::string> rebalance;
  // Generated cells are never missing (imputation): the NULL code is masked out of every
  // column that has one.
  bool no_nulls = false;
};

// A column computed from other columns instead of learned (docs/constraints.md): a derived or
// mapping constraint declared in the metadata or discovered by `fit`.
struct ComputedColumn {
  Constraint rule;
  bool discovered = false;
  std::size_t rows = 0;   // training rows
  std::size_t holds = 0;  // rows where the rule gives the value (the others: learned exceptions)
  std::size_t entries = 0;  // mapping: values or intervals in its table
  bool intervals = false;   // mapping from a number column
  double ratio_low = 0, ratio_high = 0;  // learn = ratio: its 1st and 99th percentiles
};

// The model's distribution of one categorical column given the rest of each row.
struct ColumnPrediction {
  std::vector<std::string> categories;     // the values the model can generate
  std::vector<std::vector<double>> log_p;  // per row, per category: natural log-probability
};

class Generator {
 public:
  Generator();
  ~Generator();
  Generator(Generator&&) noexcept;
  Generator& operator=(Generator&&) noexcept;

  // Learns `table`; `schema` says which columns are identifiers (regenerated, not learned).
  static Generator Fit(const Table& table, const Metadata& schema, const FitOptions& options,
                       const std::function<void(const FitProgress&)>& progress = {});
  // DataError naming the file when it is not a model, truncated, corrupted or too new.
  static Generator Load(const std::string& path);
  // Writes atomically.
  void Save(const std::string& path) const;

  // Generates `rows` rows in batches of options.batch_rows, handing each batch to `sink` so memory
  // stays bounded whatever the row count. The same seed gives the same rows whatever the thread
  // count. Rows rejected by the checks are drawn again in place (see SampleOptions); the report
  // counts them by reason.
  SampleReport Sample(std::size_t rows, const SampleOptions& options,
                      const std::function<void(const Table& batch)>& sink) const;

  // The privacy filter of `level` ("off", "medium" or "high"; docs/privacy.md) as checks for
  // SampleOptions::checks: none for "off"; ParameterError when the model stores no hashes. The
  // checks use this generator: they must not outlive it, nor run while it samples elsewhere.
  std::vector<std::shared_ptr<const RowCheck>> PrivacyFilters(const std::string& level) const;

  // log p(column = c | every other learned column of the row) for each row of `rows` (which must
  // hold every learned column) and each category c the model can generate (rare values, folded
  // into _RARE_, have none). ParameterError when `column` is not learned as categories.
  ColumnPrediction PredictColumn(const Table& rows, const std::string& column) const;

  // Seeded generation and imputation: for each row of `given` (some of the model's columns,
  // typed as the model's schema; other columns are ignored), `per_row` rows in which the row's
  // non-null cells are fixed and the other columns are sampled from the model conditioned on
  // them (and on options.where / rebalance where the row leaves a column free). Output rows keep
  // the order of `given`; `first_row` is the global index of given row 0 (for the draws), so
  // chunks of a large file sample as one call would. `unseen(row, column)` is called for each
  // given cell the model never saw (a category it does not know, a number outside its range):
  // such a cell conditions on the nearest the model knows (_RARE_, the clipped value).
  void SampleGiven(const Table& given, std::size_t per_row, std::uint64_t first_row,
                   const SampleOptions& options, const std::function<void(const Table& batch)>& sink,
                   const std::function<void(std::size_t row, std::size_t column)>& unseen = {}) const;

  const FitSummary& summary() const;
  const Metadata& schema() const;
  // Every derived and mapping column, declared ones first, then those `fit` discovered.
  std::vector<ComputedColumn> ComputedColumns() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

struct FitFileResult;

// The `ersatz fit` job on files: read and type the CSV, leave out dropped columns and a random
// holdout, learn, write the model (and the holdout rows when asked), then the evaluation report.
// The caller checks beforehand that no output is an input (CheckCommandFiles in
// src/common/command_files.h), as the command line does for every verb.
struct FitFileOptions {
  std::string data_path;
  CsvReadOptions csv;
  std::string metadata_path;  // "" for none
  std::vector<std::string> drop;
  // The share of rows (entities) kept out of training; nullopt: with a report or a holdout_csv,
  // 10% of the rows but at most 2,000 (DefaultHoldoutCount), otherwise none.
  std::optional<double> holdout;
  std::string holdout_csv;  // "" for none
  std::string output;
  FitOptions fit;
  // After training: sample as many rows as were learned, evaluate them against the training rows
  // and the holdout, and write <output>.report.html / .report.json.
  bool report = true;
  std::string report_target;  // utility target ("" for none)
  // Personal data replaced before anything is learned (docs/pii.md): "" for none, "auto" for
  // the default policy of `ersatz transform`, otherwise a transform.yaml as its --config reads.
  // The holdout is split from the transformed rows, so the report compares like with like.
  std::string transform;
  // The transform key; "" for the config's key-file, else DefaultKeyPath(). Created when missing.
  std::string transform_key_path;
  // Called after the transform and before training, with FitFileResult::transform and the key
  // fields filled in, so a front end can show the decisions before a long fit.
  std::function<void(const FitFileResult&)> on_transformed;
};

struct FitFileResult {
  FitSummary summary;
  std::vector<ComputedColumn> computed;  // Generator::ComputedColumns()
  CsvReadReport csv;
  std::size_t holdout_rows = 0;
  std::size_t model_bytes = 0;
  std::optional<EvaluateReport> report;
  std::string report_html, report_json;  // the files written
  std::optional<TransformReport> transform;  // what `transform` did to each column
  std::string transform_key_path;            // the key it used (never its bytes)
  bool transform_key_created = false;
};

// Where FitCsvFile writes the evaluation report of a model written to `model_path`.
struct FitReportPaths {
  std::string html, json;
};
FitReportPaths ReportPathsOf(const std::string& model_path);

FitFileResult FitCsvFile(const FitFileOptions& options,
                         const std::function<void(const FitProgress&)>& progress = {});

// `rows` rows in one table (for evaluations that need them all at once).
Table SampleToTable(const Generator& generator, std::size_t rows, const SampleOptions& options);

// `ersatz sample --seed-data` and `ersatz impute`: streams the rows of `input` (a CSV read in
// chunks) through SampleGiven. Output columns: the input's, in its order, then the model's other
// columns; a non-null input cell is written as its exact text, the others as generated.
// Unseen seed values are reported through `warn` ("file:line:col: ..."), or, when `strict`,
// are a DataError. `progress` gets the input rows done.
struct GivenFileOptions {
  std::string input;
  CsvReadOptions csv;
  std::size_t per_row = 1;
  bool strict = false;
  std::string output;
};
void SampleGivenCsvFile(const Generator& generator, const GivenFileOptions& files,
                        const SampleOptions& options,
                        const std::function<void(const std::string& warning)>& warn = {},
                        const std::function<void(std::size_t rows_done)>& progress = {});

// The `ersatz sample` job: streams `rows` rows into a CSV file (written atomically);
// `progress` gets the number of rows written after each batch.
SampleReport SampleToCsvFile(const Generator& generator, std::size_t rows,
                             const SampleOptions& options, const std::string& output,
                             const std::function<void(std::size_t rows_done)>& progress = {});

}  // namespace ersatz
