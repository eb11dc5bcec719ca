// Categories (and booleans, and low-cardinality text) as one sub-column:
// code 0 = RARE (categories carried by fewer than T rows, and values never seen at fit time),
// codes 1..K = the kept categories, most frequent first, code K+1 = NULL when the column had nulls.
#pragma once

#include "encode/encoder.h"
#include "encode/shape_json.h"

namespace ersatz::encode {

// What a RARE code decodes to: rare values are never reproduced.
inline constexpr std::string_view kRareToken = "_RARE_";

class CategoricalEncoder final : public ColumnEncoder {
 public:
  CategoricalEncoder(const Column& column, const EncodeOptions& options, const ColumnSpec* spec = nullptr);
  explicit CategoricalEncoder(const nlohmann::json& json);

  std::string_view method() const override { return "categorical"; }
  void Encode(const Column& column, std::span<const std::span<std::int32_t>> out) const override;
  void Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
              std::uint64_t seed, std::uint64_t first_row, Column* column) const override;
  nlohmann::json ToJson() const override;
  bool IsUnseen(const Column& column, std::size_t row) const override;

  const std::vector<std::string>& categories() const { return categories_; }
  bool has_null() const { return has_null_; }
  // The code of a value (RARE when unknown or rare).
  std::int32_t CodeOf(std::string_view value) const;
  std::int32_t null_code() const { return static_cast<std::int32_t>(categories_.size()) + 1; }

 private:
  void BuildSubColumns();
  std::vector<std::string> categories_;  // code i+1 is categories_[i]
  bool has_null_ = false;
};

}  // namespace ersatz::encode
