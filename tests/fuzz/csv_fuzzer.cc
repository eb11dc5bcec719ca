// libFuzzer target: ParseCsv on arbitrary bytes must either throw an ersatz::Error or return a
// table whose cells all lie inside its buffers and whose columns all have the same length. The
// table is then typed twice, adopting the numbers inference parsed (ReadCsv's path) and parsing
// every cell again (the public BuildTable): both must give the same columns, bit for bit.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include <cstring>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/error.h"
#include "ersatz/profile.h"
#include "profile/parsed_numbers.h"

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

void CheckSameTyping(const ersatz::RawTable& t) {
  ersatz::Table adopted, reparsed;
  try {
    std::vector<ersatz::ParsedNumbers> parsed;
    const ersatz::Metadata schema = ersatz::InferSchema(t, nullptr, &parsed);
    adopted = ersatz::BuildTable(t, schema, &parsed);
  } catch (const ersatz::Error&) {
    adopted = ersatz::Table();
  }
  try {
    reparsed = ersatz::BuildTable(t, ersatz::InferSchema(t));
  } catch (const ersatz::Error&) {
    reparsed = ersatz::Table();
  }
  Check(adopted.num_columns() == reparsed.num_columns() && adopted.num_rows() == reparsed.num_rows());
  for (std::size_t c = 0; c < adopted.num_columns(); ++c) {
    const ersatz::Column& a = adopted.column(c);
    const ersatz::Column& b = reparsed.column(c);
    Check(a.kind() == b.kind() && a.null_count() == b.null_count());
    Check(a.float_decimals() == b.float_decimals());
    for (std::size_t r = 0; r < a.size(); ++r) Check(a.IsNull(r) == b.IsNull(r));
    Check(a.integers().size() == b.integers().size() && a.floats().size() == b.floats().size());
    Check(a.integers().empty() ||
          std::memcmp(a.integers().data(), b.integers().data(), a.integers().size_bytes()) == 0);
    Check(a.floats().empty() ||
          std::memcmp(a.floats().data(), b.floats().data(), a.floats().size_bytes()) == 0);
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
    CheckSameTyping(t);
  } catch (const ersatz::Error&) {
    // Malformed input is expected; only crashes and broken invariants are bugs.
  }
  return 0;
}
