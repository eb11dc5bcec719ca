#include "transform/csv_chunks.h"

#include <fmt/format.h>

#include <algorithm>

#include <cerrno>
#include <cstring>

#include "ersatz/error.h"

namespace ersatz::transform {


CsvChunkReader::CsvChunkReader(std::string path, CsvReadOptions options, std::size_t chunk_bytes)
    : path_(std::move(path)), options_(std::move(options)), chunk_bytes_(chunk_bytes), check_(path_, options_) {
  file_ = std::fopen(path_.c_str(), "rb");
  if (file_ == nullptr) throw IoError(fmt::format("{}: cannot open: {}", path_, std::strerror(errno)));
}

CsvChunkReader::~CsvChunkReader() {
  if (file_ != nullptr) std::fclose(file_);
}

bool CsvChunkReader::ReadMore(std::string* buffer) {
  if (eof_) return false;
  const std::size_t old = buffer->size();
  buffer->resize(old + chunk_bytes_);
  const std::size_t got = std::fread(buffer->data() + old, 1, chunk_bytes_, file_);
  buffer->resize(old + got);
  bytes_read_ += got;
  check_.Feed(std::string_view(*buffer).substr(old));
  if (got < chunk_bytes_) {
    if (std::ferror(file_)) throw IoError(fmt::format("{}: read failed: {}", path_, std::strerror(errno)));
    eof_ = true;
  }
  return got > 0;
}

bool CsvChunkReader::Next(RawTable* chunk) {
  std::string buffer = std::move(carry_);
  carry_.clear();
  std::size_t cut = std::string::npos;
  while (true) {
    ReadMore(&buffer);
    if (eof_) {
      cut = buffer.size();
      break;
    }
    // Where the last complete record ends, if in this buffer; else one record is longer than a
    // chunk: read on (the check stops a cell or row that breaks the reader's limits).
    const std::uint64_t buffer_start = bytes_read_ - buffer.size();
    if (check_.last_record_end() > buffer_start) {
      cut = static_cast<std::size_t>(check_.last_record_end() - buffer_start);
      break;
    }
  }
  if (buffer.empty() && !first_) return false;
  carry_ = buffer.substr(cut);
  buffer.resize(cut);
  const auto newlines = static_cast<std::size_t>(std::count(buffer.begin(), buffer.end(), '\n'));
  if (first_) {
    first_ = false;
    CsvReadReport report;
    *chunk = ParseCsv(std::move(buffer), path_, options_, &report);
    options_.delimiter = report.delimiter;  // every later chunk is read the same way
    // The header line (up to its line break outside quotes) goes in front of later chunks.
    bool quoted = false;
    std::size_t end = 0;
    for (; end < chunk->buffer.size(); ++end) {
      const char c = chunk->buffer[end];
      if (c == '"') quoted = !quoted;
      if (c == '\n' && !quoted) break;
    }
    header_line_ = chunk->buffer.substr(0, std::min(end + 1, chunk->buffer.size()));
    if (header_line_.back() != '\n') header_line_ += '\n';
    header_ = chunk->header;
    options_.header_lines =
        1 + static_cast<std::size_t>(std::count(header_line_.begin(), header_line_.end() - 1, '\n'));
    lines_before_ = newlines;
    return true;
  }
  if (buffer.empty()) return false;
  // This part's first line is line lines_before_ + 1 of the file, and line header_lines + 1 of
  // the bytes parsed.
  options_.line_shift = lines_before_ - options_.header_lines;
  *chunk = ParseCsv(header_line_ + buffer, path_, options_, nullptr);
  lines_before_ += newlines;
  return true;
}

}  // namespace ersatz::transform
