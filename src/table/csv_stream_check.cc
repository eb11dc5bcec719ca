#include "table/csv_stream_check.h"

#include <fmt/format.h>

#include "ersatz/error.h"
#include "table/csv_internal.h"

namespace ersatz {

namespace {
// DetectDelimiter decides from the first 64 KiB; one byte more tells it the last sampled line is
// incomplete, exactly as when it sees the whole file.
constexpr std::size_t kDetectionBytes = 64 * 1024 + 1;
// The raw bytes of a cell ParseCsv accepts: its content, two quotes and a line-ending CR.
constexpr std::uint64_t kMaxCellBytes = RawField::kMaxLength + 3;
}  // namespace

CsvStreamCheck::CsvStreamCheck(std::string source, const CsvReadOptions& options)
    : source_(std::move(source)), delimiter_(options.delimiter), skip_bad_rows_(options.skip_bad_rows) {}

void CsvStreamCheck::Feed(std::string_view bytes) {
  if (delimiter_ != 0) return Scan(bytes);
  // Until the delimiter is known only record ends are followed: the first 64 KiB cannot break a
  // limit. Then the kept bytes are scanned again in full.
  const std::size_t bom = csv_internal::kUtf8Bom.size();
  const std::size_t take = std::min(bytes.size(), kDetectionBytes + bom - prefix_.size());
  for (std::size_t i = 0; i < take; ++i) {
    if (bytes[i] == '"') prefix_quotes_ = !prefix_quotes_;
    if (bytes[i] == '\n' && !prefix_quotes_) last_record_end_ = prefix_.size() + i + 1;
  }
  prefix_.append(bytes.substr(0, take));
  if (prefix_.size() < kDetectionBytes + bom) return;
  std::string_view text = prefix_;
  const bool has_bom = text.starts_with(csv_internal::kUtf8Bom);
  if (has_bom) text.remove_prefix(bom);
  delimiter_ = csv_internal::DetectDelimiter(text);
  const std::string prefix = std::move(prefix_);
  prefix_.clear();
  offset_ = cell_start_ = has_bom ? bom : 0;
  Scan(std::string_view(prefix).substr(offset_));
  Scan(bytes.substr(take));
}

void CsvStreamCheck::Scan(std::string_view bytes) {
  for (const char c : bytes) {
    if (c == '\0') {
      cell_line_ = line_;
      cell_column_ = column_;
      Fail("NUL byte: a binary file, expected CSV text");
    }
    if (c == '"') {
      in_quotes_ = !in_quotes_;  // a doubled quote toggles twice
    } else if (!in_quotes_ && c == delimiter_) {
      EndField();
    } else if (!in_quotes_ && c == '\n') {
      EndRow();
    }
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else {
      column_ += (static_cast<unsigned char>(c) & 0xC0) != 0x80;  // characters, not bytes
    }
    ++offset_;
    if (offset_ - cell_start_ > kMaxCellBytes) {
      Fail(fmt::format("field longer than {} bytes, the most a cell can hold", RawField::kMaxLength));
    }
  }
}

// At a delimiter (offset_): the next cell starts just after it.
void CsvStreamCheck::EndField() {
  cell_start_ = offset_ + 1;
  cell_line_ = line_;
  cell_column_ = column_ + 1;
  ++fields_;
  if (fields_ > kMaxCsvColumns) {
    Fail(fmt::format("more than {} fields on one {}, the most ersatz reads", kMaxCsvColumns,
                     header_fields_ == 0 ? "header" : "row"));
  }
  if (header_fields_ > 0 && fields_ > header_fields_ && !skip_bad_rows_) {
    Fail(fmt::format("expected {} fields, found more", header_fields_));
  }
}

// At a line break outside quotes (offset_): the next row starts on the next line.
void CsvStreamCheck::EndRow() {
  if (header_fields_ == 0) header_fields_ = fields_;
  fields_ = 1;
  cell_start_ = last_record_end_ = offset_ + 1;
  cell_line_ = line_ + 1;
  cell_column_ = 1;
}

void CsvStreamCheck::Fail(std::string_view what) const {
  throw DataError(fmt::format("{}:{}:{}: {}", source_, cell_line_, cell_column_, what));
}

}  // namespace ersatz
