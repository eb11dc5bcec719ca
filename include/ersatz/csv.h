// CSV input and output (RFC 4180 plus the habits of real files: BOM, CRLF, other delimiters).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "ersatz/table.h"

namespace ersatz {

class Metadata;

// The most columns a CSV may have: a wider header is refused while it is read.
inline constexpr std::size_t kMaxCsvColumns = 65536;

// Cells equal to one of these (unquoted, exact match) are missing values.
std::vector<std::string> DefaultNullTokens();  // "", "NA", "N/A", "NULL", "null", "NaN", "#N/A"

struct CsvReadOptions {
  char delimiter = 0;  // 0: detect among ',' ';' '\t' '|' from the first lines
  std::vector<std::string> null_tokens = DefaultNullTokens();
  // Rows with the wrong number of fields are dropped and counted instead of failing the read.
  bool skip_bad_rows = false;
  // For readers that parse a large file in parts, each part behind a copy of the header: lines of
  // the bytes after the first `header_lines` are reported `line_shift` lines further on, so error
  // messages name the file's own line numbers.
  std::size_t header_lines = 1;
  std::size_t line_shift = 0;
  // The most bytes a file may hold (0: a third of the memory ersatz may use, since reading takes
  // about three times a file's size, and a pipe that never ends must fail before exhausting it).
  std::size_t max_bytes = 0;
};

struct CsvReadReport {
  std::size_t bytes = 0;
  std::size_t rows = 0;          // data rows kept
  std::size_t skipped_rows = 0;  // ragged rows dropped by skip_bad_rows
  std::vector<std::string> skipped_examples;  // the first few skipped rows' messages
  char delimiter = ',';
};

// One cell of a parsed-but-untyped CSV. The bytes live in RawTable::buffer, or in
// RawTable::unescaped when the cell held doubled quotes that had to be collapsed.
// Packed into 8 bytes (40-bit offset, 21-bit length, 3 flag bits) because a file has one per
// cell: 136 M of them for 1 GB of numbers, where 16 bytes each cost more page faults than parsing.
class RawField {
 public:
  static constexpr std::uint8_t kQuoted = 1;     // the cell was written in quotes
  static constexpr std::uint8_t kNull = 2;       // unquoted and equal to a null token
  static constexpr std::uint8_t kUnescaped = 4;  // bytes are in `unescaped`, not `buffer`
  static constexpr std::uint64_t kMaxOffset = (std::uint64_t{1} << 40) - 1;  // 1 TiB
  static constexpr std::uint32_t kMaxLength = (std::uint32_t{1} << 21) - 1;  // 2 MiB - 1 byte

  RawField() = default;
  // The caller checks the limits (ParseCsv reports a longer cell or larger file as a DataError).
  RawField(std::uint64_t offset, std::uint32_t length, std::uint8_t flags)
      : bits_(offset | (std::uint64_t{length} << 40) | (std::uint64_t{flags} << 61)) {}

  std::uint64_t offset() const { return bits_ & kMaxOffset; }
  std::uint32_t length() const { return static_cast<std::uint32_t>(bits_ >> 40) & kMaxLength; }
  std::uint8_t flags() const { return static_cast<std::uint8_t>(bits_ >> 61); }

 private:
  std::uint64_t bits_ = 0;
};

// The CSV split into cells, before any typing. The buffer is kept as read so that errors
// found later (a value that does not fit its column's type) can name the exact line and column.
struct RawTable {
  std::string source;    // file name used in messages
  std::size_t header_lines = 1;  // see CsvReadOptions::line_shift
  std::size_t line_shift = 0;
  std::string buffer;    // the file's bytes, untouched
  std::string unescaped; // collapsed copies of cells with doubled quotes
  // For each kUnescaped cell, in order: where its copy starts in `unescaped` and where the cell
  // (its opening quote) starts in `buffer`, so that PositionOf can still name it.
  std::vector<std::pair<std::uint64_t, std::uint64_t>> unescaped_origins;
  std::vector<std::string> header;
  std::vector<std::vector<RawField>> columns;  // columns[c][r]
  std::size_t num_rows() const { return columns.empty() ? 0 : columns.front().size(); }
  std::string_view Field(std::size_t col, std::size_t row) const;
  // 1-based line and column (in characters) of a cell's first byte in the source file.
  struct Position {
    std::size_t line;
    std::size_t column;
  };
  Position PositionOf(std::size_t col, std::size_t row) const;
  // "file:line:col" for messages.
  std::string Where(std::size_t col, std::size_t row) const;
};

// Splits CSV text into cells. Throws DataError naming source, line and column for invalid
// UTF-8, a NUL byte (a binary file), a header wider than kMaxCsvColumns, an unterminated quote, characters after a closing quote, an empty file, empty or
// duplicate header names, a field longer than RawField::kMaxLength (2 MiB), a file larger than
// RawField::kMaxOffset (1 TiB) and (unless skip_bad_rows) rows with the wrong number of fields;
// ParameterError for a delimiter that cannot be one ('"', CR, LF).
// Blank lines at the end are ignored; a blank line elsewhere is a row of one empty field.
RawTable ParseCsv(std::string bytes, std::string source, const CsvReadOptions& options,
                  CsvReadReport* report = nullptr);
// Reads the file and parses it; IoError when it cannot be read. A pipe, FIFO or device is checked
// as it is read (table/csv_stream_check.h), so an endless one fails after a bounded read.
RawTable ReadCsvRaw(const std::string& path, const CsvReadOptions& options,
                    CsvReadReport* report = nullptr);

// Types parsed cells: column kinds come from `metadata` where it names the column, otherwise from
// type inference; `schema_out` receives the decided types. What ReadCsv does after the read, for
// callers that look at or rewrite the raw cells first (profile, `fit --transform`).
Table TypeRawTable(const RawTable& raw, const Metadata* metadata = nullptr,
                   Metadata* schema_out = nullptr);

// Reads and types a CSV file: column kinds come from `metadata` where it names the column,
// otherwise from type inference (include/ersatz/profile.h). `schema_out` receives the decided
// types (identifiers included), which the generator needs.
Table ReadCsv(const std::string& path, const CsvReadOptions& options = {},
              const Metadata* metadata = nullptr, CsvReadReport* report = nullptr,
              Metadata* schema_out = nullptr);

struct CsvWriteOptions {
  char delimiter = ',';
  bool crlf = false;
};

// Appends the CSV text of `table` (header if `header`) to `out`. Values that would not read back
// as themselves (containing the delimiter, quotes, line breaks, surrounding spaces, or equal to a
// null token) are quoted; nulls are written as empty cells.
void FormatCsv(const Table& table, const CsvWriteOptions& options, bool header, std::string* out);

// Writes `table` to `path` through a temporary file renamed at the end: a failure never leaves
// a partial file and never clobbers an existing one.
void WriteCsv(const Table& table, const std::string& path, const CsvWriteOptions& options = {});

}  // namespace ersatz
