#include "ersatz/params.h"

#include <algorithm>
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <cmath>

#include "common/atomic_file.h"
#include "ersatz/error.h"

namespace ersatz {

namespace {

std::vector<std::string_view> SplitChoices(std::string_view choices) {
  std::vector<std::string_view> out;
  while (!choices.empty()) {
    const auto bar = choices.find('|');
    out.push_back(choices.substr(0, bar));
    if (bar == std::string_view::npos) break;
    choices.remove_prefix(bar + 1);
  }
  return out;
}

std::string RangeText(const Range& r) {
  if (r.min && r.max) return fmt::format("between {} and {}", *r.min, *r.max);
  if (r.min) return fmt::format("at least {}", *r.min);
  return fmt::format("at most {}", *r.max);
}

void CheckRange(const ParamSpec& spec, double v, std::string_view text, std::string_view origin) {
  const Range& r = spec.range;
  if ((r.min && v < *r.min) || (r.max && v > *r.max)) {
    throw ParameterError(
        fmt::format("{}: {} is out of range: expected a value {}", origin, text, RangeText(r)));
  }
}

bool ParseFlagText(std::string_view text, bool* value) {
  if (text == "true" || text == "on" || text == "yes" || text == "1") {
    *value = true;
  } else if (text == "false" || text == "off" || text == "no" || text == "0") {
    *value = false;
  } else {
    return false;
  }
  return true;
}

}  // namespace

std::string_view ParamTypeName(ParamType type) {
  switch (type) {
    case ParamType::kFlag: return "flag";
    case ParamType::kInt: return "int";
    case ParamType::kFloat: return "float";
    case ParamType::kString: return "string";
    case ParamType::kInputPath: return "path";
    case ParamType::kOutputPath: return "output path";
    case ParamType::kStringList: return "list";
  }
  return "?";
}

ParamValues::ParamValues(std::initializer_list<std::span<const ParamSpec>> tables) {
  for (const auto& table : tables) specs_.insert(specs_.end(), table.begin(), table.end());
}

const ParamSpec* ParamValues::Find(std::string_view name) const {
  for (const auto& spec : specs_) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

void ParamValues::Set(std::string_view name, std::string_view value, std::string_view origin) {
  const ParamSpec* spec = Find(name);
  if (spec == nullptr) throw ParameterError(fmt::format("{}: unknown parameter '{}'", origin, name));
  switch (spec->type) {
    case ParamType::kFlag: {
      bool b = false;
      if (!ParseFlagText(value, &b)) {
        throw ParameterError(
            fmt::format("{}: expected true or false, found \"{}\"", origin, value));
      }
      break;
    }
    case ParamType::kInt: {
      long long v = 0;
      const auto r = std::from_chars(value.data(), value.data() + value.size(), v);
      if (r.ec != std::errc() || r.ptr != value.data() + value.size()) {
        throw ParameterError(
            fmt::format("{}: expected a whole number, found \"{}\"", origin, value));
      }
      CheckRange(*spec, static_cast<double>(v), value, origin);
      break;
    }
    case ParamType::kFloat: {
      double v = 0;
      const auto r = std::from_chars(value.data(), value.data() + value.size(), v);
      if (r.ec != std::errc() || r.ptr != value.data() + value.size() || !std::isfinite(v)) {
        throw ParameterError(fmt::format("{}: expected a number, found \"{}\"", origin, value));
      }
      CheckRange(*spec, v, value, origin);
      break;
    }
    case ParamType::kString: {
      if (!spec->choices.empty()) {
        const auto choices = SplitChoices(spec->choices);
        if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
          throw ParameterError(fmt::format("{}: expected one of {}, found \"{}\"", origin,
                                           fmt::join(choices, ", "), value));
        }
      }
      if (spec->check != nullptr) {
        const std::string problem = spec->check(value);
        if (!problem.empty()) throw ParameterError(fmt::format("{}: {}", origin, problem));
      }
      break;
    }
    case ParamType::kInputPath:
    case ParamType::kOutputPath:
      if (value.empty()) throw ParameterError(fmt::format("{}: expected a file name", origin));
      break;
    case ParamType::kStringList: SetList(name, {std::string(value)}, origin); return;
  }
  values_[std::string(name)] = {std::string(value)};
}

void ParamValues::SetList(std::string_view name, std::vector<std::string> values,
                          std::string_view origin) {
  const ParamSpec* spec = Find(name);
  if (spec == nullptr) throw ParameterError(fmt::format("{}: unknown parameter '{}'", origin, name));
  if (spec->type != ParamType::kStringList) {
    if (values.size() != 1) {
      throw ParameterError(fmt::format("{}: expected a single value, found {}", origin, values.size()));
    }
    Set(name, values.front(), origin);
    return;
  }
  values_[std::string(name)] = std::move(values);
}

void ParamValues::LoadConfigFile(const std::string& path, std::span<const std::string_view> sections) {
  const std::string text = ReadTextFile(path, "configuration file", 16u << 20);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ParameterError(fmt::format("{}:{}:{}: invalid YAML: {}", path, e.mark.line + 1,
                                     e.mark.column + 1, e.msg));
  }
  if (root.IsNull()) return;
  if (!root.IsMap()) {
    throw ParameterError(fmt::format("{}: expected a mapping of parameter names to values", path));
  }
  for (const auto& entry : root) {
    const std::string key = entry.first.as<std::string>();
    if (std::find(sections.begin(), sections.end(), key) != sections.end()) continue;
    const std::string origin = fmt::format("{}:{}: {}", path, entry.first.Mark().line + 1, key);
    const YAML::Node& value = entry.second;
    if (value.IsSequence()) {
      std::vector<std::string> items;
      for (const auto& item : value) {
        if (!item.IsScalar()) throw ParameterError(fmt::format("{}: expected a list of values", origin));
        items.push_back(item.Scalar());
      }
      SetList(key, std::move(items), origin);
    } else if (value.IsScalar()) {
      Set(key, value.Scalar(), origin);
    } else {
      throw ParameterError(fmt::format("{}: expected a value or a list of values", origin));
    }
  }
}

const ParamSpec& ParamValues::Require(std::string_view name, ParamType type) const {
  const ParamSpec* spec = Find(name);
  // Asking for an undeclared parameter is a programming error, not a user error.
  if (spec == nullptr || spec->type != type) {
    throw std::logic_error(fmt::format("parameter '{}' is not declared as {}", name,
                                       ParamTypeName(type)));
  }
  return *spec;
}

bool ParamValues::GetFlag(std::string_view name) const {
  const ParamSpec& spec = Require(name, ParamType::kFlag);
  auto it = values_.find(std::string(name));
  bool b = false;
  ParseFlagText(it == values_.end() ? spec.default_value : std::string_view(it->second.front()), &b);
  return b;
}

long long ParamValues::GetInt(std::string_view name) const {
  const ParamSpec& spec = Require(name, ParamType::kInt);
  auto it = values_.find(std::string(name));
  const std::string_view text = it == values_.end() ? spec.default_value : it->second.front();
  long long v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

double ParamValues::GetFloat(std::string_view name) const {
  const ParamSpec& spec = Require(name, ParamType::kFloat);
  auto it = values_.find(std::string(name));
  const std::string_view text = it == values_.end() ? spec.default_value : it->second.front();
  double v = 0;
  std::from_chars(text.data(), text.data() + text.size(), v);
  return v;
}

std::string ParamValues::GetString(std::string_view name) const {
  const ParamSpec* spec = Find(name);
  if (spec == nullptr || spec->type == ParamType::kStringList || spec->type == ParamType::kFlag) {
    throw std::logic_error(fmt::format("parameter '{}' is not declared as a string", name));
  }
  auto it = values_.find(std::string(name));
  return it == values_.end() ? std::string(spec->default_value) : it->second.front();
}

std::vector<std::string> ParamValues::GetList(std::string_view name) const {
  const ParamSpec& spec = Require(name, ParamType::kStringList);
  auto it = values_.find(std::string(name));
  if (it != values_.end()) return it->second;
  // The default of a list is comma-separated.
  std::vector<std::string> out;
  std::string_view d = spec.default_value;
  if (d.empty()) return out;
  while (true) {
    const auto comma = d.find(',');
    out.emplace_back(d.substr(0, comma));
    if (comma == std::string_view::npos) break;
    d.remove_prefix(comma + 1);
  }
  return out;
}

}  // namespace ersatz
