// Datetimes as calendar parts, each its own sub-column (REFERENCE.md §1): year (offset from the
// earliest), month, day [, hour, minute [, second]] — time parts only when the data has them.
// A day past the end of its month decodes to the month's last day, so invalid dates cannot be
// produced. Fractions of a second are not modelled. A NULL flag comes first when there are nulls.
#pragma once

#include "encode/encoder.h"

namespace ersatz::encode {

class DatetimeEncoder final : public ColumnEncoder {
 public:
  DatetimeEncoder(const Column& column, const EncodeOptions& options);
  explicit DatetimeEncoder(const nlohmann::json& json);

  std::string_view method() const override { return "datetime"; }
  void Encode(const Column& column, std::span<const std::span<std::int32_t>> out) const override;
  void Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
              std::uint64_t seed, std::uint64_t first_row, Column* column) const override;
  nlohmann::json ToJson() const override;
  bool IsUnseen(const Column& column, std::size_t row) const override;
  double ReachShare(std::span<const std::int32_t> prefix, double lo, double hi) const override;

  enum class Resolution { kDay = 3, kMinute = 5, kSecond = 6 };  // number of parts
  // The range decoding allows (after value protection's clipping), in microseconds.
  std::int64_t min() const { return lo_; }
  std::int64_t max() const { return hi_; }

 private:
  void BuildSubColumns();
  // The decoded value of parts v (offsets as the sub-columns hold them).
  std::int64_t MicrosOf(const int v[6]) const;
  // Under DP: range from DpRange, resolution from the format, a null code always.
  void FitDp(std::span<const std::int64_t> values, const Column& column, DpStatistics& dp);
  std::int64_t lo_ = 0;  // microseconds, after clipping
  std::int64_t hi_ = 0;
  std::int64_t min_year_ = 1970;
  std::int64_t max_year_ = 1970;
  Resolution resolution_ = Resolution::kDay;
  bool has_null_ = false;
};

}  // namespace ersatz::encode
