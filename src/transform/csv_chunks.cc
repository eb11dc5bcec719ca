#include "transform/csv_chunks.h"

#include <fmt/format.h>

#include <algorithm>

#include <cerrno>
#include <cstring>

#include "ersatz/error.h"

namespace ersatz::transform {

namespace {
// Position just past the last line break outside quotes, or npos. Doubled quotes toggle twice,
// so counting quotes is enough to know whether a byte is inside a quoted field.
std::size_t LastRecordEnd(const std::string& buffer, std::size_t from) {
  bool quoted = false;
  std::size_t last = std::string::npos;
  const char* data = buffer.data();
  for (std::size_t i = from; i < buffer.size(); ++i) {
    const char c = data[i];
    if (c == '"') {
      quoted = !quoted;
    } else if (c == '\n' && !quoted) {
      last = i + 1;
    }
  }
  return last;
}
}  // namespace

CsvChunkReader::CsvChunkReader(std::string path, CsvReadOptions options, std::size_t chunk_bytes)
    : path_(std::move(path)), options_(std::move(options)), chunk_bytes_(chunk_bytes) {
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
    cut = LastRecordEnd(buffer, 0);
    if (cut != std::string::npos) break;  // else one record is longer than a chunk: read on
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
