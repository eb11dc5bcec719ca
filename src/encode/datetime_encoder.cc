#include "encode/datetime_encoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "common/json_integer.h"
#include "encode/dp_statistics.h"
#include "encode/shape_json.h"
#include "ersatz/error.h"
#include "table/civil.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

struct Parts {
  std::int64_t year;
  int month, day, hour, minute, second;
};

Parts Split(std::int64_t micros) {
  const std::int64_t days = FloorDiv(micros, kMicrosPerDay);
  const std::int64_t secs = (micros - days * kMicrosPerDay) / kMicrosPerSecond;
  const CivilDate d = CivilFromDays(days);
  return {d.year, d.month, d.day, static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60),
          static_cast<int>(secs % 60)};
}

constexpr std::string_view kPartNames[] = {"year", "month", "day", "hour", "minute", "second"};

}  // namespace

DatetimeEncoder::DatetimeEncoder(const Column& column, const EncodeOptions& options) {
  shape_ = ColumnShape::Of(column);
  std::vector<std::int64_t> values;
  const auto ints = column.integers();
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) {
      has_null_ = true;
    } else {
      values.push_back(ints[r]);
    }
  }
  if (options.dp != nullptr) {
    FitDp(values, column, *options.dp);
    return;
  }
  if (values.empty()) {
    has_null_ = true;
    BuildSubColumns();
    return;
  }
  std::sort(values.begin(), values.end());
  lo_ = values.front();
  hi_ = values.back();
  if (options.value_protection) {
    const auto t = static_cast<std::size_t>(ProtectionThreshold(options, shape_.name));
    if (values.size() >= 2 * t) {
      lo_ = values[t - 1];
      hi_ = values[values.size() - t];
    } else {
      lo_ = hi_ = values[values.size() / 2];
    }
  }
  for (std::int64_t v : values) {
    const Parts p = Split(std::clamp(v, lo_, hi_));
    if (p.second != 0) {
      resolution_ = Resolution::kSecond;
      break;
    }
    if (p.hour != 0 || p.minute != 0) resolution_ = Resolution::kMinute;
  }
  min_year_ = Split(lo_).year;
  max_year_ = Split(hi_).year;
  BuildSubColumns();
}

void DatetimeEncoder::FitDp(std::span<const std::int64_t> values, const Column& column, DpStatistics& dp) {
  const std::vector<double> micros(values.begin(), values.end());
  const auto [lower, upper] = DpRange(micros, column, nullptr, dp);
  lo_ = static_cast<std::int64_t>(std::floor(lower));
  hi_ = static_cast<std::int64_t>(std::ceil(upper));
  // The resolution follows the format (public), not whether some value has seconds.
  const std::string& pattern = shape_.datetime_format.pattern;
  if (pattern.find("%S") != std::string::npos || pattern.find("%s") != std::string::npos) {
    resolution_ = Resolution::kSecond;
  } else if (pattern.find("%H") != std::string::npos || pattern.find("%M") != std::string::npos) {
    resolution_ = Resolution::kMinute;
  }
  has_null_ = true;
  min_year_ = Split(lo_).year;
  max_year_ = Split(hi_).year;
  BuildSubColumns();
}

DatetimeEncoder::DatetimeEncoder(const json& j) {
  shape_ = ShapeFromJson(j.at("column"));
  lo_ = JsonInteger<std::int64_t>(j.at("min"), "min");
  hi_ = JsonInteger<std::int64_t>(j.at("max"), "max");
  if (!(lo_ <= hi_ && lo_ >= -kMaxDatetimeMicros && hi_ <= kMaxDatetimeMicros)) {
    throw ParameterError(fmt::format("datetime encoder of '{}': range [{}, {}] out of bounds", shape_.name, lo_, hi_));
  }
  has_null_ = j.at("has_null").get<bool>();
  const int parts = JsonInteger<int>(j.at("parts"), "parts");
  if (parts != 3 && parts != 5 && parts != 6) {
    throw ParameterError(fmt::format("datetime encoder with {} parts", parts));
  }
  resolution_ = static_cast<Resolution>(parts);
  min_year_ = Split(lo_).year;
  max_year_ = Split(hi_).year;
  BuildSubColumns();
}

void DatetimeEncoder::BuildSubColumns() {
  sub_columns_.clear();
  if (has_null_) sub_columns_.push_back({shape_.name + ".null", 2});
  const std::int32_t cards[] = {static_cast<std::int32_t>(max_year_ - min_year_ + 1), 12, 31, 24, 60, 60};
  for (int p = 0; p < static_cast<int>(resolution_); ++p) {
    sub_columns_.push_back({fmt::format("{}.{}", shape_.name, kPartNames[p]), cards[p]});
  }
}

void DatetimeEncoder::Encode(const Column& column,
                             std::span<const std::span<std::int32_t>> out) const {
  const std::size_t first = has_null_ ? 1 : 0;
  const int parts = static_cast<int>(resolution_);
  const auto ints = column.integers();
  for (std::size_t r = 0; r < column.size(); ++r) {
    const bool null = column.IsNull(r);
    if (has_null_) out[0][r] = null ? 1 : 0;
    const Parts p = Split(null ? lo_ : std::clamp(ints[r], lo_, hi_));
    const std::int64_t values[] = {p.year - min_year_, p.month - 1, p.day - 1, p.hour, p.minute, p.second};
    for (int k = 0; k < parts; ++k) out[first + k][r] = static_cast<std::int32_t>(values[k]);
  }
}

void DatetimeEncoder::Decode(std::span<const std::span<const std::int32_t>> codes,
                             std::size_t rows, std::uint64_t, std::uint64_t,
                             Column* column) const {
  const std::size_t first = has_null_ ? 1 : 0;
  const int parts = static_cast<int>(resolution_);
  for (std::size_t r = 0; r < rows; ++r) {
    if (has_null_ && codes[0][r] == 1) {
      column->AppendNull();
      continue;
    }
    int v[6] = {0, 0, 0, 0, 0, 0};
    for (int k = 0; k < parts; ++k) v[k] = codes[first + k][r];
    column->AppendDatetime(MicrosOf(v));
  }
}

std::int64_t DatetimeEncoder::MicrosOf(const int v[6]) const {
  const std::int64_t year = min_year_ + v[0];
  const int month = std::clamp(v[1] + 1, 1, 12);
  const int day = std::min(v[2] + 1, DaysInMonth(year, month));
  const std::int64_t micros = DaysFromCivil(year, month, day) * kMicrosPerDay +
                              (v[3] * 3600 + v[4] * 60 + v[5]) * kMicrosPerSecond;
  return std::clamp(micros, lo_, hi_);
}

double DatetimeEncoder::ReachShare(std::span<const std::int32_t> prefix, double lo, double hi) const {
  const std::size_t first = has_null_ ? 1 : 0;
  if (has_null_ && !prefix.empty() && prefix[0] == 1) return 0;
  // Decoding is monotone in the parts, so a prefix reaches the block between its smallest and
  // largest completion. The range snaps inward to the resolution's grid (whole days, minutes or
  // seconds), which every decoded value lies on, so no walk ends with every code excluded.
  const int parts = static_cast<int>(resolution_);
  const std::int64_t unit = resolution_ == Resolution::kDay      ? kMicrosPerDay
                            : resolution_ == Resolution::kMinute ? 60 * kMicrosPerSecond
                                                                 : kMicrosPerSecond;
  const std::int64_t want_lo = -FloorDiv(-static_cast<std::int64_t>(std::ceil(lo)), unit) * unit;
  const std::int64_t want_hi = FloorDiv(static_cast<std::int64_t>(std::floor(hi)), unit) * unit;
  const int max_part[6] = {static_cast<int>(max_year_ - min_year_), 11, 30, 23, 59, 59};
  int low[6] = {0, 0, 0, 0, 0, 0}, high[6] = {0, 0, 0, 0, 0, 0};
  for (int k = 0; k < parts; ++k) {
    const std::size_t at = first + static_cast<std::size_t>(k);
    low[k] = at < prefix.size() ? prefix[at] : 0;
    high[k] = at < prefix.size() ? prefix[at] : max_part[k];
  }
  const std::int64_t reach_lo = MicrosOf(low), reach_hi = MicrosOf(high);
  const std::int64_t inside = std::min(reach_hi, want_hi) - std::max(reach_lo, want_lo) + unit;
  return inside > 0 ? static_cast<double>(inside) / static_cast<double>(reach_hi - reach_lo + unit) : 0;
}

json DatetimeEncoder::ToJson() const {
  return {{"method", method()},       {"column", ShapeToJson(shape_)}, {"min", lo_},
          {"max", hi_},               {"has_null", has_null_},
          {"parts", static_cast<int>(resolution_)}};
}

bool DatetimeEncoder::IsUnseen(const Column& column, std::size_t row) const {
  const std::int64_t v = column.integers()[row];
  return v < lo_ || v > hi_;
}

}  // namespace ersatz::encode
