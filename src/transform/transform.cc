// `ersatz transform`: one pass over the file in chunks. Columns are classified on the first rows,
// each column gets the operator of the first rule that matches it, and every cell of the file
// goes through that operator into the output, written atomically (csv_transformer.h does the
// cells; `fit --transform` sends a table in memory through the same code).
#include <fmt/format.h>

#include "common/atomic_file.h"
#include "ersatz/transform.h"
#include "transform/csv_chunks.h"
#include "transform/csv_transformer.h"

namespace ersatz {

TransformReport TransformCsvFile(const std::string& input, const std::string& output, const CsvReadOptions& options,
                                 const TransformPolicy& policy, const TransformKey& key,
                                 const ScanOptions& scan_options) {
  transform::CsvChunkReader reader(input, options);
  RawTable chunk;
  const bool any = reader.Next(&chunk);
  chunk.header = reader.header();
  const char delimiter = reader.delimiter() == 0 ? ',' : reader.delimiter();
  transform::CsvTransformer transformer(chunk, input, policy, key, scan_options, delimiter);
  TransformReport report;

  AtomicOutputFile file(output);
  std::string out;
  transformer.AppendHeader(&out);
  while (any) {
    for (std::size_t r = 0; r < chunk.num_rows(); ++r) {
      transformer.AppendRow(chunk, r, &out);
      if (out.size() >= (4u << 20)) {
        file.Write(out);
        report.bytes_out += out.size();
        out.clear();
      }
    }
    report.rows += chunk.num_rows();
    if (!reader.Next(&chunk)) break;
  }
  file.Write(out);
  report.bytes_out += out.size();
  file.Commit();
  report.actions = transformer.actions();  // with the counts of values caught one by one
  report.bytes_in = reader.bytes_read();
  return report;
}

RawTable TransformRawTable(const RawTable& table, const TransformPolicy& policy, const TransformKey& key,
                           const ScanOptions& scan_options, TransformReport* report) {
  transform::CsvTransformer transformer(table, table.source, policy, key, scan_options, ',');
  std::string text;
  transformer.AppendHeader(&text);
  for (std::size_t r = 0; r < table.num_rows(); ++r) transformer.AppendRow(table, r, &text);
  if (report != nullptr) {
    report->actions = transformer.actions();
    report->rows = table.num_rows();
    report->bytes_in = table.buffer.size();
    report->bytes_out = text.size();
  }
  // Missing values were written as empty cells, and only those read back as missing: a kept
  // "NA" that the caller's null tokens counted as data stays data.
  CsvReadOptions options;
  options.delimiter = ',';
  options.null_tokens = {""};
  return ParseCsv(std::move(text), table.source, options);
}

std::size_t ColumnAction::total_caught() const {
  std::size_t total = 0;
  for (std::size_t n : caught) total += n;
  return total;
}

std::string TransformReport::ToText() const {
  std::string out;
  for (const auto& a : actions) {
    out += fmt::format("  {:<24} {:<18} {:<16} ({})\n", a.column,
                       a.free_text ? "text" : a.entity ? std::string(EntityName(*a.entity)) : "-", OperatorName(a.op),
                       a.rule);
    if (a.total_caught() == 0) continue;
    std::vector<std::string> found;
    for (int e = 0; e < kPiiEntityCount; ++e) {
      if (a.caught[e] > 0) found.push_back(fmt::format("{} {}", EntityName(static_cast<PiiEntity>(e)), a.caught[e]));
    }
    out += fmt::format("  {:<24} + {} value(s) found one by one and replaced: {}\n", "", a.total_caught(),
                       fmt::join(found, ", "));
  }
  out += fmt::format("{} rows, {} bytes in, {} bytes out\n", rows, bytes_in, bytes_out);
  return out;
}

}  // namespace ersatz
