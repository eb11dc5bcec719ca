// libFuzzer target: ParseCsv on arbitrary bytes must either throw an ersatz::Error or return a
// table whose cells all lie inside its buffers and whose columns all have the same length.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "ersatz/csv.h"
#include "ersatz/error.h"

namespace {

void Check(bool ok) {
  if (!ok) std::abort();
}

void CheckTable(const ersatz::RawTable& t) {
  Check(t.columns.size() == t.header.size());
  for (const auto& column : t.columns) Check(column.size() == t.num_rows());
  for (std::size_t c = 0; c < t.columns.size(); ++c) {
    for (std::size_t r = 0; r < t.num_rows(); ++r) {
      const ersatz::RawField& f = t.columns[c][r];
      const std::string& bytes = (f.flags() & ersatz::RawField::kUnescaped) ? t.unescaped : t.buffer;
      Check(f.offset() <= bytes.size() && f.length() <= bytes.size() - f.offset());
      const std::string_view text = t.Field(c, r);
      Check(text.data() >= bytes.data() && text.data() + text.size() <= bytes.data() + bytes.size());
      // A null is always an unquoted cell.
      Check(!((f.flags() & ersatz::RawField::kNull) && (f.flags() & ersatz::RawField::kQuoted)));
    }
  }
  if (t.num_rows() > 0) {
    const auto pos = t.PositionOf(t.columns.size() - 1, t.num_rows() - 1);
    Check(pos.line >= 2 && pos.column >= 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ersatz::CsvReadOptions options;
  options.skip_bad_rows = size > 0 && (data[0] & 1);  // exercise both paths
  ersatz::CsvReadReport report;
  try {
    const ersatz::RawTable t =
        ersatz::ParseCsv(std::string(reinterpret_cast<const char*>(data), size), "fuzz.csv", options,
                         &report);
    CheckTable(t);
    Check(report.rows == t.num_rows());
  } catch (const ersatz::Error&) {
    // Malformed input is expected; only crashes and broken invariants are bugs.
  }
  return 0;
}
