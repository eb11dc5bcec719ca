// How a Profile is shown: an aligned text table for people, JSON for programs.
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <nlohmann/json.hpp>

#include "ersatz/profile.h"

namespace ersatz {

namespace {

constexpr std::size_t kShownTopValues = 3;
constexpr std::size_t kMaxShownValueChars = 24;

// Cuts a value at a character (not byte) boundary so UTF-8 stays valid.
std::string Abbreviated(const std::string& s) {
  std::size_t chars = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80 && ++chars > kMaxShownValueChars) break;
  }
  return i < s.size() ? s.substr(0, i) + "…" : s;
}

std::string Summary(const ColumnProfile& c) {
  if (!c.min.empty() && c.top_values.empty()) return c.min + ".." + c.max;
  if (!c.min.empty() && c.type == SemanticType::kIdentifier) return c.min + ".." + c.max;
  std::string out;
  const std::size_t shown = std::min(kShownTopValues, c.top_values.size());
  for (std::size_t i = 0; i < shown; ++i) {
    const auto& [value, count] = c.top_values[i];
    if (i > 0) out += ", ";
    out += fmt::format("{} {:.1f}%", Abbreviated(value), 100.0 * count / std::max<std::size_t>(c.rows, 1));
  }
  if (c.distinct > shown) out += ", …";
  return out;
}

}  // namespace

std::string Profile::ToText() const {
  std::vector<std::array<std::string, 5>> lines;
  lines.push_back({"column", "type", "missing", "distinct", "values"});
  for (const auto& c : columns) {
    lines.push_back({c.name, std::string(SemanticTypeName(c.type)),
                     fmt::format("{:.1f}%", 100.0 * c.missing / std::max<std::size_t>(c.rows, 1)),
                     std::to_string(c.distinct), Summary(c)});
  }
  std::array<std::size_t, 4> width{};
  for (const auto& l : lines) {
    for (std::size_t i = 0; i < width.size(); ++i) width[i] = std::max(width[i], l[i].size());
  }
  std::string out = fmt::format("{}: {} rows, {} columns\n", source, rows, columns.size());
  for (const auto& l : lines) {
    // Names left-aligned, counts right-aligned.
    out += fmt::format("{:<{}}  {:<{}}  {:>{}}  {:>{}}  {}", l[0], width[0], l[1], width[1], l[2],
                       width[2], l[3], width[3], l[4]);
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += '\n';
  }
  for (const auto& c : columns) {
    if (!c.warning.empty()) out += "warning: " + c.warning + "\n";
  }
  return out;
}

std::string Profile::ToJson() const {
  nlohmann::ordered_json doc;
  doc["source"] = source;
  doc["rows"] = rows;
  doc["columns"] = nlohmann::ordered_json::array();
  for (const auto& c : columns) {
    nlohmann::ordered_json j;
    j["name"] = c.name;
    j["type"] = SemanticTypeName(c.type);
    j["storage"] = ColumnKindName(c.storage);
    j["missing"] = c.missing;
    j["missing_fraction"] = c.rows == 0 ? 0.0 : static_cast<double>(c.missing) / c.rows;
    j["distinct"] = c.distinct;
    const bool numeric = c.type == SemanticType::kInteger || c.type == SemanticType::kFloat;
    j["min"] = c.min.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.min);
    j["max"] = c.max.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(c.max);
    j["mean"] = numeric && !c.min.empty() ? nlohmann::ordered_json(c.mean) : nlohmann::ordered_json(nullptr);
    j["top_values"] = nlohmann::ordered_json::array();
    for (const auto& [value, count] : c.top_values) {
      j["top_values"].push_back({{"value", value}, {"count", count}});
    }
    j["reason"] = c.reason;
    if (!c.warning.empty()) j["warning"] = c.warning;
    doc["columns"].push_back(std::move(j));
  }
  return doc.dump();
}

}  // namespace ersatz
