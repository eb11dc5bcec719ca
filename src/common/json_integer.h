// Integers read from a model file's JSON header. nlohmann's get<integer>() casts a JSON float to
// the integer type without a range check, which is undefined behaviour for 2e22 (the model
// fuzzer found one); a model file is hostile input, so every integer in it is read through these,
// which take JSON integers within the type's range only.
#pragma once

#include <fmt/format.h>

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>
#include <vector>

#include "ersatz/error.h"

namespace ersatz {

// `value` as a T; ParameterError naming `what` when it is not an integer T can hold.
template <typename T>
T JsonInteger(const nlohmann::json& value, std::string_view what) {
  const bool fits = value.is_number_unsigned()  ? std::in_range<T>(value.get<std::uint64_t>())
                    : value.is_number_integer() ? std::in_range<T>(value.get<std::int64_t>())
                                                : false;
  if (!fits) {
    throw ParameterError(fmt::format("{}: expected an integer from {} to {}, found {}", what,
                                     std::numeric_limits<T>::min(), std::numeric_limits<T>::max(),
                                     value.dump()));
  }
  return value.get<T>();
}

// j[key] as a T when present, else `fallback` (keys that older model files lack).
template <typename T>
T JsonIntegerOr(const nlohmann::json& j, const char* key, T fallback, std::string_view what) {
  return j.contains(key) ? JsonInteger<T>(j.at(key), what) : fallback;
}

// An array of them.
template <typename T>
std::vector<T> JsonIntegers(const nlohmann::json& value, std::string_view what) {
  if (!value.is_array()) {
    throw ParameterError(fmt::format("{}: expected an array of integers, found {}", what, value.type_name()));
  }
  std::vector<T> out;
  out.reserve(value.size());
  for (const auto& v : value) out.push_back(JsonInteger<T>(v, what));
  return out;
}

}  // namespace ersatz
