// Column encoders: each column becomes one or more small-integer "sub-columns" that the generator
// predicts with a softmax, and decodes back into values of the column's kind and format.
// Layouts follow REFERENCE.md §1 (TabularARGN's encoding); value protection is on by default.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::encode {

struct DpStatistics;

struct SubColumnInfo {
  std::string name;         // "<column>" or "<column>.<part>"
  std::int32_t cardinality;  // codes are 0 .. cardinality-1
};

struct EncodeOptions {
  // Rare categories become RARE and extreme numbers are clipped to the T-th most extreme value,
  // T drawn once per column in [5, 7] (REFERENCE.md §1), so no single record's value is reproduced.
  bool value_protection = true;
  std::uint64_t seed = 0;
  // Differential privacy (fit --epsilon): statistics come from DP mechanisms or the metadata's
  // public declarations instead, and value protection is moot (dp_statistics.h).
  DpStatistics* dp = nullptr;
};

// What a fitted encoder needs to recreate an empty column of the right kind and format.
struct ColumnShape {
  std::string name;
  ColumnKind kind = ColumnKind::kCategorical;
  DatetimeFormat datetime_format;
  BooleanSpelling boolean_spelling;
  int float_decimals = 0;

  static ColumnShape Of(const Column& column);
  Column MakeEmpty() const;
};

class ColumnEncoder {
 public:
  virtual ~ColumnEncoder() = default;

  // "categorical", "numeric-discrete", "numeric-digits", "numeric-binned", "datetime".
  virtual std::string_view method() const = 0;
  const std::vector<SubColumnInfo>& sub_columns() const { return sub_columns_; }
  const ColumnShape& shape() const { return shape_; }
  // Set at fit time when the model will not reproduce the column faithfully (every value rare,
  // integers too far apart to stay exact): one sentence naming the column and the remedy, which
  // `fit` prints. Not saved in the model file.
  const std::string& warning() const { return warning_; }
  void SetWarning(std::string warning) { warning_ = std::move(warning); }

  // Writes the codes of rows [0, column.size()) into out[k][row] for each sub-column k
  // (out has sub_columns().size() spans of column.size() codes).
  virtual void Encode(const Column& column, std::span<const std::span<std::int32_t>> out) const = 0;

  // Appends `rows` decoded values to `column` (made by shape().MakeEmpty()). Any randomness
  // (a value inside a quantile bin) is drawn from (seed, row index starting at first_row).
  virtual void Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
                      std::uint64_t seed, std::uint64_t first_row, Column* column) const = 0;

  virtual nlohmann::json ToJson() const = 0;

  // Whether the non-null value in row `row` of `column` is one the model never saw (an unknown
  // or protected category, a number or date outside the learned range): encoding it gives the
  // nearest the model knows (_RARE_, the clipped value). Seeded generation warns about these.
  virtual bool IsUnseen(const Column& /*column*/, std::size_t /*row*/) const { return false; }

  // Range conditions (`--where col=lo..hi`; numbers, or datetimes in microseconds): the share of
  // the values still reachable once the column's first prefix.size() sub-columns hold `prefix`
  // that lie in [lo, hi], counting the reachable values as equally likely (0: none; null never
  // satisfies a range). Walking the sub-columns in order and weighting each code's probability
  // by this share samples exactly inside the range, and weights a leading digit whose block
  // the range barely touches accordingly. Columns without an order return 0.
  virtual double ReachShare(std::span<const std::int32_t> /*prefix*/, double /*lo*/, double /*hi*/) const {
    return 0;
  }

 protected:
  std::vector<SubColumnInfo> sub_columns_;
  ColumnShape shape_;
  std::string warning_;
};

// Chooses and fits the encoder of one column (never an identifier: those are regenerated).
// Text columns get a categorical encoder; the model decides whether that is acceptable.
// `spec` (may be null) supplies what the metadata declares public, used under DP.
std::unique_ptr<ColumnEncoder> FitEncoder(const Column& column, const EncodeOptions& options,
                                          const ColumnSpec* spec = nullptr);

// Rebuilds an encoder saved with ToJson(); ParameterError when the JSON is not one.
std::unique_ptr<ColumnEncoder> EncoderFromJson(const nlohmann::json& json);

// The protection threshold T in [5, 7] for one column, drawn from (seed, column name).
int ProtectionThreshold(const EncodeOptions& options, std::string_view column_name);

}  // namespace ersatz::encode
