// JSON of a ColumnShape, shared by every encoder's ToJson / from-JSON constructor.
#pragma once

#include <nlohmann/json.hpp>

#include "encode/encoder.h"

namespace ersatz::encode {

nlohmann::json ShapeToJson(const ColumnShape& shape);
ColumnShape ShapeFromJson(const nlohmann::json& json);

}  // namespace ersatz::encode
