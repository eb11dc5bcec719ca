#include "encode/numeric_encoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "common/json_integer.h"
#include "common/random.h"
#include "encode/dp_statistics.h"
#include "encode/shape_json.h"
#include "ersatz/error.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

constexpr std::size_t kMaxDiscreteValues = 100;
constexpr double kDiscreteCoverage = 0.999;
constexpr int kMaxDigitDecimals = 3;
constexpr std::size_t kMaxBins = 100;
// A value repeated this often (or the protection threshold, if higher) is an atom of its bin.
constexpr std::size_t kMinAtomRows = 3;
constexpr std::uint64_t kBinDrawStream = 0xB1;
// Scaled values must stay exact in a double for the digit layout.
constexpr double kMaxExactScaled = 9007199254740992.0;  // 2^53

// v - base exactly when it fits an int64 (always, for the rows the encoder was fitted on),
// else as the nearest double: a far-off seed value is clipped anyway.
double Offset(std::int64_t v, std::int64_t base) {
  std::int64_t d;
  if (!__builtin_sub_overflow(v, base, &d)) return static_cast<double>(d);
  return static_cast<double>(v) - static_cast<double>(base);
}

double Pow10(int d) {
  double p = 1;
  for (int i = 0; i < d; ++i) p *= 10;
  return p;
}

}  // namespace

// ---- shared ----------------------------------------------------------------------------------

double NumericEncoder::ValueAt(const Column& column, std::size_t row) const {
  return column.kind() == ColumnKind::kInteger ? Offset(column.integers()[row], base_)
                                               : column.floats()[row];
}

void NumericEncoder::SetCommon(const ColumnShape& shape, std::int64_t base, double lo, double hi,
                               bool has_null) {
  shape_ = shape;
  base_ = shape.kind == ColumnKind::kInteger ? base : 0;
  lo_ = lo;
  hi_ = hi;
  has_null_ = has_null;
}

void NumericEncoder::ReadCommon(const json& j) {
  shape_ = ShapeFromJson(j.at("column"));
  base_ = shape_.kind == ColumnKind::kInteger ? JsonIntegerOr<std::int64_t>(j, "base", 0, "numeric encoder base") : 0;
  lo_ = j.at("min").get<double>();
  hi_ = j.at("max").get<double>();
  has_null_ = j.at("has_null").get<bool>();
  // What fit writes: finite bounds in order; an integer column's offsets int64s, and base +
  // offset too (decoding adds them).
  std::int64_t sum = 0;
  const bool integer_ok =
      shape_.kind != ColumnKind::kInteger ||
      (std::fabs(lo_) < 0x1p63 && std::fabs(hi_) < 0x1p63 &&
       !__builtin_add_overflow(base_, static_cast<std::int64_t>(lo_), &sum) &&
       !__builtin_add_overflow(base_, static_cast<std::int64_t>(hi_), &sum));
  if (!(std::isfinite(lo_) && std::isfinite(hi_) && lo_ <= hi_) || !integer_ok) {
    throw ParameterError(fmt::format("numeric encoder of '{}': bounds [{}, {}] (base {}) out of range",
                                     shape_.name, lo_, hi_, base_));
  }
}

json NumericEncoder::CommonJson() const {
  json j = {{"method", method()},
            {"column", ShapeToJson(shape_)},
            {"min", lo_},
            {"max", hi_},
            {"has_null", has_null_}};
  if (base_ != 0) j["base"] = base_;  // an int64 in the JSON, exact (min and max are offsets)
  return j;
}

void NumericEncoder::AppendValue(double v, Column* column) const {
  v = Clip(v);
  if (column->kind() == ColumnKind::kInteger) {
    // Offsets of a fitted column stay within int64 of the base; a hostile model file saturates.
    const long double sum = static_cast<long double>(base_) + std::roundl(static_cast<long double>(v));
    constexpr long double kTop = 9223372036854775807.0L;
    if (sum >= kTop) column->AppendInteger(std::numeric_limits<std::int64_t>::max());
    else if (sum <= -kTop) column->AppendInteger(std::numeric_limits<std::int64_t>::min());
    else column->AppendInteger(base_ + static_cast<std::int64_t>(std::llround(v)));
  } else {
    const double scale = Pow10(std::min(shape_.float_decimals, 15));
    column->AppendFloat(shape_.float_decimals < 15 ? std::round(v * scale) / scale : v);
  }
}

// ---- choosing a layout -----------------------------------------------------------------------

// Under DP the layout is chosen from public facts only (the kind and the declared decimals), never
// from the values: digits over the DP range, at most kMaxDigitDecimals decimals.
static std::unique_ptr<ColumnEncoder> FitDpNumericEncoder(const Column& column, const ColumnShape& shape,
                                                   std::span<const double> values,
                                                   const ColumnSpec* spec, DpStatistics& dp) {
  // Plain variables, not a structured binding: the lambda below captures them (C++20 allows it,
  // clang 14 does not).
  const auto range = DpRange(values, column, spec, dp);
  const double lo = range.first, hi = range.second;
  int decimals = column.kind() == ColumnKind::kInteger ? 0 : std::min(column.float_decimals(), kMaxDigitDecimals);
  auto fits = [&](int d) {
    return std::fabs(lo * Pow10(d)) < kMaxExactScaled && std::fabs(hi * Pow10(d)) < kMaxExactScaled;
  };
  while (decimals > 0 && !fits(decimals)) --decimals;
  if (fits(decimals)) return std::make_unique<DigitNumericEncoder>(shape, 0, decimals, lo, hi, true);
  // Magnitudes beyond 2^53: evenly spaced bins over the range, which depend on nothing private.
  std::vector<double> even(kMaxBins + 1);
  for (std::size_t b = 0; b <= kMaxBins; ++b) even[b] = lo + (hi - lo) * static_cast<double>(b) / kMaxBins;
  return std::make_unique<BinnedNumericEncoder>(shape, 0, std::move(even), lo, hi, true);
}

std::unique_ptr<ColumnEncoder> FitNumericEncoder(const Column& column, const EncodeOptions& options,
                                                 const ColumnSpec* spec) {
  const ColumnShape shape = ColumnShape::Of(column);
  const bool integer = column.kind() == ColumnKind::kInteger;
  // Integers are offsets from their smallest value (never under DP: the minimum is private).
  std::int64_t base = 0;
  std::uint64_t span = 0;
  if (integer && options.dp == nullptr) {
    bool any = false;
    std::int64_t top = 0;
    for (std::size_t r = 0; r < column.size(); ++r) {
      if (column.IsNull(r)) continue;
      const std::int64_t v = column.integers()[r];
      base = any ? std::min(base, v) : v;
      top = any ? std::max(top, v) : v;
      any = true;
    }
    span = static_cast<std::uint64_t>(top) - static_cast<std::uint64_t>(base);
  }
  std::vector<double> values;
  values.reserve(column.size());
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) continue;
    values.push_back(integer ? Offset(column.integers()[r], base) : column.floats()[r]);
  }
  const bool has_null = values.size() < column.size();
  if (options.dp != nullptr) return FitDpNumericEncoder(column, shape, values, spec, *options.dp);
  if (values.empty()) {
    return std::make_unique<DiscreteNumericEncoder>(shape, 0, std::vector<double>{0.0}, 0, 0, true);
  }
  std::sort(values.begin(), values.end());
  // Beyond 2^53 apart, offsets are no longer exact doubles: say so rather than round silently.
  std::string warning;  // set when the column will not come back as it was
  if (span >= static_cast<std::uint64_t>(kMaxExactScaled)) {
    warning = fmt::format(
        "column '{}': its integers span {} (more than 2^53), too far apart to be generated exactly; "
        "sampled values are rounded: declare it categorical (or identifier) in the metadata to keep "
        "every digit", shape.name, span);
  }

  const std::size_t t =
      options.value_protection ? static_cast<std::size_t>(ProtectionThreshold(options, shape.name)) : 1;
  // Clip to the T-th most extreme values; with fewer than 2T values every value is an extreme,
  // so all collapse to the median.
  double lo = values.front();
  double hi = values.back();
  if (t > 1) {
    if (values.size() >= 2 * t) {
      lo = values[t - 1];
      hi = values[values.size() - t];
    } else {
      lo = hi = values[values.size() / 2];
      if (values.front() != values.back()) {
        // Protection, but a column reduced to one number should not pass unnoticed.
        warning += fmt::format(
            "{}column '{}': only {} values, fewer than twice the protection threshold ({}), so value "
            "protection replaces every one by their median; --no-value-protection keeps them",
            warning.empty() ? "" : "; ", shape.name, values.size(), t);
      }
    }
    for (double& v : values) v = std::clamp(v, lo, hi);
  }

  // Discrete: few values carrying nearly every row.
  std::map<double, std::size_t> counts;
  for (double v : values) {
    if (++counts[v] == 1 && counts.size() > 4 * kMaxDiscreteValues) break;
  }
  if (counts.size() <= 4 * kMaxDiscreteValues) {
    std::vector<double> kept;
    std::size_t covered = 0;
    for (const auto& [v, n] : counts) {
      if (n >= t) {
        kept.push_back(v);
        covered += n;
      }
    }
    if (!kept.empty() && kept.size() < kMaxDiscreteValues &&
        static_cast<double>(covered) >= kDiscreteCoverage * static_cast<double>(values.size())) {
      auto enc = std::make_unique<DiscreteNumericEncoder>(shape, base, std::move(kept), lo, hi, has_null);
      enc->SetWarning(std::move(warning));
      return enc;
    }
  }

  const int decimals = column.kind() == ColumnKind::kInteger ? 0 : column.float_decimals();
  const double scale = Pow10(decimals);
  if (decimals <= kMaxDigitDecimals && std::fabs(lo * scale) < kMaxExactScaled &&
      std::fabs(hi * scale) < kMaxExactScaled) {
    auto enc = std::make_unique<DigitNumericEncoder>(shape, base, decimals, lo, hi, has_null);
    enc->SetWarning(std::move(warning));
    return enc;
  }
  auto enc = std::make_unique<BinnedNumericEncoder>(shape, base, std::move(values), lo, hi, has_null,
                                                    std::max<std::size_t>(t, kMinAtomRows));
  enc->SetWarning(std::move(warning));
  return enc;
}

std::unique_ptr<ColumnEncoder> NumericEncoderFromJson(const json& j) {
  const std::string method = j.at("method").get<std::string>();
  if (method == "numeric-discrete") return std::make_unique<DiscreteNumericEncoder>(j);
  if (method == "numeric-digits") return std::make_unique<DigitNumericEncoder>(j);
  if (method == "numeric-binned") return std::make_unique<BinnedNumericEncoder>(j);
  throw ParameterError(fmt::format("unknown encoder method '{}'", method));
}

void NumericEncoder::ToOffsets(double* lo, double* hi) const {
  *lo -= static_cast<double>(base_);
  *hi -= static_cast<double>(base_);
}

bool NumericEncoder::IsUnseen(const Column& column, std::size_t row) const {
  const double v = ValueAt(column, row);
  return v < lo_ || v > hi_;
}

// ---- discrete --------------------------------------------------------------------------------

DiscreteNumericEncoder::DiscreteNumericEncoder(const ColumnShape& shape, std::int64_t base,
                                               std::vector<double> values, double lo, double hi,
                                               bool has_null)
    : values_(std::move(values)) {
  SetCommon(shape, base, lo, hi, has_null);
  BuildSubColumns();
}

DiscreteNumericEncoder::DiscreteNumericEncoder(const json& j) {
  ReadCommon(j);
  values_ = j.at("values").get<std::vector<double>>();
  if (values_.empty()) throw ParameterError("numeric-discrete encoder without values");
  BuildSubColumns();
}

void DiscreteNumericEncoder::BuildSubColumns() {
  sub_columns_ = {{shape_.name, static_cast<std::int32_t>(values_.size()) + (has_null_ ? 1 : 0)}};
}

std::int32_t DiscreteNumericEncoder::CodeOf(double v) const {
  auto it = std::lower_bound(values_.begin(), values_.end(), v);
  if (it == values_.end()) return static_cast<std::int32_t>(values_.size()) - 1;
  if (it != values_.begin() && v - *(it - 1) <= *it - v) --it;
  return static_cast<std::int32_t>(it - values_.begin());
}

void DiscreteNumericEncoder::Encode(const Column& column,
                                    std::span<const std::span<std::int32_t>> out) const {
  const auto null_code = static_cast<std::int32_t>(values_.size());
  for (std::size_t r = 0; r < column.size(); ++r) {
    out[0][r] = column.IsNull(r) ? null_code : CodeOf(Clip(ValueAt(column, r)));
  }
}

void DiscreteNumericEncoder::Decode(std::span<const std::span<const std::int32_t>> codes,
                                    std::size_t rows, std::uint64_t, std::uint64_t,
                                    Column* column) const {
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int32_t code = codes[0][r];
    if (code < 0 || code >= static_cast<std::int32_t>(values_.size())) {
      column->AppendNull();
    } else {
      AppendValue(values_[code], column);
    }
  }
}

double DiscreteNumericEncoder::ReachShare(std::span<const std::int32_t> prefix, double lo,
                                      double hi) const {
  if (prefix.empty()) return 1;
  ToOffsets(&lo, &hi);
  const std::int32_t code = prefix[0];
  return code >= 0 && code < static_cast<std::int32_t>(values_.size()) && values_[code] >= lo &&
                 values_[code] <= hi
             ? 1
             : 0;
}

json DiscreteNumericEncoder::ToJson() const {
  json j = CommonJson();
  j["values"] = values_;
  return j;
}

// ---- digits ----------------------------------------------------------------------------------

DigitNumericEncoder::DigitNumericEncoder(const ColumnShape& shape, std::int64_t base, int decimals,
                                         double lo, double hi, bool has_null)
    : decimals_(decimals) {
  SetCommon(shape, base, lo, hi, has_null);
  BuildSubColumns();
}

DigitNumericEncoder::DigitNumericEncoder(const json& j) {
  ReadCommon(j);
  decimals_ = JsonInteger<int>(j.at("decimals"), "decimals");
  if (decimals_ < 0 || decimals_ > kMaxDigitDecimals) {
    throw ParameterError(fmt::format("numeric-digits encoder with {} decimals", decimals_));
  }
  const double scale = Pow10(decimals_);
  if (!(std::fabs(lo_ * scale) < kMaxExactScaled && std::fabs(hi_ * scale) < kMaxExactScaled)) {
    throw ParameterError(fmt::format("numeric-digits encoder of '{}': bounds [{}, {}] too wide for digits",
                                     shape_.name, lo_, hi_));
  }
  BuildSubColumns();
}

void DigitNumericEncoder::BuildSubColumns() {
  const double scale = Pow10(decimals_);
  scaled_min_ = std::llround(lo_ * scale);
  max_offset_ = static_cast<std::uint64_t>(std::llround(hi_ * scale) - scaled_min_);
  digits_ = 1;
  std::uint64_t top = max_offset_;
  while (top >= 10) {
    top /= 10;
    ++digits_;
  }
  sub_columns_.clear();
  if (has_null_) sub_columns_.push_back({shape_.name + ".null", 2});
  for (int d = digits_ - 1; d >= 0; --d) {
    // The leading digit never exceeds the leading digit of the largest offset.
    const std::int32_t card = d == digits_ - 1 ? static_cast<std::int32_t>(top) + 1 : 10;
    sub_columns_.push_back({fmt::format("{}.e{}", shape_.name, d - decimals_), card});
  }
}

void DigitNumericEncoder::Encode(const Column& column,
                                 std::span<const std::span<std::int32_t>> out) const {
  const double scale = Pow10(decimals_);
  const std::size_t first_digit = has_null_ ? 1 : 0;
  for (std::size_t r = 0; r < column.size(); ++r) {
    const bool null = column.IsNull(r);
    if (has_null_) out[0][r] = null ? 1 : 0;
    std::uint64_t offset =
        null ? 0 : static_cast<std::uint64_t>(std::llround(Clip(ValueAt(column, r)) * scale) - scaled_min_);
    for (int d = 0; d < digits_; ++d) {  // least significant last
      out[first_digit + digits_ - 1 - d][r] = static_cast<std::int32_t>(offset % 10);
      offset /= 10;
    }
  }
}

void DigitNumericEncoder::Decode(std::span<const std::span<const std::int32_t>> codes,
                                 std::size_t rows, std::uint64_t, std::uint64_t,
                                 Column* column) const {
  const double scale = Pow10(decimals_);
  const std::size_t first_digit = has_null_ ? 1 : 0;
  for (std::size_t r = 0; r < rows; ++r) {
    if (has_null_ && codes[0][r] == 1) {
      column->AppendNull();
      continue;
    }
    std::uint64_t offset = 0;
    for (int d = 0; d < digits_; ++d) offset = offset * 10 + static_cast<std::uint64_t>(codes[first_digit + d][r]);
    offset = std::min(offset, max_offset_);  // digits can spell a number above the maximum
    AppendValue(static_cast<double>(scaled_min_ + static_cast<std::int64_t>(offset)) / scale, column);
  }
}

double DigitNumericEncoder::ReachShare(std::span<const std::int32_t> prefix, double lo,
                                   double hi) const {
  const std::size_t first_digit = has_null_ ? 1 : 0;
  if (has_null_ && !prefix.empty() && prefix[0] == 1) return 0;
  ToOffsets(&lo, &hi);
  // The range in offsets, snapped inward to whole offsets so that every offset inside it decodes
  // into [lo, hi]; the offsets a prefix can still spell are one contiguous block.
  const double scale = Pow10(decimals_);
  const double want_lo = std::ceil(lo * scale - 1e-7) - static_cast<double>(scaled_min_);
  const double want_hi = std::floor(hi * scale + 1e-7) - static_cast<double>(scaled_min_);
  const std::size_t given = prefix.size() > first_digit ? prefix.size() - first_digit : 0;
  double low = 0, span = 1;
  for (std::size_t d = 0; d < given; ++d) low = low * 10 + prefix[first_digit + d];
  for (std::size_t d = given; d < static_cast<std::size_t>(digits_); ++d) {
    low *= 10;
    span *= 10;
  }
  const auto top = static_cast<double>(max_offset_);  // decoding caps offsets at the maximum
  const double reach_lo = std::min(low, top);
  const double reach_hi = std::min(low + span - 1, top);
  const double inside = std::min(reach_hi, want_hi) - std::max(reach_lo, want_lo) + 1;
  return inside > 0 ? inside / (reach_hi - reach_lo + 1) : 0;
}

json DigitNumericEncoder::ToJson() const {
  json j = CommonJson();
  j["decimals"] = decimals_;
  return j;
}

// ---- binned ----------------------------------------------------------------------------------

BinnedNumericEncoder::BinnedNumericEncoder(const ColumnShape& shape, std::int64_t base,
                                           std::vector<double> sorted_values, double lo, double hi,
                                           bool has_null, std::size_t atom_min_rows) {
  SetCommon(shape, base, lo, hi, has_null);
  // Quantile edges over the values strictly inside (lo, hi); the extremes have their own tokens.
  const std::size_t n = sorted_values.size();
  for (std::size_t b = 0; b <= kMaxBins; ++b) {
    const double q = sorted_values[std::min(n - 1, b * (n - 1) / kMaxBins)];
    if (edges_.empty() || q > edges_.back()) edges_.push_back(q);
  }
  if (edges_.size() < 2) edges_ = {lo_, hi_ > lo_ ? hi_ : std::nextafter(lo_, HUGE_VAL)};
  if (atom_min_rows > 0) FindAtoms(sorted_values, atom_min_rows);
  BuildSubColumns();
}

// A column of measurements often repeats a few exact values (a town's tax rate on each of its
// rows, a reading's cap): a uniform draw inside their bin would turn each into noise that a
// discriminator spots at once. Values repeated at least `min_rows` times (the protection
// threshold, so no single record's value is kept) are decoded exactly, in proportion.
void BinnedNumericEncoder::FindAtoms(const std::vector<double>& sorted, std::size_t min_rows) {
  const std::size_t bins = edges_.size() - 1;
  std::vector<std::size_t> rows_in(bins, 0);
  std::vector<std::vector<Atom>> atoms(bins);
  bool any = false;
  for (std::size_t i = 0; i < sorted.size();) {
    std::size_t j = i;
    while (j < sorted.size() && sorted[j] == sorted[i]) ++j;
    const double v = sorted[i];
    if (v > lo_ && v < hi_) {  // the extremes have their own tokens
      const std::size_t b = BinOf(v);
      rows_in[b] += j - i;
      if (j - i >= min_rows) {
        atoms[b].push_back({v, static_cast<double>(j - i)});
        any = true;
      }
    }
    i = j;
  }
  if (!any) return;
  for (std::size_t b = 0; b < bins; ++b) {
    for (Atom& a : atoms[b]) a.share /= static_cast<double>(rows_in[b]);
  }
  atoms_ = std::move(atoms);
}

BinnedNumericEncoder::BinnedNumericEncoder(const json& j) {
  ReadCommon(j);
  edges_ = j.at("edges").get<std::vector<double>>();
  if (edges_.size() < 2 || !std::is_sorted(edges_.begin(), edges_.end())) {
    throw ParameterError("numeric-binned encoder with fewer than 2 sorted edges");
  }
  // Models written before atoms have none.
  if (j.contains("atoms")) {
    atoms_.assign(edges_.size() - 1, {});
    for (const json& a : j.at("atoms")) {
      const auto b = JsonInteger<std::size_t>(a.at(0), "atom bin");
      const double v = a.at(1).get<double>(), share = a.at(2).get<double>();
      if (b >= atoms_.size() || !(v >= edges_[b] && v <= edges_[b + 1]) || !(share > 0 && share <= 1)) {
        throw ParameterError("numeric-binned encoder with an atom outside its bin or share");
      }
      atoms_[b].push_back({v, share});
    }
    for (const auto& bin : atoms_) {
      double total = 0;
      for (const Atom& a : bin) total += a.share;
      if (total > 1 + 1e-9) throw ParameterError("numeric-binned encoder whose atoms hold more than their bin");
    }
  }
  BuildSubColumns();
}

void BinnedNumericEncoder::BuildSubColumns() {
  sub_columns_ = {{shape_.name, NullCode() + (has_null_ ? 1 : 0)}};
}

std::size_t BinnedNumericEncoder::BinOf(double v) const {
  const auto after = std::upper_bound(edges_.begin(), edges_.end(), v) - edges_.begin();
  return static_cast<std::size_t>(std::clamp<std::ptrdiff_t>(after - 1, 0, static_cast<std::ptrdiff_t>(edges_.size()) - 2));
}

void BinnedNumericEncoder::Encode(const Column& column,
                                  std::span<const std::span<std::int32_t>> out) const {
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) {
      out[0][r] = NullCode();
      continue;
    }
    const double v = Clip(ValueAt(column, r));
    if (v <= lo_) {
      out[0][r] = kMinCode;
    } else if (v >= hi_) {
      out[0][r] = kMaxCode;
    } else {
      out[0][r] = 2 + static_cast<std::int32_t>(BinOf(v));
    }
  }
}

void BinnedNumericEncoder::Decode(std::span<const std::span<const std::int32_t>> codes,
                                  std::size_t rows, std::uint64_t seed, std::uint64_t first_row,
                                  Column* column) const {
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int32_t code = codes[0][r];
    if (code == kMinCode) {
      AppendValue(lo_, column);
    } else if (code == kMaxCode) {
      AppendValue(hi_, column);
    } else if (code >= 2 && code < NullCode()) {
      RandomStream rng(seed, kBinDrawStream, static_cast<std::uint32_t>(first_row + r));
      const double a = edges_[code - 2];
      const double b = edges_[code - 1];
      // A bin with atoms first draws which (if any) of them the value is; past them, a uniform
      // draw inside the bin as for a bin without.
      const Atom* atom = nullptr;
      if (!atoms_.empty() && !atoms_[static_cast<std::size_t>(code - 2)].empty()) {
        double u = rng.NextDouble();
        for (const Atom& candidate : atoms_[static_cast<std::size_t>(code - 2)]) {
          if (u < candidate.share) {
            atom = &candidate;
            break;
          }
          u -= candidate.share;
        }
      }
      AppendValue(atom ? atom->value : a + (b - a) * rng.NextDouble(), column);
    } else {
      column->AppendNull();
    }
  }
}

double BinnedNumericEncoder::ReachShare(std::span<const std::int32_t> prefix, double lo,
                                    double hi) const {
  if (prefix.empty()) return 1;
  ToOffsets(&lo, &hi);
  const std::int32_t code = prefix[0];
  auto inside = [&](double a, double b) { return a >= lo && b <= hi ? 1.0 : 0.0; };
  if (code == kMinCode) return inside(lo_, lo_);
  if (code == kMaxCode) return inside(hi_, hi_);
  if (code < 2 || code >= NullCode()) return 0;
  // A value is drawn anywhere inside the bin, so only bins wholly inside the range qualify.
  return inside(edges_[code - 2], edges_[code - 1]);
}

json BinnedNumericEncoder::ToJson() const {
  json j = CommonJson();
  j["edges"] = edges_;
  if (!atoms_.empty()) {
    json atoms = json::array();
    for (std::size_t b = 0; b < atoms_.size(); ++b) {
      for (const Atom& a : atoms_[b]) atoms.push_back({b, a.value, a.share});
    }
    j["atoms"] = std::move(atoms);
  }
  return j;
}

}  // namespace ersatz::encode
