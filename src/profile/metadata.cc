// Metadata: semantic type names, validation of the document, JSON reading and writing, files.
#include "ersatz/metadata.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "common/atomic_file.h"
#include "ersatz/error.h"
#include "profile/metadata_document.h"

namespace ersatz {

namespace {

constexpr std::array<std::string_view, 7> kTypeNames = {
    "integer", "float", "boolean", "datetime", "categorical", "text", "identifier"};
constexpr int kVersion = 1;

std::string ColumnLabel(const std::string& name, std::size_t index) {
  return name.empty() ? fmt::format("column {}", index + 1) : fmt::format("column '{}'", name);
}

std::string StringKey(const nlohmann::json& entry, const char* key, const std::string& source,
                      const std::string& label) {
  const nlohmann::json& v = entry.at(key);
  if (!v.is_string()) {
    throw ParameterError(fmt::format("{}: {}: '{}' must be a string", source, label, key));
  }
  return v.get<std::string>();
}

// A finite number, or a string holding one (YAML scalars arrive as strings).
bool AsNumber(const nlohmann::json& v, double* out) {
  if (v.is_number()) {
    *out = v.get<double>();
  } else if (v.is_string()) {
    const std::string text = v.get<std::string>();
    char* end = nullptr;
    *out = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size()) return false;
  } else {
    return false;
  }
  return std::isfinite(*out);
}

// Rejects patterns with tokens ParseDatetime does not know, which would never match.
void CheckDatetimePattern(const std::string& pattern, const std::string& source,
                          const std::string& label) {
  for (std::size_t i = 0; i + 1 < pattern.size(); ++i) {
    if (pattern[i] != '%') continue;
    const char t = pattern[++i];
    if (std::string_view("YmdHMSfzs%").find(t) == std::string_view::npos) {
      throw ParameterError(fmt::format("{}: {}: unknown token '%{}' in format '{}'", source, label,
                                       t, pattern));
    }
  }
}

ColumnSpec ColumnFromEntry(const nlohmann::json& entry, std::size_t index,
                           const std::string& source) {
  if (!entry.is_object()) {
    throw ParameterError(fmt::format("{}: column {} must be an object", source, index + 1));
  }
  ColumnSpec spec;
  if (!entry.contains("name")) {
    throw ParameterError(fmt::format("{}: column {} has no 'name'", source, index + 1));
  }
  spec.name = StringKey(entry, "name", source, ColumnLabel("", index));
  const std::string label = ColumnLabel(spec.name, index);
  for (const auto& [key, value] : entry.items()) {
    if (key != "name" && key != "type" && key != "format" && key != "true" && key != "false" &&
        key != "categories" && key != "bounds") {
      throw ParameterError(fmt::format(
          "{}: {}: unknown key '{}' (expected name, type, format, true, false, categories, bounds)",
          source, label, key));
    }
  }
  if (!entry.contains("type")) throw ParameterError(fmt::format("{}: {} has no 'type'", source, label));
  const std::string type = StringKey(entry, "type", source, label);
  if (!ParseSemanticType(type, &spec.type)) {
    throw ParameterError(fmt::format(
        "{}: {}: unknown type '{}' (expected integer, float, boolean, datetime, categorical, text "
        "or identifier)", source, label, type));
  }
  spec.storage = DefaultStorage(spec.type);
  if (entry.contains("format")) {
    if (spec.type != SemanticType::kDatetime) {
      throw ParameterError(
          fmt::format("{}: {}: 'format' applies only to datetime columns", source, label));
    }
    DatetimeFormat format;
    format.pattern = StringKey(entry, "format", source, label);
    CheckDatetimePattern(format.pattern, source, label);
    spec.datetime_format = format;
  }
  const bool has_true = entry.contains("true"), has_false = entry.contains("false");
  if (has_true || has_false) {
    if (spec.type != SemanticType::kBoolean) {
      throw ParameterError(fmt::format("{}: {}: '{}' applies only to boolean columns", source,
                                       label, has_true ? "true" : "false"));
    }
    if (has_true != has_false) {
      throw ParameterError(fmt::format("{}: {}: 'true' and 'false' go together", source, label));
    }
    BooleanSpelling spelling{StringKey(entry, "true", source, label),
                             StringKey(entry, "false", source, label)};
    if (spelling.true_text == spelling.false_text) {
      throw ParameterError(
          fmt::format("{}: {}: 'true' and 'false' must differ", source, label));
    }
    spec.boolean_spelling = spelling;
  }
  if (entry.contains("categories")) {
    if (spec.type != SemanticType::kCategorical && spec.type != SemanticType::kText) {
      throw ParameterError(fmt::format(
          "{}: {}: 'categories' applies only to categorical and text columns", source, label));
    }
    const nlohmann::json& v = entry.at("categories");
    bool strings = v.is_array() && !v.empty();
    for (const auto& item : v) strings = strings && item.is_string();
    if (!strings) {
      throw ParameterError(fmt::format(
          "{}: {}: 'categories' must be a non-empty list of strings", source, label));
    }
    spec.categories = v.get<std::vector<std::string>>();
  }
  if (entry.contains("bounds")) {
    if (spec.type != SemanticType::kInteger && spec.type != SemanticType::kFloat) {
      throw ParameterError(fmt::format(
          "{}: {}: 'bounds' applies only to integer and float columns", source, label));
    }
    const nlohmann::json& v = entry.at("bounds");
    double lo = 0, hi = 0;
    if (!v.is_array() || v.size() != 2 || !AsNumber(v[0], &lo) || !AsNumber(v[1], &hi) || !(lo <= hi)) {
      throw ParameterError(fmt::format(
          "{}: {}: 'bounds' must be two numbers [min, max] with min ≤ max", source, label));
    }
    spec.bounds = std::make_pair(lo, hi);
  }
  return spec;
}

std::vector<std::string> StringList(const nlohmann::json& entry, const char* key,
                                    const std::string& source, const std::string& label) {
  const nlohmann::json& v = entry.at(key);
  if (!v.is_array() || v.size() < 2) {
    throw ParameterError(fmt::format("{}: {}: '{}' must be a list of at least two column names",
                                     source, label, key));
  }
  std::vector<std::string> out;
  for (const auto& item : v) {
    if (!item.is_string()) {
      throw ParameterError(fmt::format("{}: {}: '{}' must list column names", source, label, key));
    }
    out.push_back(item.get<std::string>());
  }
  return out;
}

// {"type": "inequality", "low": a, "high": b} | {"type": "combination", "columns": [...]} |
// {"type": "derived", "column": c, "expression": e[, "learn": "exceptions" | "ratio"]} |
// {"type": "mapping", "column": c, "from": p[, "learn": "exceptions"]} | {"type": "unique", "column": c}
Constraint ConstraintFromEntry(const nlohmann::json& entry, std::size_t index,
                               const std::string& source) {
  const std::string label = fmt::format("constraint {}", index + 1);
  if (!entry.is_object() || !entry.contains("type")) {
    throw ParameterError(fmt::format("{}: {} must be an object with a 'type'", source, label));
  }
  const std::string type = StringKey(entry, "type", source, label);
  std::vector<std::string> keys, optional;
  Constraint c;
  if (type == "inequality") {
    c.kind = Constraint::Kind::kInequality;
    keys = {"low", "high"};
  } else if (type == "combination") {
    c.kind = Constraint::Kind::kCombination;
    keys = {"columns"};
  } else if (type == "derived") {
    c.kind = Constraint::Kind::kDerived;
    keys = {"column", "expression"};
    optional = {"learn"};
  } else if (type == "mapping") {
    c.kind = Constraint::Kind::kMapping;
    keys = {"column", "from"};
    optional = {"learn"};
  } else if (type == "unique") {
    c.kind = Constraint::Kind::kUnique;
    keys = {"column"};
  } else {
    throw ParameterError(fmt::format(
        "{}: {}: unknown type '{}' (expected inequality, combination, derived, mapping or unique)",
        source, label, type));
  }
  std::string expected = "type";
  for (const auto& k : keys) expected += ", " + k;
  for (const auto& k : optional) expected += ", " + k;
  for (const auto& [key, value] : entry.items()) {
    if (key != "type" && std::find(keys.begin(), keys.end(), key) == keys.end() &&
        std::find(optional.begin(), optional.end(), key) == optional.end()) {
      throw ParameterError(fmt::format("{}: {} ({}): unknown key '{}' (expected {})", source,
                                       label, type, key, expected));
    }
  }
  for (const auto& k : keys) {
    if (!entry.contains(k)) {
      throw ParameterError(fmt::format("{}: {} ({}): missing '{}'", source, label, type, k));
    }
  }
  switch (c.kind) {
    case Constraint::Kind::kInequality:
      c.columns = {StringKey(entry, "low", source, label), StringKey(entry, "high", source, label)};
      break;
    case Constraint::Kind::kCombination:
      c.columns = StringList(entry, "columns", source, label);
      break;
    case Constraint::Kind::kDerived:
      c.columns = {StringKey(entry, "column", source, label)};
      c.expression = StringKey(entry, "expression", source, label);
      break;
    case Constraint::Kind::kMapping:
      c.columns = {StringKey(entry, "column", source, label), StringKey(entry, "from", source, label)};
      break;
    case Constraint::Kind::kUnique: c.columns = {StringKey(entry, "column", source, label)}; break;
  }
  if (entry.contains("learn")) {
    const std::string learn = StringKey(entry, "learn", source, label);
    const bool derived = c.kind == Constraint::Kind::kDerived;
    if (learn == "exceptions") {
      c.learn = Constraint::Learn::kExceptions;
    } else if (learn == "ratio" && derived) {
      c.learn = Constraint::Learn::kRatio;
    } else {
      throw ParameterError(fmt::format("{}: {} ({}): unknown 'learn' value '{}' (expected {})",
                                       source, label, type, learn,
                                       derived ? "exceptions or ratio" : "exceptions"));
    }
  }
  return c;
}

}  // namespace

std::string Constraint::Describe() const {
  std::string out;
  switch (kind) {
    case Kind::kInequality: return fmt::format("{} <= {}", columns.at(0), columns.at(1));
    case Kind::kCombination: return fmt::format("{} combined", fmt::join(columns, ", "));
    case Kind::kDerived: out = fmt::format("{} = {}", columns.at(0), expression); break;
    case Kind::kMapping: out = fmt::format("{} determined by {}", columns.at(0), columns.at(1)); break;
    case Kind::kUnique: return fmt::format("{} unique", columns.at(0));
  }
  if (learn == Learn::kExceptions) out += " (exceptions learned)";
  if (learn == Learn::kRatio) out += " (ratio learned)";
  return out;
}

nlohmann::ordered_json ConstraintToDocument(const Constraint& c) {
  nlohmann::ordered_json j;
  switch (c.kind) {
    case Constraint::Kind::kInequality:
      j["type"] = "inequality";
      j["low"] = c.columns.at(0);
      j["high"] = c.columns.at(1);
      break;
    case Constraint::Kind::kCombination:
      j["type"] = "combination";
      j["columns"] = c.columns;
      break;
    case Constraint::Kind::kDerived:
      j["type"] = "derived";
      j["column"] = c.columns.at(0);
      j["expression"] = c.expression;
      break;
    case Constraint::Kind::kMapping:
      j["type"] = "mapping";
      j["column"] = c.columns.at(0);
      j["from"] = c.columns.at(1);
      break;
    case Constraint::Kind::kUnique:
      j["type"] = "unique";
      j["column"] = c.columns.at(0);
      break;
  }
  if (c.learn == Constraint::Learn::kExceptions) j["learn"] = "exceptions";
  if (c.learn == Constraint::Learn::kRatio) j["learn"] = "ratio";
  return j;
}

std::string_view SemanticTypeName(SemanticType type) {
  return kTypeNames[static_cast<std::size_t>(type)];
}

bool ParseSemanticType(std::string_view name, SemanticType* type) {
  for (std::size_t i = 0; i < kTypeNames.size(); ++i) {
    if (kTypeNames[i] == name) {
      *type = static_cast<SemanticType>(i);
      return true;
    }
  }
  return false;
}

ColumnKind DefaultStorage(SemanticType type) {
  switch (type) {
    case SemanticType::kInteger: return ColumnKind::kInteger;
    case SemanticType::kFloat: return ColumnKind::kFloat;
    case SemanticType::kBoolean: return ColumnKind::kBoolean;
    case SemanticType::kDatetime: return ColumnKind::kDatetime;
    case SemanticType::kCategorical: return ColumnKind::kCategorical;
    case SemanticType::kText:
    case SemanticType::kIdentifier: return ColumnKind::kText;
  }
  return ColumnKind::kCategorical;
}

const ColumnSpec* Metadata::Find(std::string_view name) const {
  for (const auto& c : columns) {
    if (c.name == name) return &c;
  }
  return nullptr;
}

Metadata MetadataFromDocument(const nlohmann::json& doc, const std::string& source) {
  if (!doc.is_object()) {
    throw ParameterError(
        fmt::format("{}: expected a mapping with keys 'version' and 'columns'", source));
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "version" && key != "columns" && key != "constraints") {
      throw ParameterError(fmt::format(
          "{}: unknown key '{}' (expected version, columns, constraints)", source, key));
    }
  }
  if (!doc.contains("version")) {
    throw ParameterError(fmt::format("{}: missing key 'version' (expected {})", source, kVersion));
  }
  const nlohmann::json& version = doc.at("version");
  // YAML scalars arrive as strings.
  const std::string version_text = version.is_string() ? version.get<std::string>() : version.dump();
  if (version_text != std::to_string(kVersion)) {
    throw ParameterError(
        fmt::format("{}: unsupported version {} (expected {})", source, version_text, kVersion));
  }
  if (!doc.contains("columns") || !doc.at("columns").is_array()) {
    throw ParameterError(fmt::format("{}: 'columns' must be a list", source));
  }
  Metadata metadata;
  metadata.source = source;
  std::unordered_set<std::string> seen;
  const nlohmann::json& entries = doc.at("columns");
  for (std::size_t i = 0; i < entries.size(); ++i) {
    ColumnSpec spec = ColumnFromEntry(entries[i], i, source);
    if (!seen.insert(spec.name).second) {
      throw ParameterError(fmt::format("{}: duplicate column '{}'", source, spec.name));
    }
    metadata.columns.push_back(std::move(spec));
  }
  if (doc.contains("constraints")) {
    const nlohmann::json& list = doc.at("constraints");
    if (!list.is_array()) {
      throw ParameterError(fmt::format("{}: 'constraints' must be a list", source));
    }
    for (std::size_t i = 0; i < list.size(); ++i) {
      metadata.constraints.push_back(ConstraintFromEntry(list[i], i, source));
    }
  }
  return metadata;
}

Metadata Metadata::ParseJson(std::string_view text, const std::string& source) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw ParameterError(fmt::format("{}: invalid JSON: {}", source, e.what()));
  }
  return MetadataFromDocument(doc, source);
}

std::string Metadata::ToJson() const {
  nlohmann::ordered_json doc;
  doc["version"] = kVersion;
  doc["columns"] = nlohmann::ordered_json::array();
  for (const auto& c : columns) {
    nlohmann::ordered_json entry;
    entry["name"] = c.name;
    entry["type"] = SemanticTypeName(c.type);
    if (c.type == SemanticType::kDatetime && c.datetime_format) {
      entry["format"] = c.datetime_format->pattern;
    }
    if (c.type == SemanticType::kBoolean && c.boolean_spelling) {
      entry["true"] = c.boolean_spelling->true_text;
      entry["false"] = c.boolean_spelling->false_text;
    }
    if (c.categories) entry["categories"] = *c.categories;
    if (c.bounds) entry["bounds"] = {c.bounds->first, c.bounds->second};
    doc["columns"].push_back(std::move(entry));
  }
  if (!constraints.empty()) {
    doc["constraints"] = nlohmann::ordered_json::array();
    for (const Constraint& c : constraints) doc["constraints"].push_back(ConstraintToDocument(c));
  }
  return doc.dump(2) + "\n";
}

namespace {
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}
enum class MetadataSyntax { kJson, kYaml };
MetadataSyntax SyntaxOf(const std::string& path) {
  if (EndsWith(path, ".json")) return MetadataSyntax::kJson;
  if (EndsWith(path, ".yaml") || EndsWith(path, ".yml")) return MetadataSyntax::kYaml;
  throw ParameterError(
      fmt::format("{}: a metadata file must end in .json, .yaml or .yml", path));
}
}  // namespace

Metadata Metadata::Load(const std::string& path) {
  const MetadataSyntax syntax = SyntaxOf(path);
  // Generous: a wide table with long category lists and constraints is a few MiB.
  const std::string text = ReadTextFile(path, "metadata file", 256u << 20);
  return syntax == MetadataSyntax::kJson ? ParseJson(text, path) : ParseYaml(text, path);
}

void Metadata::Save(const std::string& path) const {
  WriteFileAtomically(path, SyntaxOf(path) == MetadataSyntax::kJson ? ToJson() : ToYaml());
}

}  // namespace ersatz
