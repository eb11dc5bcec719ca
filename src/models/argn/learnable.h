// Whether a table gives a model anything to learn, checked before training: a model of no
// columns, no rows or only empty columns would sample nonsense without a word (issue 13,
// class 4). Refusals are DataErrors that say what is missing; lesser problems are warnings.
#pragma once

#include <string>
#include <vector>

#include "ersatz/metadata.h"
#include "ersatz/table.h"

namespace ersatz {

// Throws a DataError when there is nothing to learn: no column, fewer than 2 rows, or every
// column empty. Returns one warning per column that is entirely missing (generated empty), and
// one when every learned column holds a single value (each sampled row will be that row).
std::vector<std::string> CheckLearnable(const Table& table, const Metadata& schema);

}  // namespace ersatz
