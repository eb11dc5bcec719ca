// Constraints built into what the model learns, so sampled rows satisfy them by construction
// (docs/constraints.md):
//  - inequality low <= high: the model learns high − low (clipped at 0 when decoded) in place of
//    high, and high = low + difference after decoding;
//  - combination: the columns are learned as one categorical column of the combinations seen
//    (value protection turns a rare combination into _RARE_ in every column of it);
//  - derived: never learned; evaluated with muparser after decoding, formatted like the column;
//  - mapping: never learned; looked up in a table fitted here (constraints/mapping.h);
//  - unique: generated values of the column are checked over the whole output (sampling loop).
// Of derived and mapping columns the model may still learn the exceptions or a ratio
// (constraints/computed.h). Rules discovered in the data (constraints/discover.h) join the
// declared constraints after them, in the same form.
#pragma once

#include <cstdint>
#include <memory>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "constraints/expression.h"
#include "constraints/mapping.h"
#include "encode/encoder.h"
#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::constraints {

struct PlanOptions {
  // Rules found in the data (constraints/discover.h), restored after the declared constraints.
  std::vector<Constraint> discovered;
  // Value protection (encode::EncodeOptions): a mapping leaves out parent values held by fewer
  // rows than the parent's encoder keeps.
  bool value_protection = true;
  std::uint64_t seed = 0;
};

// What `ersatz fit` reports of a derived or mapping column.
struct RuleReport {
  Constraint constraint;
  bool discovered = false;
  std::size_t rows = 0;   // training rows
  std::size_t holds = 0;  // rows where the rule gives the value (ratio: rows it can express)
  std::size_t entries = 0;  // mapping: values or intervals in the table
  bool intervals = false;   // mapping from a number column
  double ratio_low = 0, ratio_high = 0;  // ratio: its 1st and 99th percentiles
};

class ConstraintPlan {
 public:
  ConstraintPlan();
  ~ConstraintPlan();
  ConstraintPlan(ConstraintPlan&&) noexcept;
  ConstraintPlan& operator=(ConstraintPlan&&) noexcept;

  // Checks `schema.constraints` against the columns of `table`: ParameterError naming the
  // metadata file and the constraint for an unknown column, a column of the wrong kind, an
  // expression muparser cannot parse, or a column in two structural constraints. Fits the
  // mapping tables and measures how often each computed column's rule holds.
  static ConstraintPlan Fit(const Table& table, const Metadata& schema,
                            const PlanOptions& options = {});
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
  // Every derived and mapping column, declared ones first.
  std::vector<RuleReport> Rules() const;
  // The constraint that rebuilds `column` from other columns (derived, mapping, the high side
  // of an inequality, a combination's columns); null when the model learns it as it is.
  struct Rebuilder {
    const Constraint* constraint = nullptr;
    bool discovered = false;
  };
  Rebuilder RebuiltBy(const std::string& column) const;
  // The lookup table of the mapping constraint that computes `column`, or null.
  const Mapping* MappingOf(const std::string& column) const;

 private:
  struct Fitted {
    std::int64_t unit = 1;  // datetime inequality: the step of the difference (µs)
    std::optional<Mapping> mapping;
    int ratio_decimals = 0;
    bool discovered = false;
    std::size_t holds = 0;
    double ratio_low = 0, ratio_high = 0;
  };
  void Compile();
  void MeasureRules(const Table& table);  // fitted_[i].holds and the ratio ranges
  // What a derived or mapping constraint gives for every row of `work`, rounded like its column
  // (`raw`, when given, receives a derived constraint's unrounded values).
  Column RuleValues(std::size_t i, const Table& work, std::span<const double> row_numbers,
                    std::vector<double>* raw = nullptr) const;
  const encode::ColumnShape& ShapeOf(const std::string& name) const;
  std::vector<Constraint> constraints_;
  std::vector<encode::ColumnShape> columns_;  // the original columns, in order
  std::vector<Fitted> fitted_;                // per constraint
  std::size_t rows_ = 0;                      // training rows
  std::vector<std::unique_ptr<Expression>> expressions_;  // per constraint (derived only)
};

// The name of the learned column that holds high − low / the combination of `columns`.
std::string DifferenceColumnName(const std::string& high, const std::string& low);
std::string CombinationColumnName(const std::vector<std::string>& columns);

}  // namespace ersatz::constraints
