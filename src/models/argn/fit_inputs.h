// What `ersatz fit` and `ersatz audit` both do before training: read and type the CSV, leave out
// dropped columns, and split off a seeded holdout.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "ersatz/csv.h"
#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz {

// Reads `data_path` typed as ReadCsv does (with the metadata file's overrides when given) and
// removes the `drop` columns (ParameterError naming the first one missing). `before_typing`, when
// given, may rewrite the raw cells first (`fit --transform`: the model then learns the
// replacements with their own types).
Table ReadFitTable(const std::string& data_path, const CsvReadOptions& csv,
                   const std::string& metadata_path, const std::vector<std::string>& drop,
                   CsvReadReport* report, Metadata* schema,
                   const std::function<void(RawTable* raw)>& before_typing = {});

struct HoldoutSplit {
  std::vector<std::uint32_t> train, holdout;  // row indices, each sorted
};

// The holdout `fit` keeps for its report unless told otherwise: 10% of the rows (entities), at
// most 2,000. The report's measures compare equal-sized samples of training and holdout rows, so
// a larger holdout would only sharpen them, at the cost of rows the model never learns from; from
// 200 rows on it reaches the 20 rows the membership attack needs.
inline constexpr double kDefaultHoldoutShare = 0.1;
inline constexpr std::size_t kMaxDefaultHoldout = 2000;
std::size_t DefaultHoldoutCount(std::size_t units);

// A seeded random share `holdout` of the table's rows kept out of training (nullopt:
// DefaultHoldoutCount of them). With an `entity_column` (fit --entity-column) that share of the
// entities goes, each with all its rows: an entity in both halves would make its holdout rows
// look like training rows to the report's privacy measures (ParameterError when the table has no
// such column).
HoldoutSplit SplitHoldout(const Table& table, std::optional<double> holdout, std::uint64_t seed,
                          const std::string& entity_column = {});

}  // namespace ersatz
