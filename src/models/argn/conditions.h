// Conditional sampling: what each generated row must satisfy, and sampling that honours it
// exactly. A row's conditions are per-row data — per learned column: nothing, fixed codes (a
// seeded, imputed or rebalanced value) or a rule (`--where`) — so a row that is drawn again keeps
// the same conditions. Any-order training is what makes this exact: the conditioned columns come
// first in the row's column order, and rules mask the codes that cannot satisfy them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "encode/table_encoder.h"
#include "models/argn/network.h"

namespace ersatz::argn {

// A `--where` condition on one learned column.
struct ColumnRule {
  int column = -1;
  std::string origin;                 // "--where 'age=30..40'", for messages
  std::vector<std::uint8_t> allowed;  // set rules (one sub-column): allowed[code]
  bool range = false;                 // range rules: [lo, hi] in the column's numeric domain
  double lo = 0;
  double hi = 0;
};

// Parses 'col=value', 'col=a,b,c' (categories) or 'col=lo..hi' (numbers and datetimes; either
// side may be left open; 'col=v' on a number is 'v..v'). ParameterError naming `origin` for an
// unknown column, a value the model never saw, a malformed number or date, or a range that no
// value the model can generate falls in.
ColumnRule ParseWhere(const encode::TableEncoder& encoder, const std::string& text,
                      const std::string& origin);

class RowConditions {
 public:
  enum class State : std::uint8_t { kFree, kFixed, kRuled };

  RowConditions(const encode::TableEncoder& encoder, std::size_t rows);
  std::size_t rows() const { return rows_; }
  // Fixes learned column `column` of `row` to the codes of its sub-columns.
  void Fix(std::size_t row, int column, std::span<const std::int32_t> codes);
  int AddRule(ColumnRule rule);
  void Restrict(std::size_t row, int rule);
  // The conditions of `rows` (in that order), e.g. for drawing rejected rows again.
  RowConditions Take(std::span<const std::uint32_t> rows) const;

  State state(std::size_t row, int column) const { return state_[row * columns_ + column]; }
  std::int32_t fixed_code(std::size_t row, int sub) const { return fixed_[row * subs_ + sub]; }
  const ColumnRule& rule(std::size_t row, int column) const {
    return rules_[rule_[row * columns_ + column]];
  }

 private:
  std::size_t rows_, columns_, subs_;
  std::vector<std::size_t> first_sub_;
  std::vector<State> state_;          // [row][column]
  std::vector<std::int32_t> fixed_;   // [row][sub]
  std::vector<std::int16_t> rule_;    // [row][column]
  std::vector<ColumnRule> rules_;
};

// The --where and --rebalance conditions of a sampling run, applied to rows one by one.
// `--rebalance 'col=value:share'` (several per column allowed) sets target shares of a
// categorical column's categories; the remaining share goes to the other categories in proportion
// to the model's own frequencies. Each row's category is drawn from the shares with (seed, row)
// and the row is then conditioned on it.
class ConditionPlan {
 public:
  ConditionPlan() = default;
  // ParameterError naming the --where / --rebalance for every malformed or impossible condition.
  // `no_nulls`: every column that can be null and has no other condition gets one excluding NULL.
  ConditionPlan(const encode::TableEncoder& encoder, Network& network,
                const std::vector<std::string>& where, const std::vector<std::string>& rebalance,
                bool no_nulls = false);
  bool empty() const { return rules_.empty() && fixed_.empty() && rebalance_.empty(); }
  // Conditions holding the plan's rules, for `rows` rows.
  RowConditions Start(const encode::TableEncoder& encoder, std::size_t rows) const;
  // Conditions row `row` (row `global_row` of the run) on every plan column it leaves free.
  void Apply(RowConditions* conditions, std::size_t row, std::uint64_t global_row,
             std::uint64_t seed) const;
  // Learned columns the plan conditions with --where / --rebalance (to reject seed columns that
  // clash with them).
  std::vector<int> Columns() const;

 private:
  struct Fixed {
    int column;
    std::int32_t code;  // single-sub-column columns whose condition allows one code
  };
  struct Rebalance {
    int column;
    std::vector<double> cumulative;  // per code of the column's sub-column
  };
  std::vector<ColumnRule> rules_;
  std::size_t not_null_rules_ = 0;  // the last rules of rules_ are no_nulls' own
  std::vector<Fixed> fixed_;
  std::vector<Rebalance> rebalance_;
};

struct ConditionedSampling {
  std::span<const float> temperature;  // per sub-column
  float top_p = 1;
  std::uint64_t seed = 0;
  std::uint64_t first_row = 0;  // global index of the batch's row 0 (draws are keyed by it)
  // Redraws of rejected rows: row r is keyed by row_ids[r] instead of first_row + r, and every
  // row of one condition pattern shares one column order (a row's values then depend only on
  // its own index and the seed, not on which other rows were rejected with it).
  std::span<const std::uint32_t> row_ids;
};

// Samples every row of `conditions` into codes[k][row]. Rows are grouped by which columns they
// condition; each group of up to 256 rows draws its own column order with those columns first.
void SampleConditioned(const Network& network, const encode::TableEncoder& encoder,
                       const RowConditions& conditions, const ConditionedSampling& how,
                       std::vector<std::vector<std::int32_t>>* codes);

}  // namespace ersatz::argn
