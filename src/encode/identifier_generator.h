// Identifier columns (unique keys) are not learned: they are regenerated as unique values shaped
// like the originals (identifier_shape.h; docs/identifiers.md). A counter — one number that grows
// along the rows, or along a datetime column of the table — stays a counter: generated ids count
// from the same start with the same mean step, in row order or in the order of the generated
// dates (identifier_order.h gives out those positions while sampling). Other ids fill their shape
// with a bijective permutation of the row number, so they are unique.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "encode/encoder.h"
#include "encode/identifier_shape.h"

namespace ersatz::encode {

class IdentifierGenerator {
 public:
  enum class Order {
    kNone,      // no order: a permutation of the shape's values
    kRows,      // a counter growing with the row number
    kDatetime,  // a counter growing with `order_column()`, a datetime column
  };

  // Learns the shape of `column`, and whether it counts along the rows or along one of the
  // datetime columns of `table` (not under differential privacy: the order needs the dates'
  // quantiles, which would be a release of the data).
  IdentifierGenerator(const Column& column, const Table& table, const EncodeOptions& options);
  explicit IdentifierGenerator(const nlohmann::json& json);

  const ColumnShape& shape() const { return shape_; }
  const std::vector<IdSegment>& segments() const { return speller_.segments(); }
  Order order() const { return order_; }
  const std::string& order_column() const { return order_column_; }
  std::int64_t start() const { return start_; }
  double step() const { return step_; }

  // Appends the ids of rows [first_row, first_row + rows) to `column`. A kDatetime counter gives
  // them in row order here; IdentifierOrder re-issues them in date order.
  void Generate(std::size_t rows, std::uint64_t seed, std::uint64_t first_row, Column* column) const;
  // Appends the ids at these positions of the order (distinct positions give distinct ids;
  // increasing positions give increasing counters). `step`: a counter's step per position (at
  // least 1; 0: the learned mean step), for IdentifierOrder, which has more positions than rows.
  void GenerateAt(std::span<const std::uint64_t> positions, std::uint64_t seed, Column* column,
                  double step = 0) const;
  // kDatetime: the shares of the real rows dated before `micros` and before its next tick (the
  // date's day, for a date-only column), from the stored quantiles: where rows of that date stood
  // in the real order.
  std::pair<double, double> DateShare(std::int64_t micros) const;

  nlohmann::json ToJson() const;

 private:
  std::int64_t CounterAt(std::uint64_t position, double step, std::uint64_t seed) const;
  double ShareBefore(std::int64_t micros) const;

  ColumnShape shape_;
  IdSpeller speller_;
  Order order_ = Order::kNone;
  std::string order_column_;
  std::int64_t start_ = 0;  // counters: the first value and the mean step between values
  double step_ = 1;
  std::vector<std::int64_t> date_quantiles_;  // kDatetime: K+1 dates at shares 0, 1/K, …, 1
  std::int64_t date_tick_ = 1;                // kDatetime: the date format's step, microseconds
};

}  // namespace ersatz::encode
