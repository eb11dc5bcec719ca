// Small networks and data shared by the network and training-loop tests.
#pragma once

#include "encode/table_encoder.h"
#include "models/argn/network.h"

namespace ersatz::argn {

// A network small enough for finite differences and one-example-at-a-time checks: three columns,
// the middle one with two sub-columns, as a digit-encoded number.
inline NetworkShape SmallShape() {
  NetworkShape s;
  s.cardinality = {3, 2, 4, 5};
  s.column_of = {0, 1, 1, 2};
  s.embed_dim = {2, 2, 3, 2};
  s.hidden = {4, 3, 5, 4};
  return s;
}

// Three one-sub-column columns of cardinality 3, 2 and 4 (TinyShape) with a little structure, as
// many rows as a training-loop test needs.
inline encode::EncodedTable TinyData(std::size_t rows) {
  encode::EncodedTable data;
  data.rows = rows;
  data.codes.resize(3);
  for (std::size_t r = 0; r < rows; ++r) {
    data.codes[0].push_back(static_cast<std::int32_t>(r % 3));
    data.codes[1].push_back(static_cast<std::int32_t>((r / 3) % 2));
    data.codes[2].push_back(static_cast<std::int32_t>((r % 3 + r % 2) % 4));
  }
  return data;
}

inline NetworkShape TinyShape() { return NetworkShape::ForCardinalities({3, 2, 4}, {0, 1, 2}, 0.5); }

}  // namespace ersatz::argn
