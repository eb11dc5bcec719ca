// The privacy side of Generator::Fit with --epsilon: the unit of privacy (a row, or an entity
// whose rows are grouped by --entity-column), δ's default, the rows the encoders' statistics are
// computed on (one per unit: then "each entity contributes at most 1 to every count") and the
// split of the budget between those statistics and DP-SGD (docs/privacy.md).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "encode/dp_statistics.h"
#include "ersatz/generator.h"
#include "models/argn/dp_trainer.h"
#include "privacy/budget.h"
#include "privacy/random_bits.h"

namespace ersatz::argn {

struct DpFitSetup {
  double epsilon = 0, delta = 0;  // the whole budget
  PrivacyUnits units;
  std::string unit = "row";  // or "entity <column>"
  bool one_row_per_unit = false;              // entities: statistics see statistics_rows only
  std::vector<std::uint32_t> statistics_rows;
  Metadata schema;                  // the entity column becomes an identifier (not learned)
  std::size_t private_columns = 0;  // columns whose statistics need budget
  // Each private column's share of the statistics: ρ-zCDP for its noise (composed with DP-SGD in
  // RDP) and δ for a category set's threshold.
  double rho_per_column = 0;
  double threshold_delta_per_column = 0;
};

// Records the fit's spending in `budget` from DP-SGD's single conversion of its RDP curve plus the
// statistics' ρ at the best order α: each statistic ρα (and a category set's threshold δ), DP-SGD
// its own RDP at α, and the conversion term (what the RDP → (ε, δ) bound adds at α) with
// `conversion_delta`. The lines add up to the ε the accountant states (docs/privacy.md).
void ChargeDpFit(const encode::DpStatistics& statistics, const DpSgdReport& sgd, double conversion_delta,
                 privacy::PrivacyBudget& budget);

// The rows of each entity of `column`, entities numbered in order of first appearance; nulls form
// one entity. ParameterError for a column the table lacks or that cannot identify (not integer or
// text).
PrivacyUnits GroupByEntity(const Table& table, const std::string& column);

// ParameterError for ε ≤ 0 or not finite, δ outside (0, 1), an unknown entity column.
DpFitSetup PrepareDpFit(const Table& table, const Metadata& schema, const FitOptions& options,
                        privacy::RandomBits& bits);

}  // namespace ersatz::argn
