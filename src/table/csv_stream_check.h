// Checks CSV bytes as they arrive from a source that may never end (a pipe, a FIFO, /dev/zero), so
// that hostile input fails after a bounded read instead of after reading all of it. It applies
// the limits ParseCsv applies to a whole buffer, loosely enough never to refuse what ParseCsv
// accepts: a NUL byte (a binary file), a cell longer than RawField::kMaxLength, a header or row of
// more than kMaxCsvColumns fields and, unless bad rows are skipped, a row with more fields than
// the header. ParseCsv still checks everything exactly once the bytes are in.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "ersatz/csv.h"

namespace ersatz {

class CsvStreamCheck {
 public:
  CsvStreamCheck(std::string source, const CsvReadOptions& options);

  // The next bytes of the stream, in order. Throws DataError naming the source, line and column.
  void Feed(std::string_view bytes);
  // Stream offset just past the last line break outside quotes (0 before the first).
  std::uint64_t last_record_end() const { return last_record_end_; }

 private:
  void Scan(std::string_view bytes);
  void EndField();
  void EndRow();
  [[noreturn]] void Fail(std::string_view what) const;

  std::string source_;
  char delimiter_;
  bool skip_bad_rows_;
  std::string prefix_;  // the first bytes, kept until the delimiter can be detected from them
  bool prefix_quotes_ = false;  // inside quotes at the end of prefix_
  std::uint64_t offset_ = 0;  // stream offset of the next byte scanned
  bool in_quotes_ = false;
  std::uint64_t cell_start_ = 0;
  std::uint64_t cell_line_ = 1, cell_column_ = 1;  // where the current cell starts, for messages
  std::uint64_t line_ = 1, column_ = 1;          // of the next byte
  std::size_t fields_ = 1;                      // in the current row, the current one included
  std::size_t header_fields_ = 0;               // 0 until the header ends
  std::uint64_t last_record_end_ = 0;
};

}  // namespace ersatz
