// YAML metadata: read through yaml-cpp into the JSON shape (validated once, in metadata.cc);
// written by hand so that each column's reason can be a comment above its entry.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <nlohmann/json.hpp>

#include "ersatz/error.h"
#include "ersatz/metadata.h"
#include "profile/metadata_document.h"

namespace ersatz {

namespace {

nlohmann::json ToDocument(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Map: {
      nlohmann::json object = nlohmann::json::object();
      for (const auto& kv : node) object[kv.first.as<std::string>()] = ToDocument(kv.second);
      return object;
    }
    case YAML::NodeType::Sequence: {
      nlohmann::json array = nlohmann::json::array();
      for (const auto& item : node) array.push_back(ToDocument(item));
      return array;
    }
    case YAML::NodeType::Scalar: return node.Scalar();
    default: return nullptr;
  }
}

// JSON string syntax is valid YAML double-quoted syntax, escapes included.
std::string Quoted(const std::string& s) { return nlohmann::json(s).dump(); }

std::string OneLine(std::string s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

}  // namespace

Metadata Metadata::ParseYaml(std::string_view text, const std::string& source) {
  nlohmann::json doc;
  try {
    doc = ToDocument(YAML::Load(std::string(text)));
  } catch (const YAML::Exception& e) {
    throw ParameterError(fmt::format("{}: invalid YAML: {}", source, e.what()));
  }
  return MetadataFromDocument(doc, source);
}

std::string Metadata::ToYaml() const {
  std::string out =
      "# ersatz metadata: one entry per column. Change a type to override inference;\n"
      "# types: integer, float, boolean, datetime, categorical, text, identifier.\n"
      "version: 1\ncolumns:\n";
  for (const auto& c : columns) {
    if (!c.reason.empty()) out += fmt::format("  # {}\n", OneLine(c.reason));
    if (!c.warning.empty()) out += fmt::format("  # warning: {}\n", OneLine(c.warning));
    out += fmt::format("  - name: {}\n    type: {}\n", Quoted(c.name), SemanticTypeName(c.type));
    if (c.type == SemanticType::kDatetime && c.datetime_format) {
      out += fmt::format("    format: {}\n", Quoted(c.datetime_format->pattern));
    }
    if (c.type == SemanticType::kBoolean && c.boolean_spelling) {
      out += fmt::format("    true: {}\n    false: {}\n", Quoted(c.boolean_spelling->true_text),
                         Quoted(c.boolean_spelling->false_text));
    }
    if (c.categories) {
      out += "    categories: [";
      for (std::size_t i = 0; i < c.categories->size(); ++i) {
        out += fmt::format("{}{}", i > 0 ? ", " : "", Quoted((*c.categories)[i]));
      }
      out += "]\n";
    }
    if (c.bounds) out += fmt::format("    bounds: [{}, {}]\n", c.bounds->first, c.bounds->second);
  }
  if (columns.empty()) out += "  []\n";
  if (!constraints.empty()) {
    // One flow mapping per constraint: JSON syntax is valid YAML.
    out += "constraints:\n";
    for (const Constraint& c : constraints) {
      out += fmt::format("  - {}\n", ConstraintToDocument(c).dump());
    }
  }
  return out;
}

}  // namespace ersatz
