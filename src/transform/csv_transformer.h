// The cell-by-cell work shared by `ersatz transform` (a file, chunk by chunk) and
// `ersatz fit --transform` (a table in memory): each column's operator is decided once from the
// policy and the detections on the first rows, then every row is written out as CSV text.
// A column the policy keeps is still checked value by value (the head of a file does not speak
// for its tail): a value that is PII on its own evidence is replaced as the policy would replace
// a column of that entity, and counted in the column's action.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "ersatz/transform.h"
#include "transform/operators.h"

namespace ersatz::transform {

// Same input, same output: recent results of one column, direct-mapped by a 64-bit hash of the
// value. A value landing on a taken slot replaces it (the key is compared, so a collision is a
// miss, never a wrong answer); memory is bounded and nothing is rehashed or freed cell by cell.
// Columns of unique values (e-mails, notes) would only pay for it: a column whose look-ups
// mostly miss stops using it for a while (outputs do not depend on it, only the time does).
class ValueCache {
 public:
  static constexpr std::size_t kSlots = std::size_t{1} << 12;  // tags and short keys fit in L2
  // False while the cache is resting after a window of look-ups that mostly missed.
  bool Worthwhile();
  // The cached output of `key`, or nullptr.
  const std::string* Find(std::uint64_t hash, std::string_view key);
  // The slot now holding `key`; the caller assigns its output.
  std::string* Insert(std::uint64_t hash, std::string_view key);

 private:
  struct Slot {
    std::string key, value;  // assigned, not reallocated: their capacity is reused
  };
  // Apart from the slots, so that a miss (most cells of a column of unique values) reads 8 bytes:
  // hash | 1 of the slot's key, 0 for an empty slot.
  std::vector<std::uint64_t> tags_;
  std::vector<Slot> slots_;  // both allocated on the first insert
  std::size_t lookups_ = 0, hits_ = 0;  // in the current window
  std::size_t resting_ = 0;             // cells left to skip the cache for
};

class CsvTransformer {
 public:
  // Decides each column's operator from `policy` and the detections on the first
  // scan_options.sample_rows rows of `first_rows`. ParameterError naming `source` when a rule's
  // column pattern or entity_column matches no column.
  CsvTransformer(const RawTable& first_rows, const std::string& source, const TransformPolicy& policy,
                 const TransformKey& key, const ScanOptions& scan_options, char delimiter);
  ~CsvTransformer();

  const std::vector<ColumnAction>& actions() const { return actions_; }
  // The header of the kept columns, then a line break.
  void AppendHeader(std::string* out) const;
  // Row `row` of `chunk` (same columns as `first_rows`), transformed, then a line break.
  void AppendRow(const RawTable& chunk, std::size_t row, std::string* out);

 private:
  struct ColumnPlan;
  struct KeptColumnCheck;
  // Operator parameters of `rule` applied to `entity` (ParameterError naming `source` for an
  // unknown entity_column).
  void MakePlan(const TransformRule* rule, std::optional<PiiEntity> entity, const std::string& source,
                ColumnPlan* plan) const;
  std::unique_ptr<KeptColumnCheck> MakeKeptColumnCheck(std::size_t column, const TransformPolicy& policy,
                                                       const std::vector<std::string>& head,
                                                       const std::string& source);
  std::string_view Apply(ColumnPlan& plan, std::string_view value, const RawTable& chunk, std::size_t row);
  // `value` of kept column `column`, or its replacement when it is PII on its own (counted).
  std::string_view CheckKept(std::size_t column, std::string_view value, const RawTable& chunk, std::size_t row);
  // CheckKept without its cache: sets the bits of the entities found in *mask and the plan that
  // replaced the value in *replaced_by.
  std::string_view JudgeKept(std::size_t column, std::string_view value, const RawTable& chunk, std::size_t row,
                             std::uint32_t* mask, const ColumnPlan** replaced_by);

  std::vector<std::string> header_;
  std::vector<ColumnAction> actions_;
  std::vector<ColumnPlan> plans_;
  Operators ops_;
  std::string region_;
  char delimiter_;
};

// Appends `value` as one CSV cell, quoted when it would not read back as itself.
void AppendCsvCell(std::string_view value, char delimiter, std::string* out);

}  // namespace ersatz::transform
