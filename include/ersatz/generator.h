// The generator: learns a table and samples new rows from it (`ersatz fit` / `ersatz sample`).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/evaluate.h"
#include "ersatz/metadata.h"
#include "ersatz/privacy_summary.h"
#include "ersatz/table.h"

namespace ersatz {

struct FitOptions {
  int max_epochs = 100;
  double max_seconds = 0;  // 0: no limit
  std::string size = "medium";  // small | medium | large
  int batch_size = 0;            // 0: chosen from the row count
  double learning_rate = 0;      // 0: chosen from the batch size
  double validation_fraction = 0.2;
  bool value_protection = true;
  std::uint64_t seed = 0;
  // Differential privacy (docs/privacy.md): epsilon > 0 trains with DP-SGD and computes every
  // statistic the encoders read with DP (or takes it from the metadata's public declarations).
  std::optional<double> epsilon;  // unset: no DP; set, it must be > 0
  double delta = 0;               // 0: 1/units^1.2 (units: rows, or entities)
  double max_grad_norm = 1;    // C, the per-example clipping norm
  std::string entity_column;   // "": a row is the unit of privacy; else one entity's rows are
  double statistics_share = 0.1;  // of ε and δ for the encoders' statistics (when any is private)
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
};

struct FitSummary {
  std::size_t rows = 0;             // rows the model learned from (training + validation)
  std::size_t validation_rows = 0;
  int epochs = 0;
  int best_epoch = 0;
  double best_validation_loss = 0;
  double seconds = 0;
  double gflops_per_second = 0;
  std::string stop_reason;
  std::size_t parameters = 0;
  std::vector<std::string> columns;  // every column, in order
  std::optional<DifferentialPrivacySummary> privacy;  // set when trained with differential privacy
};

struct SampleOptions {
  std::uint64_t seed = 0;
  double temperature = 1.0;  // < 1: closer to the most likely values; > 1: more diverse
  double top_p = 1.0;        // sample only from the most likely values holding this mass
  std::size_t batch_rows = 4096;
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
  // count.
  void Sample(std::size_t rows, const SampleOptions& options,
              const std::function<void(const Table& batch)>& sink) const;

  const FitSummary& summary() const;
  const Metadata& schema() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `ersatz fit` job on files: read and type the CSV, leave out dropped columns and a random
// holdout, learn, write the model (and the holdout rows when asked), then the evaluation report.
struct FitFileOptions {
  std::string data_path;
  CsvReadOptions csv;
  std::string metadata_path;  // "" for none
  std::vector<std::string> drop;
  double holdout = 0.2;
  std::string holdout_csv;  // "" for none
  std::string output;
  FitOptions fit;
  // After training: sample as many rows as were learned, evaluate them against the training rows
  // and the holdout, and write <output>.report.html / .report.json.
  bool report = true;
  std::string report_target;  // utility target ("" for none)
};

struct FitFileResult {
  FitSummary summary;
  CsvReadReport csv;
  std::size_t holdout_rows = 0;
  std::size_t model_bytes = 0;
  std::optional<EvaluateReport> report;
  std::string report_html, report_json;  // the files written
};

FitFileResult FitCsvFile(const FitFileOptions& options,
                         const std::function<void(const FitProgress&)>& progress = {});

// The `ersatz sample` job: streams `rows` rows into a CSV file (written atomically);
// `progress` gets the number of rows written after each batch.
void SampleToCsvFile(const Generator& generator, std::size_t rows, const SampleOptions& options,
                     const std::string& output,
                     const std::function<void(std::size_t rows_done)>& progress = {});

}  // namespace ersatz
