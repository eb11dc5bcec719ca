#include "encode/encoder.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "common/json_integer.h"
#include "common/random.h"
#include "encode/categorical_encoder.h"
#include "encode/datetime_encoder.h"
#include "encode/numeric_encoder.h"
#include "encode/shape_json.h"
#include "ersatz/error.h"

namespace ersatz::encode {

using nlohmann::json;

ColumnShape ColumnShape::Of(const Column& column) {
  ColumnShape s;
  s.name = column.name();
  s.kind = column.kind();
  s.datetime_format = column.datetime_format();
  s.boolean_spelling = column.boolean_spelling();
  s.float_decimals = column.float_decimals();
  return s;
}

Column ColumnShape::MakeEmpty() const {
  Column c(name, kind);
  c.datetime_format() = datetime_format;
  c.boolean_spelling() = boolean_spelling;
  c.set_float_decimals(float_decimals);
  return c;
}

int ProtectionThreshold(const EncodeOptions& options, std::string_view column_name) {
  std::uint64_t h = 1469598103934665603ull;  // FNV-1a of the name picks the stream
  for (char c : column_name) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  RandomStream rng(options.seed, h, 0);
  return 5 + static_cast<int>(rng.NextBelow(3));
}

std::unique_ptr<ColumnEncoder> FitEncoder(const Column& column, const EncodeOptions& options,
                                          const ColumnSpec* spec) {
  switch (column.kind()) {
    case ColumnKind::kInteger:
    case ColumnKind::kFloat: return FitNumericEncoder(column, options, spec);
    case ColumnKind::kDatetime: return std::make_unique<DatetimeEncoder>(column, options);
    case ColumnKind::kBoolean:
    case ColumnKind::kCategorical:
    case ColumnKind::kText: return std::make_unique<CategoricalEncoder>(column, options, spec);
  }
  throw std::logic_error("unknown column kind");
}

json ShapeToJson(const ColumnShape& s) {
  json j = {{"name", s.name}, {"kind", ColumnKindName(s.kind)}};
  if (s.kind == ColumnKind::kDatetime) {
    j["format"] = s.datetime_format.pattern;
    j["fraction_digits"] = s.datetime_format.fraction_digits;
  }
  if (s.kind == ColumnKind::kBoolean) {
    j["true"] = s.boolean_spelling.true_text;
    j["false"] = s.boolean_spelling.false_text;
  }
  if (s.kind == ColumnKind::kFloat) j["decimals"] = s.float_decimals;
  return j;
}

ColumnShape ShapeFromJson(const json& j) {
  ColumnShape s;
  s.name = j.at("name").get<std::string>();
  if (!ParseColumnKind(j.at("kind").get<std::string>(), &s.kind)) {
    throw ParameterError(fmt::format("column '{}': unknown kind '{}'", s.name,
                                     j.at("kind").get<std::string>()));
  }
  if (s.kind == ColumnKind::kDatetime) {
    s.datetime_format.pattern = j.at("format").get<std::string>();
    s.datetime_format.fraction_digits = JsonInteger<int>(j.at("fraction_digits"), "fraction_digits");
  }
  if (s.kind == ColumnKind::kBoolean) {
    s.boolean_spelling = {j.at("true").get<std::string>(), j.at("false").get<std::string>()};
  }
  if (s.kind == ColumnKind::kFloat) s.float_decimals = JsonInteger<int>(j.at("decimals"), "decimals");
  return s;
}

std::unique_ptr<ColumnEncoder> EncoderFromJson(const json& j) {
  try {
    const std::string method = j.at("method").get<std::string>();
    if (method == "categorical") return std::make_unique<CategoricalEncoder>(j);
    if (method == "datetime") return std::make_unique<DatetimeEncoder>(j);
    if (method.rfind("numeric-", 0) == 0) return NumericEncoderFromJson(j);
    throw ParameterError(fmt::format("unknown encoder method '{}'", method));
  } catch (const json::exception& e) {
    throw ParameterError(fmt::format("malformed encoder description: {}", e.what()));
  }
}

}  // namespace ersatz::encode
