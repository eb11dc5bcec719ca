// The DP guarantee of a fit in the forms it is shown: the model header's and the report's JSON
// (one layout, docs/model-file.md and docs/report-json.md) and one line of text.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ersatz/privacy_summary.h"

namespace ersatz::privacy {

nlohmann::json SummaryToJson(const DifferentialPrivacySummary& summary);
// nlohmann::json exceptions for a malformed value (the model loader turns them into DataError).
DifferentialPrivacySummary SummaryFromJson(const nlohmann::json& json);
// "ε = 1 (δ = 3.1e-06), unit of privacy: row; DP-SGD 480 steps, σ = 1.02, C = 1, q = 0.0393"
std::string SummaryLine(const DifferentialPrivacySummary& summary);

}  // namespace ersatz::privacy
