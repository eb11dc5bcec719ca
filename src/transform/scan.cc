// `ersatz scan`: the whole file streams through in chunks; a fixed-size, evenly drawn sample of
// rows (reservoir sampling with a fixed seed, so a scan is reproducible) feeds the classifier.
#include <fmt/format.h>

#include <algorithm>

#include <nlohmann/json.hpp>

#include "common/random.h"
#include "ersatz/transform.h"
#include "transform/csv_chunks.h"

namespace ersatz {

ScanReport ScanCsvFile(const std::string& path, const CsvReadOptions& options, const ScanOptions& scan_options) {
  transform::CsvChunkReader reader(path, options);
  const std::size_t k = std::max<std::size_t>(1, scan_options.sample_rows);
  std::vector<std::vector<std::string>> sample;  // sample[c][slot]
  RandomStream rng(0x5ca9, 7, 0);                // fixed: the same file gives the same scan
  std::size_t seen = 0;
  RawTable chunk;
  while (reader.Next(&chunk)) {
    if (sample.empty()) sample.resize(chunk.header.size());
    for (std::size_t r = 0; r < chunk.num_rows(); ++r, ++seen) {
      std::size_t slot = seen;
      if (seen >= k) {
        slot = rng.NextBelow(seen + 1);
        if (slot >= k) continue;
      }
      for (std::size_t c = 0; c < chunk.columns.size(); ++c) {
        const bool null = chunk.columns[c][r].flags() & RawField::kNull;
        std::string value = null ? std::string() : std::string(chunk.Field(c, r));
        if (slot < sample[c].size()) {
          sample[c][slot] = std::move(value);
        } else {
          sample[c].push_back(std::move(value));
        }
      }
    }
  }
  ScanReport report;
  report.source = path;
  report.rows = seen;
  report.bytes = reader.bytes_read();
  if (sample.empty()) sample.resize(reader.header().size());
  report.columns = ClassifyColumns(reader.header(), sample, scan_options);
  return report;
}

std::string ScanReport::ToJson() const {
  nlohmann::ordered_json doc;
  doc["source"] = source;
  doc["rows"] = rows;
  auto& cols = doc["columns"] = nlohmann::ordered_json::array();
  for (const auto& f : columns) {
    nlohmann::ordered_json c;
    c["column"] = f.column;
    c["entity"] = f.entity ? nlohmann::ordered_json(std::string(EntityName(*f.entity))) : nlohmann::ordered_json();
    c["confidence"] = f.confidence;
    c["reasons"] = f.reasons;
    c["free_text"] = f.free_text;
    auto& inside = c["entities_in_text"] = nlohmann::ordered_json::array();
    for (PiiEntity e : f.entities_in_text) inside.push_back(std::string(EntityName(e)));
    cols.push_back(std::move(c));
  }
  return doc.dump(2);
}

std::string ScanReport::ToText() const {
  std::size_t width = 6;
  for (const auto& f : columns) width = std::max(width, f.column.size());
  width = std::min<std::size_t>(width, 32);
  std::string out = fmt::format("{:<{}}  {:<18}  {:>10}  {}\n", "column", width, "entity", "confidence", "why");
  for (const auto& f : columns) {
    std::string entity = f.entity ? std::string(EntityName(*f.entity)) : "-";
    if (f.free_text) {
      entity = "text";
      for (PiiEntity e : f.entities_in_text) entity += (entity == "text" ? ": " : ",") + std::string(EntityName(e));
    }
    out += fmt::format("{:<{}}  {:<18}  {:>10}  {}\n", f.column, width, entity,
                       f.entity ? fmt::format("{:.2f}", f.confidence) : "-", fmt::join(f.reasons, "; "));
  }
  out += fmt::format("{} rows scanned in {}\n", rows, source);
  return out;
}

}  // namespace ersatz
