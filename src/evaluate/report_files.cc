// ReportCsvFiles / WriteReportFiles: the `ersatz report` job on files.
#include <fmt/format.h>

#include <algorithm>

#include <memory>
#include <optional>

#include "common/atomic_file.h"
#include "ersatz/error.h"
#include "ersatz/evaluate.h"
#include "ersatz/metadata.h"
#include "ersatz/profile.h"

namespace ersatz {
namespace {

// Reads `path` typed as the real file was, so that a column means the same everywhere; a column
// of the real file missing here is a data error naming both files.
Table ReadLike(const std::string& path, const CsvReadOptions& csv, const Metadata& schema,
               const std::string& real_path) {
  const RawTable raw = ReadCsvRaw(path, csv);
  for (const ColumnSpec& spec : schema.columns) {
    if (std::find(raw.header.begin(), raw.header.end(), spec.name) == raw.header.end()) {
      throw DataError(fmt::format("{} lacks column '{}' of {}", path, spec.name, real_path));
    }
  }
  return BuildTable(raw, InferSchema(raw, &schema));
}

}  // namespace

EvaluateReport ReportCsvFiles(const ReportFileOptions& options) {
  std::optional<Metadata> overrides;
  if (!options.metadata_path.empty()) overrides = Metadata::Load(options.metadata_path);
  Metadata schema;
  const Table real = ReadCsv(options.real_path, options.csv, overrides ? &*overrides : nullptr,
                             nullptr, &schema);
  if (!options.evaluate.target.empty() && real.FindColumn(options.evaluate.target) < 0) {
    throw ParameterError(fmt::format("--target: {} has no column '{}'", options.real_path,
                                     options.evaluate.target));
  }
  const Table synthetic = ReadLike(options.synthetic_path, options.csv, schema, options.real_path);
  std::optional<Table> holdout;
  if (!options.holdout_path.empty()) {
    holdout = ReadLike(options.holdout_path, options.csv, schema, options.real_path);
  }

  EvaluateOptions evaluate = options.evaluate;
  for (const ColumnSpec& spec : schema.columns) {
    if (spec.type == SemanticType::kIdentifier &&
        std::find(evaluate.identifier_columns.begin(), evaluate.identifier_columns.end(),
                  spec.name) == evaluate.identifier_columns.end()) {
      evaluate.identifier_columns.push_back(spec.name);
    }
  }
  return Evaluate(real, synthetic, holdout ? &*holdout : nullptr, evaluate);
}

void WriteReportFiles(const EvaluateReport& report, const std::string& html_path,
                      const std::string& json_path) {
  // Both temporaries exist before either is committed, so a missing folder fails first.
  std::unique_ptr<AtomicOutputFile> html, json;
  if (!html_path.empty()) html = std::make_unique<AtomicOutputFile>(html_path);
  if (!json_path.empty()) json = std::make_unique<AtomicOutputFile>(json_path);
  if (html) html->Write(report.ToHtml());
  if (json) json->Write(report.ToJson());
  if (html) html->Commit();
  if (json) json->Commit();
}

}  // namespace ersatz
