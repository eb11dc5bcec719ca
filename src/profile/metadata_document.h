// The metadata file's structure, checked once for both syntaxes: YAML documents are converted to
// the same JSON value (scalars become strings) before validation, so both give the same messages.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "ersatz/metadata.h"

namespace ersatz {

// Validates `doc` and builds the Metadata; ParameterError naming `source` and the key/column.
Metadata MetadataFromDocument(const nlohmann::json& doc, const std::string& source);

// A constraint as the metadata document writes it (JSON; YAML writes the same keys).
nlohmann::ordered_json ConstraintToDocument(const Constraint& c);

// The storage a semantic type gets when data does not decide (identifier: text).
ColumnKind DefaultStorage(SemanticType type);

}  // namespace ersatz
