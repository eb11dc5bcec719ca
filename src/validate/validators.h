// Validators learned at fit time and stored in the model: what a generated value may look like.
// They are learned from the fitted encoders, not the raw data, so the ranges are value
// protection's clipped bounds and never a private extreme; category sets include the _RARE_
// token. Generator::Sample runs them on every decoded batch (a RowCheck) and redraws rows they
// reject.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <unordered_set>
#include <vector>

#include "encode/table_encoder.h"
#include "ersatz/row_check.h"

namespace ersatz::validate {

// One column's rule. Which fields matter depends on `rule`.
struct ColumnRule {
  enum class Kind { kRange, kDecimals, kCategories, kShape };
  Kind kind = Kind::kRange;
  std::string column;
  double min = 0, max = 0;              // kRange (datetimes: microseconds since the epoch)
  bool datetime = false;                // kRange: the bounds are datetimes
  int decimals = 0;                     // kDecimals: at most this many
  std::vector<std::string> categories;  // kCategories
  // kShape: value length and, per position, the character classes seen (bit mask of
  // kDigit | kUpper | kLower | kOther).
  std::vector<std::uint8_t> classes;
};

inline constexpr std::uint8_t kDigit = 1, kUpper = 2, kLower = 4, kOther = 8;

class Validators final : public RowCheck {
 public:
  Validators() = default;
  explicit Validators(std::vector<ColumnRule> rules);

  // From the encoders of a fitted model: ranges and precision of numbers and datetimes,
  // category sets, and the shape of code-like categories (all of one length, 2 to 32 characters).
  static Validators Learn(const encode::TableEncoder& encoder);
  // ParameterError when `json` is not a list of rules.
  static Validators FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;

  const std::vector<ColumnRule>& rules() const { return rules_; }
  bool empty() const { return rules_.empty(); }

  // Rules whose column is not in the batch are skipped (a column the caller dropped).
  void Check(const Table& batch, std::span<std::uint8_t> reject,
             RejectionCounts* counts) const override;

 private:
  std::vector<ColumnRule> rules_;
  // Per rule: the reasons a user reads ("age above 90 (the largest value learned)").
  std::vector<std::string> below_, above_;
  std::vector<std::unordered_set<std::string>> sets_;  // per rule (kCategories only)
};

// The class bit of one character.
std::uint8_t CharClass(char c);

}  // namespace ersatz::validate
