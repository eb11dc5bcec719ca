// Whether the training data obeys its declared constraints, checked on the whole file before the
// holdout is split off, so a broken row is named by its place in the file.
#pragma once

#include <string>

#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz::constraints {

// DataError for the first row of `table` that breaks a constraint: "data.csv: data row 17:
// start (2021-03-05) is after end (2021-03-01), breaking constraint 1 (start <= end) of
// meta.json; fix the data or drop the constraint". Run on the whole file before training.
void CheckConstraintsHold(const Table& table, const Metadata& schema,
                          const std::string& data_source);

}  // namespace ersatz::constraints
