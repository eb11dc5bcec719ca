// What `ersatz fit` and `ersatz audit` both do before training: read and type the CSV, leave out
// dropped columns, and split off a seeded holdout.
#pragma once

#include <cstdint>
#include <functional>
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
// A seeded random share `holdout` of the table's rows kept out of training. With an
// `entity_column` (fit --entity-column) that share of the entities goes, each with all its rows:
// an entity in both halves would make its holdout rows look like training rows to the report's
// privacy measures (ParameterError when the table has no such column).
HoldoutSplit SplitHoldout(const Table& table, double holdout, std::uint64_t seed,
                          const std::string& entity_column = {});

}  // namespace ersatz
