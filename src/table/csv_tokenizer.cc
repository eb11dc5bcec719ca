// ParseCsv: one pass over the buffer that records each cell as (offset, length, flags).
// Unquoted cells, the common case, are found by a tight loop over a 256-entry stop table;
// quoted cells jump from quote to quote with memchr. Nothing is allocated per cell except
// collapsed copies of cells with doubled quotes.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstring>
#include <unordered_map>

#include "common/atomic_file.h"
#include "common/system_memory.h"
#include "ersatz/csv.h"
#include "ersatz/error.h"
#include "table/csv_internal.h"
#include "table/csv_stream_check.h"

namespace ersatz {

namespace {

using csv_internal::DescribeByte;

constexpr std::size_t kMaxSkippedExamples = 5;

enum class FieldEnd { kDelimiter, kLineEnd, kFileEnd };

class Tokenizer {
 public:
  Tokenizer(RawTable* table, const CsvReadOptions& options, char delimiter, std::size_t begin,
            CsvReadReport* report)
      : table_(*table),
        options_(options),
        report_(report),
        data_(table->buffer.data()),
        size_(table->buffer.size()),
        pos_(begin),
        delimiter_(delimiter) {
    stop_[static_cast<unsigned char>(delimiter)] = true;
    stop_[static_cast<unsigned char>('\n')] = true;
    delimiter_word_ = kOnes * static_cast<unsigned char>(delimiter);
    for (const std::string& token : options.null_tokens) {
      if (token.size() < 64) null_lengths_ |= std::uint64_t{1} << token.size();
      if (!token.empty()) null_first_[static_cast<unsigned char>(token[0])] = true;
    }
  }

  void ParseHeader() {
    std::vector<RawField> fields;
    FieldEnd end;
    do {
      if (fields.size() == kMaxCsvColumns) {
        throw DataError(fmt::format("{}: more than {} fields on one header, the most ersatz reads",
                                    Where(pos_), kMaxCsvColumns));
      }
      fields.emplace_back();
      end = ParseField(&fields.back());
    } while (end == FieldEnd::kDelimiter);

    std::unordered_map<std::string_view, std::size_t> seen;
    for (std::size_t c = 0; c < fields.size(); ++c) {
      const RawField& f = fields[c];
      const std::string_view name = FieldText(f);
      if (name.empty()) {
        throw DataError(fmt::format("{}: empty column name in header (column {})",
                                    WhereField(f), c + 1));
      }
      const auto [it, inserted] = seen.emplace(name, c);
      if (!inserted) {
        throw DataError(fmt::format("{}: duplicate column name '{}' in header (columns {} and {})",
                                    WhereField(f), name, it->second + 1, c + 1));
      }
      table_.header.emplace_back(name);
    }
    table_.columns.resize(fields.size());
  }

  void ParseRows() {
    const std::size_t num_columns = table_.columns.size();
    ReserveRows();
    while (pos_ < size_) {
      if ((data_[pos_] == '\n' || data_[pos_] == '\r') && OnlyLineBreaksFrom(pos_)) break;
      const std::size_t row_start = pos_;
      std::size_t count = 0;
      FieldEnd end;
      do {
        RawField field;
        end = ParseField(&field);
        if (count < num_columns) table_.columns[count].push_back(field);
        ++count;
      } while (end == FieldEnd::kDelimiter);
      if (count != num_columns) DropRaggedRow(row_start, count);
    }
    if (report_ != nullptr) report_->rows = table_.num_rows();
  }

 private:
  // Parses the cell at pos_ and moves pos_ past its terminator.
  FieldEnd ParseField(RawField* field) {
    if (pos_ < size_ && data_[pos_] == '"') return ParseQuotedField(field);
    const char* start = data_ + pos_;
    const char* end = data_ + size_;
    const char* p = FindStop(start, end);
    std::size_t length = static_cast<std::size_t>(p - start);
    FieldEnd result = FieldEnd::kFileEnd;
    if (p < end) result = *p == delimiter_ ? FieldEnd::kDelimiter : FieldEnd::kLineEnd;
    // A CR ending a line belongs to the line break, not the cell.
    if (result != FieldEnd::kDelimiter && length > 0 && p[-1] == '\r') --length;
    CheckLength(length, pos_);
    *field = RawField(pos_, static_cast<std::uint32_t>(length),
                      IsNullToken(start, length) ? RawField::kNull : 0);
    pos_ = static_cast<std::size_t>(p - data_) + (p < end ? 1 : 0);
    return result;
  }

  FieldEnd ParseQuotedField(RawField* field) {
    const std::size_t open = pos_;
    const char* end = data_ + size_;
    const char* q = data_ + open + 1;
    bool doubled = false;
    while (true) {
      q = static_cast<const char*>(std::memchr(q, '"', static_cast<std::size_t>(end - q)));
      if (q == nullptr) {
        throw DataError(fmt::format("{}: unterminated quoted field (opened here)", Where(open)));
      }
      if (q + 1 < end && q[1] == '"') {
        doubled = true;
        q += 2;
        continue;
      }
      break;
    }
    const std::size_t content = open + 1;
    const std::size_t length = static_cast<std::size_t>(q - data_) - content;
    CheckLength(length, open);
    if (doubled) {
      StoreUnescaped(open, std::string_view(data_ + content, length), field);
    } else {
      *field = RawField(content, static_cast<std::uint32_t>(length), RawField::kQuoted);
    }

    const char* after = q + 1;
    pos_ = static_cast<std::size_t>(after - data_);
    if (after == end) return FieldEnd::kFileEnd;
    if (*after == delimiter_) {
      ++pos_;
      return FieldEnd::kDelimiter;
    }
    if (*after == '\n') {
      ++pos_;
      return FieldEnd::kLineEnd;
    }
    if (*after == '\r' && (after + 1 == end || after[1] == '\n')) {
      pos_ += after + 1 == end ? 1 : 2;
      return FieldEnd::kLineEnd;
    }
    throw DataError(fmt::format("{}: expected {} or end of line after closing quote, found {}",
                                Where(pos_), DescribeByte(delimiter_), DescribeByte(*after)));
  }

  // Copies a quoted cell's text with each "" collapsed to ", remembering where it came from.
  void StoreUnescaped(std::size_t open, std::string_view text, RawField* field) {
    std::string& out = table_.unescaped;
    const std::size_t start = out.size();
    table_.unescaped_origins.emplace_back(start, open);
    for (std::size_t i = 0; i < text.size(); ++i) {
      out.push_back(text[i]);
      if (text[i] == '"') ++i;  // skip the second quote of the pair
    }
    *field = RawField(start, static_cast<std::uint32_t>(out.size() - start),
                      RawField::kQuoted | RawField::kUnescaped);
  }

  // First byte in [p, end) that ends an unquoted cell (the delimiter or '\n'), or end. Eight bytes
  // at a time while they fit: a byte of word ^ pattern is zero where it matches, and the lowest
  // byte flagged by the has-zero-byte test is always a true match.
  const char* FindStop(const char* p, const char* end) const {
    if constexpr (std::endian::native == std::endian::little) {
      constexpr std::uint64_t kNewlines = kOnes * '\n';
      while (end - p >= 8) {
        std::uint64_t word;
        std::memcpy(&word, p, 8);
        const std::uint64_t hits = ZeroBytes(word ^ delimiter_word_) | ZeroBytes(word ^ kNewlines);
        if (hits != 0) return p + (__builtin_ctzll(hits) >> 3);
        p += 8;
      }
    }
    while (p < end && !stop_[static_cast<unsigned char>(*p)]) ++p;
    return p;
  }

  static std::uint64_t ZeroBytes(std::uint64_t x) {
    return (x - kOnes) & ~x & (kOnes << 7);
  }

  bool IsNullToken(const char* start, std::size_t length) const {
    if (length >= 64 || ((null_lengths_ >> length) & 1) == 0) return false;
    // Numbers never start like a token: one lookup rules them out.
    if (length > 0 && !null_first_[static_cast<unsigned char>(start[0])]) return false;
    for (const std::string& token : options_.null_tokens) {
      // Numbers of the same length as a token are common: the first byte rules most out cheaply.
      if (token.size() == length &&
          (length == 0 || (token[0] == start[0] && std::memcmp(token.data(), start, length) == 0))) {
        return true;
      }
    }
    return false;
  }

  bool OnlyLineBreaksFrom(std::size_t pos) const {
    for (; pos < size_; ++pos) {
      if (data_[pos] != '\n' && data_[pos] != '\r') return false;
    }
    return true;
  }

  void CheckLength(std::size_t length, std::size_t start) const {
    if (length > RawField::kMaxLength) {
      throw DataError(fmt::format("{}: field longer than {} bytes, the most a cell can hold",
                                  Where(start), RawField::kMaxLength));
    }
  }

  void DropRaggedRow(std::size_t row_start, std::size_t count) {
    const std::size_t num_columns = table_.columns.size();
    std::string message = fmt::format("{}: expected {} fields, found {}", Where(row_start),
                                      num_columns, count);
    if (!options_.skip_bad_rows) throw DataError(message);
    for (std::size_t c = 0; c < std::min(count, num_columns); ++c) table_.columns[c].pop_back();
    if (report_ != nullptr) {
      ++report_->skipped_rows;
      if (report_->skipped_examples.size() < kMaxSkippedExamples) {
        report_->skipped_examples.push_back(std::move(message));
      }
    }
  }

  // Estimates the row count from the first 64 KiB so column vectors grow once, not log(n) times.
  void ReserveRows() {
    const std::size_t remaining = size_ - pos_;
    const std::size_t sample = std::min<std::size_t>(remaining, 64 * 1024);
    const std::size_t newlines =
        static_cast<std::size_t>(std::count(data_ + pos_, data_ + pos_ + sample, '\n'));
    std::size_t estimate = newlines + 1;
    if (sample < remaining && newlines > 0) {
      estimate = static_cast<std::size_t>(static_cast<double>(remaining) / sample * newlines * 1.05);
    }
    // Each row needs at least one byte per column, which bounds a bad estimate.
    estimate = std::min(estimate, remaining / std::max<std::size_t>(1, table_.columns.size()) + 1);
    for (auto& column : table_.columns) column.reserve(estimate);
  }

  std::string_view FieldText(const RawField& f) const {
    const std::string& bytes = (f.flags() & RawField::kUnescaped) ? table_.unescaped : table_.buffer;
    return std::string_view(bytes.data() + f.offset(), f.length());
  }

  std::string WhereField(const RawField& f) const {
    return Where(csv_internal::SourceOffset(table_, f));
  }

  std::string Where(std::size_t offset) const {
    return csv_internal::WhereOffset(table_, offset);
  }

  RawTable& table_;
  const CsvReadOptions& options_;
  CsvReadReport* report_;
  const char* data_;
  std::size_t size_;
  std::size_t pos_;
  char delimiter_;
  static constexpr std::uint64_t kOnes = 0x0101010101010101ull;

  std::array<bool, 256> stop_{};
  std::uint64_t delimiter_word_ = 0;  // the delimiter in each byte
  std::uint64_t null_lengths_ = 0;  // bit k set: some null token has length k
  std::array<bool, 256> null_first_{};  // some null token starts with this byte
};

}  // namespace

RawTable ParseCsv(std::string bytes, std::string source, const CsvReadOptions& options,
                  CsvReadReport* report) {
  if (options.delimiter == '"' || options.delimiter == '\n' || options.delimiter == '\r') {
    throw ParameterError(fmt::format("CSV delimiter cannot be {}", DescribeByte(options.delimiter)));
  }
  RawTable table;
  table.source = std::move(source);
  table.header_lines = options.header_lines;
  table.line_shift = options.line_shift;
  table.buffer = std::move(bytes);
  const std::string_view buffer = table.buffer;
  if (report != nullptr) {
    *report = CsvReadReport();
    report->bytes = buffer.size();
  }
  if (buffer.size() > RawField::kMaxOffset) {
    throw DataError(fmt::format("{}: file larger than {} bytes, the most the reader can address",
                                table.source, RawField::kMaxOffset));
  }

  const std::size_t bad = csv_internal::FindInvalidUtf8(buffer);
  if (bad != std::string_view::npos) {
    throw DataError(fmt::format("{}: invalid UTF-8 byte 0x{:02x}",
                                csv_internal::WhereOffset(table, bad),
                                static_cast<unsigned char>(buffer[bad])));
  }
  const std::size_t nul = buffer.find('\0');
  if (nul != std::string_view::npos) {
    throw DataError(fmt::format("{}: NUL byte: a binary file, expected CSV text",
                                csv_internal::WhereOffset(table, nul)));
  }
  const std::size_t begin = buffer.starts_with(csv_internal::kUtf8Bom) ? csv_internal::kUtf8Bom.size() : 0;
  if (buffer.find_first_not_of("\r\n", begin) == std::string_view::npos) {
    throw DataError(fmt::format("{}: empty file: expected a header row", table.source));
  }
  const char delimiter =
      options.delimiter != 0 ? options.delimiter : csv_internal::DetectDelimiter(buffer.substr(begin));
  if (report != nullptr) report->delimiter = delimiter;

  Tokenizer tokenizer(&table, options, delimiter, begin, report);
  tokenizer.ParseHeader();
  tokenizer.ParseRows();
  return table;
}

RawTable ReadCsvRaw(const std::string& path, const CsvReadOptions& options, CsvReadReport* report) {
  CsvStreamCheck check(path, options);
  auto check_stream = [&](std::string_view read, std::size_t from) { check.Feed(read.substr(from)); };
  // The whole table is held in memory (the bytes, a field per cell, then typed columns: about
  // three times the file), so a file, or a stream without end, is refused past what fits.
  const bool by_memory = options.max_bytes == 0;
  const std::size_t max_bytes =
      std::min<std::size_t>(RawField::kMaxOffset, by_memory ? AvailableMemory() / 3 : options.max_bytes);
  const std::string_view why =
      by_memory ? " on this machine (a third of its memory: tables are read whole; ERSATZ_MEMORY "
                  "sets the memory)"
                : "";
  return ParseCsv(ReadFile(path, {.max_bytes = max_bytes, .what = "CSV file", .why = why,
                                  .check_unannounced = check_stream}),
                  path, options, report);
}

}  // namespace ersatz
