// The parameters of reading a CSV file, shared by every verb that reads one.
#pragma once

#include "ersatz/csv.h"
#include "ersatz/params.h"

namespace ersatz {

inline constexpr ParamSpec kCsvReadParams[] = {
    {"delimiter", ParamType::kString, "auto", {},
     "Field separator: auto detects it from the first lines.", "auto|comma|semicolon|tab|pipe"},
    {"null-values", ParamType::kStringList, "NA,N/A,NULL,null,NaN,#N/A", {},
     "Unquoted cells equal to one of these are missing values (empty cells always are)."},
    {"skip-bad-rows", ParamType::kFlag, "false", {},
     "Drop rows with the wrong number of fields (and report how many) instead of failing."},
    {"metadata", ParamType::kInputPath, "", {},
     "Metadata file (JSON or YAML) that fixes column types; see `ersatz profile --write-metadata`."},
};

// CsvReadOptions from validated parameter values.
CsvReadOptions CsvReadOptionsFromParams(const ParamValues& params);

}  // namespace ersatz
