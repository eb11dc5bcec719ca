#include "privacy/filter/row_hashes.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cmath>

#include "common/random.h"
#include "ersatz/error.h"

namespace ersatz::privacy {
namespace {

constexpr double kMicrosPerDay = 86400e6;
constexpr double kRelativeWidth[3] = {0, 0.01, 0.05};
constexpr double kDateWidthDays[3] = {0, 7, 28};

enum Tag : std::uint32_t { kNull = 1, kCell = 2, kNumber = 3, kBoolean = 4, kString = 5 };

// FNV-1a: a stable, platform-independent digest of the bytes before the keyed mix.
std::uint64_t Fnv1a(std::string_view s) {
  std::uint64_t h = 0xcbf29ce484222325ull;
  for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
  return h;
}

double PercentileOf(std::vector<double>& v, double q) {
  const auto at = static_cast<std::size_t>(q * static_cast<double>(v.size() - 1));
  std::nth_element(v.begin(), v.begin() + static_cast<long>(at), v.end());
  return v[at];
}

using Key = std::array<std::uint32_t, 2>;

std::uint64_t CellHash(std::uint64_t value, std::size_t column, Tag tag, int g, const Key& key) {
  const auto words = Philox4x32(
      {static_cast<std::uint32_t>(value), static_cast<std::uint32_t>(value >> 32),
       static_cast<std::uint32_t>(column), static_cast<std::uint32_t>(tag) | (std::uint32_t(g) << 8)},
      key);
  return (std::uint64_t{words[0]} << 32) | words[1];
}

// Adds the hash of every cell of `column` (column `c` of the hasher, cut into cells of `width`
// when it holds numbers) to rows[r]. A category's hash depends on its text only, so it is
// computed once per category of the batch, not once per row.
void AddColumnHashes(const Column& column, std::size_t c, double width, int g, const Key& key,
                     std::span<std::uint64_t> rows) {
  const std::size_t n = rows.size();
  const std::uint64_t null_hash = CellHash(0, c, kNull, g, key);
  auto string_hash = [&](std::string_view s) { return CellHash(Fnv1a(s), c, kString, g, key); };
  switch (column.kind()) {
    case ColumnKind::kInteger:
    case ColumnKind::kDatetime:
    case ColumnKind::kFloat: {
      const bool floats = column.kind() == ColumnKind::kFloat;
      const Tag tag = width > 0 ? kCell : kNumber;
      // Values repeat (ages, counts, cells): a direct-mapped memo of value → hash saves most of
      // the Philox calls.
      struct Memo {
        std::uint64_t value = 0, hash = 0;
        bool set = false;
      };
      std::array<Memo, 256> memo;
      for (std::size_t r = 0; r < n; ++r) {
        if (column.IsNull(r)) {
          rows[r] += null_hash;
          continue;
        }
        // Integers and floats hash alike, so a column's kind does not change its hashes.
        const double x = floats ? column.floats()[r] : static_cast<double>(column.integers()[r]);
        const std::uint64_t value =
            width > 0 ? static_cast<std::uint64_t>(static_cast<std::int64_t>(
                            std::clamp(std::floor(x / width), -9e18, 9e18)))
                      : std::bit_cast<std::uint64_t>(x == 0 ? 0.0 : x);
        Memo& m = memo[(value * 0x9E3779B97F4A7C15ull) >> 56];
        if (!m.set || m.value != value) m = {value, CellHash(value, c, tag, g, key), true};
        rows[r] += m.hash;
      }
      break;
    }
    case ColumnKind::kBoolean: {
      const std::uint64_t by_value[2] = {CellHash(0, c, kBoolean, g, key),
                                         CellHash(1, c, kBoolean, g, key)};
      for (std::size_t r = 0; r < n; ++r) {
        rows[r] += column.IsNull(r) ? null_hash : by_value[column.booleans()[r] != 0];
      }
      break;
    }
    case ColumnKind::kCategorical: {
      // Filled on first use: a dictionary may be larger than the batch.
      std::vector<std::uint64_t> by_code(column.categories().size());
      std::vector<std::uint8_t> known(by_code.size(), 0);
      const std::span<const std::int32_t> codes = column.codes();
      for (std::size_t r = 0; r < n; ++r) {
        if (column.IsNull(r)) {
          rows[r] += null_hash;
        } else if (codes[r] < 0) {
          rows[r] += string_hash(column.text(r));
        } else {
          const auto code = static_cast<std::size_t>(codes[r]);
          if (!known[code]) by_code[code] = string_hash(column.categories()[code]), known[code] = 1;
          rows[r] += by_code[code];
        }
      }
      break;
    }
    case ColumnKind::kText:
      for (std::size_t r = 0; r < n; ++r) {
        rows[r] += column.IsNull(r) ? null_hash : string_hash(column.text(r));
      }
      break;
  }
}

}  // namespace

std::vector<HashedColumn> FitHashedColumns(const Table& training,
                                           std::span<const std::string> column_names) {
  std::vector<HashedColumn> out;
  for (const std::string& name : column_names) {
    const int index = training.FindColumn(name);
    if (index < 0) throw DataError(fmt::format("the table has no column '{}'", name));
    const Column& column = training.column(static_cast<std::size_t>(index));
    HashedColumn h{name, {0, 0, 0}};
    if (column.kind() == ColumnKind::kDatetime) {
      for (int g = 1; g < 3; ++g) h.width[g] = kDateWidthDays[g] * kMicrosPerDay;
    } else if (column.kind() == ColumnKind::kInteger || column.kind() == ColumnKind::kFloat) {
      std::vector<double> values;
      for (std::size_t r = 0; r < column.size(); ++r) {
        if (column.IsNull(r)) continue;
        values.push_back(column.kind() == ColumnKind::kFloat
                             ? column.floats()[r]
                             : static_cast<double>(column.integers()[r]));
      }
      double spread = 1;
      if (!values.empty()) {
        const auto [lo, hi] = std::minmax_element(values.begin(), values.end());
        const double range = *hi - *lo;
        spread = PercentileOf(values, 0.99) - PercentileOf(values, 0.01);
        if (!(spread > 0)) spread = range > 0 ? range : 1;
      }
      for (int g = 1; g < 3; ++g) h.width[g] = kRelativeWidth[g] * spread;
    }
    out.push_back(std::move(h));
  }
  return out;
}

RowHasher::RowHasher(std::vector<HashedColumn> columns, std::uint64_t key)
    : columns_(std::move(columns)), key_(key) {}

std::vector<std::uint64_t> RowHasher::Hash(const Table& table, Granularity g) const {
  std::vector<std::uint64_t> rows(table.num_rows(), 0);
  const Key key = {static_cast<std::uint32_t>(key_), static_cast<std::uint32_t>(key_ >> 32)};
  const int gi = static_cast<int>(g);
  for (std::size_t c = 0; c < columns_.size(); ++c) {
    const int index = table.FindColumn(columns_[c].name);
    if (index < 0) throw DataError(fmt::format("the rows have no column '{}'", columns_[c].name));
    AddColumnHashes(table.column(static_cast<std::size_t>(index)), c, columns_[c].width[gi], gi, key,
                    rows);
  }
  return rows;
}

}  // namespace ersatz::privacy
