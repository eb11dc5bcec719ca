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

void RowHasher::Hash(const Table& table, Granularity g, std::vector<std::uint64_t>* cells,
                     std::vector<std::uint64_t>* rows) const {
  const std::size_t n = table.num_rows(), m = columns_.size();
  cells->assign(n * m, 0);
  rows->assign(n, 0);
  const std::array<std::uint32_t, 2> key = {static_cast<std::uint32_t>(key_),
                                            static_cast<std::uint32_t>(key_ >> 32)};
  const int gi = static_cast<int>(g);
  for (std::size_t c = 0; c < m; ++c) {
    const int index = table.FindColumn(columns_[c].name);
    if (index < 0) throw DataError(fmt::format("the rows have no column '{}'", columns_[c].name));
    const Column& column = table.column(static_cast<std::size_t>(index));
    const double width = columns_[c].width[gi];
    for (std::size_t r = 0; r < n; ++r) {
      std::uint64_t value = 0;
      Tag tag = kNull;
      if (!column.IsNull(r)) {
        switch (column.kind()) {
          case ColumnKind::kInteger:
          case ColumnKind::kDatetime:
          case ColumnKind::kFloat: {
            // Integers and floats hash alike, so a column's kind does not change its hashes.
            double x = column.kind() == ColumnKind::kFloat ? column.floats()[r]
                                                           : static_cast<double>(column.integers()[r]);
            if (width > 0) {
              tag = kCell;
              value = static_cast<std::uint64_t>(
                  static_cast<std::int64_t>(std::clamp(std::floor(x / width), -9e18, 9e18)));
            } else {
              tag = kNumber;
              value = std::bit_cast<std::uint64_t>(x == 0 ? 0.0 : x);
            }
            break;
          }
          case ColumnKind::kBoolean:
            tag = kBoolean;
            value = column.booleans()[r];
            break;
          case ColumnKind::kCategorical:
          case ColumnKind::kText:
            tag = kString;
            value = Fnv1a(column.text(r));
            break;
        }
      }
      const auto words = Philox4x32(
          {static_cast<std::uint32_t>(value), static_cast<std::uint32_t>(value >> 32),
           static_cast<std::uint32_t>(c), static_cast<std::uint32_t>(tag) | (std::uint32_t(gi) << 8)},
          key);
      const std::uint64_t h = (std::uint64_t{words[0]} << 32) | words[1];
      (*cells)[r * m + c] = h;
      (*rows)[r] += h;
    }
  }
}

}  // namespace ersatz::privacy
