// What `sample --seed-data` and `impute` share: run SampleGivenCsvFile with progress and warnings.
#pragma once

#include <string_view>

#include "cli/verb.h"
#include "ersatz/generator.h"

namespace ersatz::cli {

// `what` names the input rows in the summary line ("seed rows", "rows"); `no_nulls` (imputation): never generate a
// missing value.
void RunGiven(const VerbContext& ctx, const Generator& generator, const GivenFileOptions& files,
              std::string_view what, bool no_nulls = false);

}  // namespace ersatz::cli
