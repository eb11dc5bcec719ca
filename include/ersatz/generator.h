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
#include "ersatz/table.h"
#include "ersatz/transform.h"

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

struct FitFileResult;

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
  CsvReadReport csv;
  std::size_t holdout_rows = 0;
  std::size_t model_bytes = 0;
  std::optional<EvaluateReport> report;
  std::string report_html, report_json;  // the files written
  std::optional<TransformReport> transform;  // what `transform` did to each column
  std::string transform_key_path;            // the key it used (never its bytes)
  bool transform_key_created = false;
};

FitFileResult FitCsvFile(const FitFileOptions& options,
                         const std::function<void(const FitProgress&)>& progress = {});

// The `ersatz sample` job: streams `rows` rows into a CSV file (written atomically);
// `progress` gets the number of rows written after each batch.
void SampleToCsvFile(const Generator& generator, std::size_t rows, const SampleOptions& options,
                     const std::string& output,
                     const std::function<void(std::size_t rows_done)>& progress = {});

}  // namespace ersatz
