// Identifier columns (unique keys) are not learned: they are regenerated as unique values that
// look like the originals. Integers count up from the smallest original id. Strings keep the
// original shape — length and character class at each position (digit, upper, lower; anything
// else is kept literally) of the most common shape — and fill it with a bijective permutation of
// the row number, so values are unique for as many rows as the shape can spell.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "encode/encoder.h"

namespace ersatz::encode {

class IdentifierGenerator {
 public:
  explicit IdentifierGenerator(const Column& column);
  explicit IdentifierGenerator(const nlohmann::json& json);

  const ColumnShape& shape() const { return shape_; }
  // Appends the ids of rows [first_row, first_row + rows) to `column`.
  void Generate(std::size_t rows, std::uint64_t seed, std::uint64_t first_row, Column* column) const;
  nlohmann::json ToJson() const;

 private:
  ColumnShape shape_;
  std::int64_t start_ = 1;  // integer ids
  std::string pattern_;     // string ids: '9' digit, 'A' upper, 'a' lower, '\\x' literal x
};

}  // namespace ersatz::encode
