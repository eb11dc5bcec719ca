// Constraints built into what the model learns, so sampled rows satisfy them by construction
// (docs/constraints.md):
//  - inequality low <= high: the model learns high − low (clipped at 0 when decoded) in place of
//    high, and high = low + difference after decoding;
//  - combination: the columns are learned as one categorical column of the combinations seen
//    (value protection turns a rare combination into _RARE_ in every column of it);
//  - derived: never learned; evaluated with muparser after decoding, formatted like the column;
//  - unique: generated values of the column are checked over the whole output (sampling loop).
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <vector>

#include "constraints/expression.h"
#include "encode/encoder.h"
#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::constraints {

class ConstraintPlan {
 public:
  ConstraintPlan();
  ~ConstraintPlan();
  ConstraintPlan(ConstraintPlan&&) noexcept;
  ConstraintPlan& operator=(ConstraintPlan&&) noexcept;

  // Checks `schema.constraints` against the columns of `table`: ParameterError naming the
  // metadata file and the constraint for an unknown column, a column of the wrong kind, an
  // expression muparser cannot parse, or a column in two structural constraints.
  static ConstraintPlan Fit(const Table& table, const Metadata& schema);
  static ConstraintPlan FromJson(const nlohmann::json& json);
  nlohmann::json ToJson() const;
  bool empty() const { return constraints_.empty(); }

  // The table the model learns (see the file comment).
  Table Prepare(const Table& table) const;
  // Completes decoded rows of the learned columns into the original columns, in their order.
  // row_ids[r] is row r's index in the whole output (row_number() = row_ids[r] + 1).
  Table Restore(Table learned, std::span<const std::uint64_t> row_ids) const;

  // Columns whose generated values must not repeat.
  std::vector<std::string> UniqueColumns() const;

 private:
  void Compile();
  std::vector<Constraint> constraints_;
  std::vector<encode::ColumnShape> columns_;  // the original columns, in order
  std::vector<std::int64_t> units_;           // per constraint: datetime inequality step (µs)
  std::vector<std::unique_ptr<Expression>> expressions_;  // per constraint (derived only)
};

// The name of the learned column that holds high − low / the combination of `columns`.
std::string DifferenceColumnName(const std::string& high, const std::string& low);
std::string CombinationColumnName(const std::vector<std::string>& columns);

}  // namespace ersatz::constraints
