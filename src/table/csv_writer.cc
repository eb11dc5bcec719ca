// FormatCsv / WriteCsv: a Table back to CSV text that ParseCsv reads as the same cells.
#include <fmt/format.h>

#include <array>

#include "common/atomic_file.h"
#include "ersatz/csv.h"
#include "ersatz/error.h"

namespace ersatz {

namespace {

// WriteCsv hands the file this much text at a time instead of building one giant string.
constexpr std::size_t kChunkBytes = 4 << 20;

class CsvFormatter {
 public:
  CsvFormatter(const Table& table, const CsvWriteOptions& options)
      : table_(table),
        delimiter_(options.delimiter),
        line_end_(options.crlf ? "\r\n" : "\n"),
        null_tokens_(DefaultNullTokens()) {
    const char d = options.delimiter;
    if (d == '"' || d == '\r' || d == '\n' || d == 0) {
      throw ParameterError(fmt::format("CSV delimiter cannot be byte 0x{:02x}",
                                       static_cast<unsigned char>(d)));
    }
    special_[static_cast<unsigned char>(d)] = true;
    special_[static_cast<unsigned char>('"')] = true;
    special_[static_cast<unsigned char>('\r')] = true;
    special_[static_cast<unsigned char>('\n')] = true;
    // In a one-column file an empty line cannot be told from a blank one, which the reader
    // skips at the end of a file: spell nulls there with a null token instead.
    null_text_ = table.num_columns() == 1 ? "NA" : "";
  }

  void AppendHeader(std::string* out) {
    for (std::size_t c = 0; c < table_.num_columns(); ++c) {
      if (c > 0) out->push_back(delimiter_);
      AppendCell(table_.column(c).name(), out);
    }
    out->append(line_end_);
  }

  void AppendRow(std::size_t row, std::string* out) {
    for (std::size_t c = 0; c < table_.num_columns(); ++c) {
      if (c > 0) out->push_back(delimiter_);
      const Column& column = table_.column(c);
      if (column.IsNull(row)) {
        out->append(null_text_);
        continue;
      }
      value_.clear();
      column.FormatValueTo(row, &value_);
      AppendCell(value_, out);
    }
    out->append(line_end_);
  }

 private:
  void AppendCell(std::string_view value, std::string* out) {
    if (!NeedsQuotes(value)) {
      out->append(value);
      return;
    }
    out->push_back('"');
    for (const char ch : value) {
      if (ch == '"') out->push_back('"');
      out->push_back(ch);
    }
    out->push_back('"');
  }

  // True when the bare text would not read back as itself.
  bool NeedsQuotes(std::string_view value) const {
    if (value.empty()) return true;  // bare, it would be a null
    if (IsSpace(value.front()) || IsSpace(value.back())) return true;
    for (const char ch : value) {
      if (special_[static_cast<unsigned char>(ch)]) return true;
    }
    for (const std::string& token : null_tokens_) {
      if (value == token) return true;
    }
    return false;
  }

  static bool IsSpace(char c) { return c == ' ' || c == '\t'; }

  const Table& table_;
  char delimiter_;
  std::string_view line_end_;
  std::string_view null_text_;
  std::vector<std::string> null_tokens_;
  std::array<bool, 256> special_{};
  std::string value_;  // scratch for one formatted value
};

}  // namespace

void FormatCsv(const Table& table, const CsvWriteOptions& options, bool header, std::string* out) {
  CsvFormatter formatter(table, options);
  if (header) formatter.AppendHeader(out);
  for (std::size_t row = 0; row < table.num_rows(); ++row) formatter.AppendRow(row, out);
}

void WriteCsv(const Table& table, const std::string& path, const CsvWriteOptions& options) {
  CsvFormatter formatter(table, options);
  AtomicOutputFile file(path);
  std::string chunk;
  chunk.reserve(kChunkBytes + (64 << 10));
  formatter.AppendHeader(&chunk);
  for (std::size_t row = 0; row < table.num_rows(); ++row) {
    formatter.AppendRow(row, &chunk);
    if (chunk.size() >= kChunkBytes) {
      file.Write(chunk);
      chunk.clear();
    }
  }
  file.Write(chunk);
  file.Commit();
}

}  // namespace ersatz
