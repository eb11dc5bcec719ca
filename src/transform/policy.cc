// Transform rules from YAML, the default policy, and the policy printed back as YAML.
#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <array>

#include "common/atomic_file.h"
#include "ersatz/error.h"
#include "ersatz/transform.h"

namespace ersatz {

namespace {

constexpr std::array<TransformOp, 11> kOps = {
    TransformOp::kKeep,   TransformOp::kDrop,      TransformOp::kFake,  TransformOp::kHash,
    TransformOp::kMask,   TransformOp::kRedact,    TransformOp::kDateShift, TransformOp::kNoise,
    TransformOp::kRound,  TransformOp::kBucket,    TransformOp::kReplaceEntities};

constexpr std::string_view kRuleKeys =
    "column, entity, free_text, operator, keep_first, keep_last, mask_char, text, length, max_days, "
    "entity_column, scale, step, with";

std::string At(const std::string& path, const YAML::Node& node) {
  return fmt::format("{}:{}:{}", path, node.Mark().line + 1, node.Mark().column + 1);
}

TransformOp ParseOp(const std::string& path, const YAML::Node& node) {
  const std::string name = node.IsScalar() ? node.Scalar() : std::string();
  for (TransformOp op : kOps) {
    if (OperatorName(op) == name) return op;
  }
  std::vector<std::string_view> names;
  for (TransformOp op : kOps) names.push_back(OperatorName(op));
  throw ParameterError(fmt::format("{}: unknown operator '{}': expected one of {}", At(path, node), name,
                                   fmt::join(names, ", ")));
}

template <typename T>
T Scalar(const std::string& path, const std::string& key, const YAML::Node& node, std::string_view expected) {
  try {
    if (!node.IsScalar()) throw YAML::Exception(node.Mark(), "not a scalar");
    return node.as<T>();
  } catch (const YAML::Exception&) {
    throw ParameterError(fmt::format("{}: '{}' expects {}, found '{}'", At(path, node), key, expected,
                                     node.IsScalar() ? node.Scalar() : std::string("a list or mapping")));
  }
}

TransformRule ParseRule(const std::string& path, const YAML::Node& node, std::size_t index) {
  if (!node.IsMap()) {
    throw ParameterError(fmt::format("{}: rule {} must be a mapping (column:/entity:, operator:, ...)", At(path, node), index));
  }
  TransformRule rule;
  rule.where = fmt::format("{}:{}", path, node.Mark().line + 1);
  bool has_op = false;
  for (const auto& entry : node) {
    const std::string key = entry.first.as<std::string>();
    const YAML::Node& v = entry.second;
    if (key == "column") {
      rule.column_pattern = Scalar<std::string>(path, key, v, "a column name or pattern");
      if (rule.column_pattern.empty()) throw ParameterError(fmt::format("{}: empty column pattern", At(path, v)));
    } else if (key == "entity") {
      const std::string name = Scalar<std::string>(path, key, v, "an entity name");
      PiiEntity e{};
      if (name == "any") {
        rule.any_entity = true;
      } else if (ParseEntityName(name, &e)) {
        rule.entity = e;
      } else {
        std::vector<std::string_view> names;
        for (int i = 0; i < kPiiEntityCount; ++i) names.push_back(EntityName(static_cast<PiiEntity>(i)));
        throw ParameterError(fmt::format("{}: unknown entity '{}': expected any or one of {}", At(path, v), name,
                                         fmt::join(names, ", ")));
      }
    } else if (key == "free_text") {
      rule.free_text = Scalar<bool>(path, key, v, "true or false");
    } else if (key == "operator") {
      rule.op = ParseOp(path, v);
      has_op = true;
    } else if (key == "keep_first") {
      rule.keep_first = Scalar<int>(path, key, v, "a whole number");
    } else if (key == "keep_last") {
      rule.keep_last = Scalar<int>(path, key, v, "a whole number");
    } else if (key == "mask_char") {
      rule.mask_char = Scalar<std::string>(path, key, v, "a character");
    } else if (key == "text") {
      rule.text = Scalar<std::string>(path, key, v, "a replacement text");
    } else if (key == "length") {
      rule.length = Scalar<int>(path, key, v, "a whole number from 1 to 64");
      if (rule.length < 1 || rule.length > 64) {
        throw ParameterError(fmt::format("{}: 'length' expects a whole number from 1 to 64, found {}", At(path, v), rule.length));
      }
    } else if (key == "max_days") {
      rule.max_days = Scalar<int>(path, key, v, "a whole number of days");
      if (rule.max_days < 1) throw ParameterError(fmt::format("{}: 'max_days' must be at least 1", At(path, v)));
    } else if (key == "entity_column") {
      rule.entity_column = Scalar<std::string>(path, key, v, "a column name");
    } else if (key == "scale") {
      rule.scale = Scalar<double>(path, key, v, "a number");
    } else if (key == "step") {
      rule.step = Scalar<double>(path, key, v, "a positive number");
      if (!(rule.step > 0)) throw ParameterError(fmt::format("{}: 'step' must be positive", At(path, v)));
    } else if (key == "with") {
      rule.with = ParseOp(path, v);
      if (rule.with != TransformOp::kFake && rule.with != TransformOp::kHash && rule.with != TransformOp::kRedact &&
          rule.with != TransformOp::kMask) {
        throw ParameterError(fmt::format("{}: 'with' expects fake, hash, redact or mask", At(path, v)));
      }
    } else {
      throw ParameterError(fmt::format("{}: unknown key '{}' in rule {}: expected one of {}", At(path, entry.first),
                                       key, index, kRuleKeys));
    }
  }
  if (!has_op) throw ParameterError(fmt::format("{}: rule {} has no operator", At(path, node), index));
  if (rule.column_pattern.empty() && !rule.entity && !rule.any_entity && !rule.free_text) {
    throw ParameterError(fmt::format("{}: rule {} selects nothing: give column, entity or free_text", At(path, node), index));
  }
  return rule;
}

}  // namespace

TransformPolicy LoadTransformPolicy(const std::string& path) {
  const std::string text = ReadTextFile(path, "transform policy", 16u << 20);
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& e) {
    throw ParameterError(fmt::format("{}:{}:{}: invalid YAML: {}", path, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  TransformPolicy policy;
  if (!root.IsMap() || !root["rules"]) {
    throw ParameterError(fmt::format("{}: expected a mapping with a 'rules:' list", path));
  }
  const YAML::Node rules = root["rules"];
  if (!rules.IsSequence()) throw ParameterError(fmt::format("{}: 'rules' must be a list of rules", At(path, rules)));
  std::size_t index = 1;
  for (const auto& rule : rules) policy.rules.push_back(ParseRule(path, rule, index++));
  return policy;
}

TransformPolicy DefaultTransformPolicy() {
  TransformPolicy policy;
  policy.is_default = true;
  TransformRule text;
  text.free_text = true;
  text.op = TransformOp::kReplaceEntities;
  text.with = TransformOp::kRedact;
  text.where = "default policy";
  TransformRule dob;
  dob.entity = PiiEntity::kDateOfBirth;
  dob.op = TransformOp::kDateShift;
  dob.max_days = 180;
  dob.where = "default policy";
  TransformRule any;
  any.any_entity = true;
  any.op = TransformOp::kFake;
  any.where = "default policy";
  policy.rules = {text, dob, any};
  return policy;
}

std::string TransformPolicy::ToYaml() const {
  std::string out = fmt::format("locale: {}\nscope: {}\nrules:\n", locale, scope);
  for (const auto& r : rules) {
    std::string line = "  - ";
    auto add = [&](const std::string& kv) {
      out += line + kv + "\n";
      line = "    ";
    };
    if (!r.column_pattern.empty()) add(fmt::format("column: \"{}\"", r.column_pattern));
    if (r.any_entity) add("entity: any");
    if (r.entity) add(fmt::format("entity: {}", EntityName(*r.entity)));
    if (r.free_text) add(fmt::format("free_text: {}", *r.free_text));
    add(fmt::format("operator: {}", OperatorName(r.op)));
    switch (r.op) {
      case TransformOp::kMask: add(fmt::format("keep_first: {}", r.keep_first)); add(fmt::format("keep_last: {}", r.keep_last)); break;
      case TransformOp::kHash: add(fmt::format("length: {}", r.length)); break;
      case TransformOp::kDateShift:
        add(fmt::format("max_days: {}", r.max_days));
        if (!r.entity_column.empty()) add(fmt::format("entity_column: {}", r.entity_column));
        break;
      case TransformOp::kNoise: add(fmt::format("scale: {}", r.scale)); break;
      case TransformOp::kRound:
      case TransformOp::kBucket: add(fmt::format("step: {}", r.step)); break;
      case TransformOp::kReplaceEntities: add(fmt::format("with: {}", OperatorName(r.with))); break;
      default: break;
    }
  }
  return out;
}

}  // namespace ersatz
