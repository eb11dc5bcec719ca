// Reads a CSV file as a sequence of RawTables of at most about `chunk_bytes` each, cut at record
// boundaries outside quotes, so that scan and transform hold one chunk at a time whatever the
// file's size. Each chunk is parsed by ParseCsv with the header line in front of it.
#pragma once

#include <cstdio>
#include <string>
#include <vector>

#include "ersatz/csv.h"
#include "table/csv_stream_check.h"

namespace ersatz::transform {

class CsvChunkReader {
 public:
  // IoError when the file cannot be opened.
  CsvChunkReader(std::string path, CsvReadOptions options, std::size_t chunk_bytes = 8u << 20);
  ~CsvChunkReader();
  CsvChunkReader(const CsvChunkReader&) = delete;
  CsvChunkReader& operator=(const CsvChunkReader&) = delete;

  // The next rows; false once the file is exhausted. The header is set after the first call.
  // Errors in later chunks name the file's own line numbers.
  bool Next(RawTable* chunk);
  const std::vector<std::string>& header() const { return header_; }
  char delimiter() const { return options_.delimiter; }
  std::size_t bytes_read() const { return bytes_read_; }

 private:
  bool ReadMore(std::string* buffer);
  std::string path_;
  CsvReadOptions options_;
  std::size_t chunk_bytes_;
  std::FILE* file_ = nullptr;
  bool eof_ = false;
  bool first_ = true;
  std::string header_line_;
  std::string carry_;
  std::vector<std::string> header_;
  std::size_t bytes_read_ = 0;
  std::size_t lines_before_ = 0;  // line breaks in the parts already returned
  CsvStreamCheck check_;          // the file's limits, applied as its bytes arrive
};

}  // namespace ersatz::transform
