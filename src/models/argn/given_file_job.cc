// `ersatz sample --seed-data` and `ersatz impute` on files: the input streams in chunks through
// Generator::SampleGiven, and each output cell the input gave is written as the input's own text.
#include <fmt/format.h>

#include "common/atomic_file.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "ersatz/profile.h"
#include "profile/column_evidence.h"
#include "transform/csv_chunks.h"

namespace ersatz {

namespace {

constexpr std::size_t kMaxWarnings = 10;

// The input's model columns typed as the model learned them; the others as text.
Metadata InputSchema(const std::vector<std::string>& header, const Metadata& model) {
  Metadata schema;
  for (const std::string& name : header) {
    const ColumnSpec* spec = model.Find(name);
    ColumnSpec text;
    text.name = name;
    text.type = SemanticType::kText;
    text.storage = ColumnKind::kText;
    schema.columns.push_back(spec != nullptr ? *spec : text);
  }
  return schema;
}

}  // namespace

void SampleGivenCsvFile(const Generator& generator, const GivenFileOptions& files,
                        const SampleOptions& options,
                        const std::function<void(const std::string& warning)>& warn,
                        const std::function<void(std::size_t rows_done)>& progress) {
  if (files.per_row == 0) throw ParameterError("per-seed: expected at least 1, found 0");
  transform::CsvChunkReader reader(files.input, files.csv);
  AtomicOutputFile file(files.output);
  RawTable chunk;
  std::size_t rows_done = 0, warnings = 0;
  std::string text;
  bool first_chunk = true;
  while (reader.Next(&chunk)) {
    const std::vector<std::string>& header = chunk.header;
    // Output columns: the input's, then the model's other columns.
    std::vector<std::string> names = header;
    for (const ColumnSpec& spec : generator.schema().columns) {
      if (std::find(header.begin(), header.end(), spec.name) == header.end()) names.push_back(spec.name);
    }
    const Table given = BuildTable(chunk, InputSchema(header, generator.schema()));
    const auto on_unseen = [&](std::size_t row, std::size_t column) {
      const std::string message = fmt::format(
          "{}: value '{}' of column '{}' was never seen by the model; its rows are conditioned on "
          "the nearest value the model knows",
          chunk.Where(column, row), chunk.Field(column, row), header[column]);
      if (files.strict) throw DataError(message + " (--strict)");
      if (warn && warnings < kMaxWarnings) warn(message);
      ++warnings;
    };
    std::size_t out_row = 0;  // rows of this chunk's output already written
    generator.SampleGiven(given, files.per_row, rows_done, options, [&](const Table& batch) {
      Table out;
      for (std::size_t j = 0; j < names.size(); ++j) {
        Column column(names[j], ColumnKind::kText);
        const int generated = batch.FindColumn(names[j]);
        for (std::size_t r = 0; r < batch.num_rows(); ++r) {
          const std::size_t source = (out_row + r) / files.per_row;
          if (j < header.size() && !IsMissingCell(chunk.columns[j][source])) {
            column.AppendString(chunk.Field(j, source));
          } else if (generated >= 0 && !batch.column(generated).IsNull(r)) {
            column.AppendString(batch.column(generated).FormatValue(r));
          } else {
            column.AppendNull();
          }
        }
        out.AddColumn(std::move(column));
      }
      text.clear();
      FormatCsv(out, {.delimiter = reader.delimiter()}, first_chunk && out_row == 0, &text);
      file.Write(text);
      out_row += batch.num_rows();
      if (progress) progress(rows_done + out_row / files.per_row);
    }, on_unseen);
    if (first_chunk && chunk.num_rows() == 0) {  // header only: still a valid CSV with a header
      text.clear();
      Table out;
      for (const std::string& name : names) out.AddColumn(Column(name, ColumnKind::kText));
      FormatCsv(out, {.delimiter = reader.delimiter()}, true, &text);
      file.Write(text);
    }
    first_chunk = false;
    rows_done += chunk.num_rows();
  }
  if (warn && warnings > kMaxWarnings) {
    warn(fmt::format("{} more values never seen by the model (not shown)", warnings - kMaxWarnings));
  }
  file.Commit();
}

}  // namespace ersatz
