// Names of entity types and operators: the one documented list (docs/pii.md).
#include <array>

#include "ersatz/transform.h"

namespace ersatz {

namespace {
constexpr std::array<std::string_view, kPiiEntityCount> kEntityNames = {
    "EMAIL",         "PHONE",          "CREDIT_CARD",    "IBAN",        "US_SSN",
    "IP_ADDRESS",    "MAC_ADDRESS",    "URL",            "DATE_OF_BIRTH", "PERSON_NAME",
    "FIRST_NAME",    "LAST_NAME",      "STREET_ADDRESS", "POSTAL_CODE", "LATITUDE_LONGITUDE",
    "UK_NINO",       "ES_NIF",
};
}  // namespace

std::string_view EntityName(PiiEntity entity) { return kEntityNames[static_cast<int>(entity)]; }

bool ParseEntityName(std::string_view name, PiiEntity* entity) {
  for (int i = 0; i < kPiiEntityCount; ++i) {
    if (kEntityNames[i] == name) {
      *entity = static_cast<PiiEntity>(i);
      return true;
    }
  }
  return false;
}

std::string_view OperatorName(TransformOp op) {
  switch (op) {
    case TransformOp::kKeep: return "keep";
    case TransformOp::kDrop: return "drop";
    case TransformOp::kFake: return "fake";
    case TransformOp::kHash: return "hash";
    case TransformOp::kMask: return "mask";
    case TransformOp::kRedact: return "redact";
    case TransformOp::kDateShift: return "date_shift";
    case TransformOp::kNoise: return "noise";
    case TransformOp::kRound: return "round";
    case TransformOp::kBucket: return "bucket";
    case TransformOp::kReplaceEntities: return "replace_entities";
  }
  return "?";
}

}  // namespace ersatz
