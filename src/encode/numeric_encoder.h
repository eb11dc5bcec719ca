// Numbers (integer and float columns), in one of three layouts chosen from the data
// (REFERENCE.md §1):
//  - discrete: few distinct values (< 100 kept values holding ≥ 99.9% of rows) → one categorical
//    sub-column over the values; a protected rare value is moved to the nearest kept one;
//  - digits: at most 3 decimals → the value, scaled to an integer and offset from the minimum,
//    one sub-column per decimal digit (most significant first), plus a NULL flag;
//  - binned: otherwise → one sub-column over ≤ 100 quantile bins plus exact MIN and MAX tokens
//    (and NULL); decoding draws uniformly inside the bin and rounds to the column's precision.
// With value protection, values are first clipped to the T-th smallest / largest.
// An integer column is held as offsets from an exact int64 base (its smallest value), so that
// every integer comes back exact while the column spans less than 2^53, however large it is.
#pragma once

#include <memory>

#include "encode/encoder.h"

namespace ersatz::encode {

std::unique_ptr<ColumnEncoder> FitNumericEncoder(const Column& column, const EncodeOptions& options,
                                                 const ColumnSpec* spec);
std::unique_ptr<ColumnEncoder> NumericEncoderFromJson(const nlohmann::json& json);

// Shared by the three layouts: clip bounds, nulls, and appending a value of the right kind.
class NumericEncoder : public ColumnEncoder {
 public:
  // The clip bounds as absolute values, rounded once to a double (integers beyond 2^53 round
  // as their values do, so a value at a bound still compares equal to it).
  double min() const { return Absolute(lo_); }
  double max() const { return Absolute(hi_); }
  std::int64_t base() const { return base_; }
  bool IsUnseen(const Column& column, std::size_t row) const override;

 protected:
  // lo and hi are offsets from `base` (0 for floats).
  void SetCommon(const ColumnShape& shape, std::int64_t base, double lo, double hi, bool has_null);
  void ReadCommon(const nlohmann::json& json);
  nlohmann::json CommonJson() const;
  // The value of row `row` as an offset from base_: exact for integers within 2^53 of it.
  double ValueAt(const Column& column, std::size_t row) const;
  double Absolute(double offset) const {
    return base_ == 0 ? offset : static_cast<double>(base_ + static_cast<std::int64_t>(offset));
  }
  // A range condition's absolute bounds (ReachShare) as offsets.
  void ToOffsets(double* lo, double* hi) const;
  // Appends base_ + v (v clamped to [lo_, hi_], rounded to the column's precision).
  void AppendValue(double v, Column* column) const;
  double Clip(double v) const { return v < lo_ ? lo_ : (v > hi_ ? hi_ : v); }

  std::int64_t base_ = 0;  // integers only; every double below is an offset from it
  double lo_ = 0;
  double hi_ = 0;
  bool has_null_ = false;
};

class DiscreteNumericEncoder final : public NumericEncoder {
 public:
  DiscreteNumericEncoder(const ColumnShape& shape, std::int64_t base, std::vector<double> values,
                         double lo, double hi, bool has_null);
  explicit DiscreteNumericEncoder(const nlohmann::json& json);
  std::string_view method() const override { return "numeric-discrete"; }
  void Encode(const Column& column, std::span<const std::span<std::int32_t>> out) const override;
  void Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
              std::uint64_t seed, std::uint64_t first_row, Column* column) const override;
  nlohmann::json ToJson() const override;
  double ReachShare(std::span<const std::int32_t> prefix, double lo, double hi) const override;
  // Code of the kept value nearest to v (an offset from base()).
  std::int32_t CodeOf(double v) const;

 private:
  void BuildSubColumns();
  std::vector<double> values_;  // sorted; code i is values_[i]; NULL is values_.size()
};

class DigitNumericEncoder final : public NumericEncoder {
 public:
  DigitNumericEncoder(const ColumnShape& shape, std::int64_t base, int decimals, double lo, double hi,
                      bool has_null);
  explicit DigitNumericEncoder(const nlohmann::json& json);
  std::string_view method() const override { return "numeric-digits"; }
  void Encode(const Column& column, std::span<const std::span<std::int32_t>> out) const override;
  void Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
              std::uint64_t seed, std::uint64_t first_row, Column* column) const override;
  nlohmann::json ToJson() const override;
  double ReachShare(std::span<const std::int32_t> prefix, double lo, double hi) const override;

 private:
  void BuildSubColumns();
  int decimals_ = 0;             // values are scaled by 10^decimals_
  std::int64_t scaled_min_ = 0;  // round(lo_ · 10^decimals_)
  std::uint64_t max_offset_ = 0;
  int digits_ = 1;
};

class BinnedNumericEncoder final : public NumericEncoder {
 public:
  // Values that occur at least `atom_min_rows` times (0: none are looked for) become the bin's
  // atoms: decoded exactly, with their share of the bin's rows, instead of a uniform draw.
  BinnedNumericEncoder(const ColumnShape& shape, std::int64_t base, std::vector<double> sorted_values,
                       double lo, double hi, bool has_null, std::size_t atom_min_rows = 0);
  explicit BinnedNumericEncoder(const nlohmann::json& json);
  std::string_view method() const override { return "numeric-binned"; }
  void Encode(const Column& column, std::span<const std::span<std::int32_t>> out) const override;
  void Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
              std::uint64_t seed, std::uint64_t first_row, Column* column) const override;
  nlohmann::json ToJson() const override;
  double ReachShare(std::span<const std::int32_t> prefix, double lo, double hi) const override;
  static constexpr std::int32_t kMinCode = 0;
  static constexpr std::int32_t kMaxCode = 1;

 private:
  void BuildSubColumns();
  void FindAtoms(const std::vector<double>& sorted, std::size_t min_rows);
  std::size_t BinOf(double v) const;  // the bin holding v (the first or last beyond the edges)
  std::int32_t NullCode() const { return static_cast<std::int32_t>(edges_.size()) + 1; }
  std::vector<double> edges_;  // bin b (code b+2) is [edges_[b], edges_[b+1]); edges_.size()-1 bins
  struct Atom {
    double value;
    double share;  // of the bin's rows
  };
  std::vector<std::vector<Atom>> atoms_;  // per bin (empty: no atoms anywhere)
};

}  // namespace ersatz::encode
