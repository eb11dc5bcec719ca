// The privacy filter at sampling time (`ersatz sample --privacy-filter off|medium|high`): rejects
// synthetic rows that copy a training row exactly or nearly. The model file keeps only keyed
// hashes of the training rows (CopyFilterData), never the rows; see docs/privacy.md.
#pragma once

#include <cstdint>
#include <limits>
#include <memory>
#include <span>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "ersatz/row_check.h"
#include "models/model_file.h"
#include "privacy/filter/row_hashes.h"

namespace ersatz::privacy {

enum class FilterLevel { kOff, kMedium, kHigh };

// ParameterError "privacy-filter: expected off, medium or high, found \"…\"".
FilterLevel ParseFilterLevel(std::string_view text);

// The reasons a filtered row is counted under.
inline constexpr std::string_view kExactCopyReason = "exact copy of a training row";
inline constexpr std::string_view kNearCopyReason = "near copy of a training row";

// Training rows (or cell patterns) shared by at least this many training rows are not filtered:
// they are patterns of the population, not one person's record.
inline constexpr std::size_t kCommonRows = 5;

// What a model file stores for the filter: the key, the columns and their cell widths, and three
// sorted sets of row hashes (of the rows and patterns fewer than kCommonRows training rows share).
struct CopyFilterData {
  std::uint64_t key = 0;
  std::vector<HashedColumn> columns;
  std::size_t rows = 0;
  std::vector<std::uint64_t> exact;   // rows as they are
  std::vector<std::uint64_t> medium;  // rows cut into medium cells
  std::vector<std::uint64_t> high;    // rows cut into high cells
  // The training rows' 0.1% log-likelihood quantile (likelihood_filter.h); NaN when unknown.
  double likelihood_floor = std::numeric_limits<double>::quiet_NaN();

  // Hashes every row of `training` on `column_names` under `key`, keeping the rare ones.
  static CopyFilterData Build(const Table& training, const std::vector<std::string>& column_names,
                              std::uint64_t key);

  // The header entry (key, columns, widths) and the tensors "privacy_filter.*".
  nlohmann::json ToJson() const;
  void ToTensors(std::vector<Tensor>* tensors) const;
  // DataError when the header entry or a tensor is malformed or missing.
  static CopyFilterData FromModel(const nlohmann::json& json, const ModelFile& file);
};

// Membership in a sorted set of hashes in about one memory access: the hashes are uniform, so
// their top bits say where to look.
class HashIndex {
 public:
  explicit HashIndex(std::span<const std::uint64_t> sorted);
  bool Contains(std::uint64_t h) const;

 private:
  std::span<const std::uint64_t> sorted_;
  int shift_ = 64;
  std::vector<std::uint32_t> first_;  // first_[b]: the first hash whose top bits are ≥ b
};

class CopyFilter final : public RowCheck {
 public:
  CopyFilter(std::shared_ptr<const CopyFilterData> data, FilterLevel level);
  void Check(const Table& batch, std::span<std::uint8_t> reject,
             RejectionCounts* counts) const override;

 private:
  std::shared_ptr<const CopyFilterData> data_;
  FilterLevel level_;
  RowHasher hasher_;
  HashIndex exact_, medium_, high_;
};

}  // namespace ersatz::privacy
