// Keyed 64-bit hashes of table rows, exact or with numbers and dates cut into cells, so a privacy
// filter can recognise copies and near-copies of training rows without storing the rows.
//
// A row's hash is the sum (mod 2^64) of one keyed hash per cell (so "the row without column c" is
// one subtraction away, should a check need it). Cell hashes are Philox4x32-10 (a keyed
// bijection) of the cell's value, column index and granularity, under a 64-bit key drawn per
// model. Model files store these hashes: how a cell is hashed must never change.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "ersatz/table.h"

namespace ersatz::privacy {

enum class Granularity { kExact = 0, kMedium = 1, kHigh = 2 };

// How one column is compared. Numbers and dates fall into cells of `width[g]` (0: compared
// exactly); categories, booleans and text always compare exactly.
struct HashedColumn {
  std::string name;
  double width[3] = {0, 0, 0};
};

// Cell widths from the training data: numbers 1% (medium) and 5% (high) of the spread between
// their 1st and 99th percentiles (the full range when those coincide), dates a week and 4 weeks.
std::vector<HashedColumn> FitHashedColumns(const Table& training,
                                           std::span<const std::string> column_names);

class RowHasher {
 public:
  RowHasher(std::vector<HashedColumn> columns, std::uint64_t key);

  // The hash of every row of `table` at granularity `g`. Columns are found by name (DataError
  // when one is missing).
  std::vector<std::uint64_t> Hash(const Table& table, Granularity g) const;

  const std::vector<HashedColumn>& columns() const { return columns_; }
  std::uint64_t key() const { return key_; }

 private:
  std::vector<HashedColumn> columns_;
  std::uint64_t key_;
};

}  // namespace ersatz::privacy
