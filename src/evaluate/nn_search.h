// Nearest-neighbour distances without a distance matrix: queries are compared with blocks of
// 8 points at a time and only the two smallest distances per query are kept, so memory is
// O(queries + points) however many pairs there are. Threads split the queries; every query's
// answer is computed in the same order whatever the thread count, so results do not depend on it.
#pragma once

#include <cstddef>
#include <span>
#include <vector>

namespace ersatz::evaluate {

// Rows of `dims` coordinates scaled so that the distance between two rows is
//   Σ_c min(|a_c − b_c|, 1):
// numeric values divided by the column's range, categories as integer codes (any two different
// codes are ≥ 1 apart, so they count 1), nulls as kNullCoordinate (1 from any value, 0 from
// another null). Stored column-major, padded to a multiple of 8 rows.
class PointSet {
 public:
  static constexpr float kNullCoordinate = 1e9f;

  PointSet(std::size_t dims, std::size_t rows);
  std::size_t dims() const { return dims_; }
  std::size_t rows() const { return rows_; }
  std::size_t stride() const { return stride_; }
  float& at(std::size_t row, std::size_t dim) { return data_[dim * stride_ + row]; }
  float at(std::size_t row, std::size_t dim) const { return data_[dim * stride_ + row]; }
  const float* column(std::size_t dim) const { return data_.data() + dim * stride_; }

 private:
  std::size_t dims_, rows_, stride_;
  std::vector<float> data_;
};

struct TwoNearest {
  float first;   // smallest distance (sum over coordinates, not yet averaged)
  float second;  // second smallest (+inf when `points` has one row)
};

// For every query row, its two smallest distances to the rows of `points`.
// `threads` 0 uses OpenMP's default.
std::vector<TwoNearest> FindTwoNearest(const PointSet& queries, const PointSet& points,
                                       int threads = 0);

}  // namespace ersatz::evaluate
