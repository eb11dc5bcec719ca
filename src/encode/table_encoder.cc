#include "encode/table_encoder.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <unordered_set>

#include "ersatz/error.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

std::size_t DistinctText(const Column& column) {
  std::unordered_set<std::string_view> seen;
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (!column.IsNull(r)) seen.insert(column.text(r));
  }
  return seen.size();
}

}  // namespace

TableEncoder TableEncoder::Fit(const Table& table, const Metadata& schema,
                               const EncodeOptions& options) {
  TableEncoder te;
  std::vector<std::string> text_columns, text_details;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    const ColumnSpec* spec = schema.Find(column.name());
    if (spec != nullptr && spec->type == SemanticType::kIdentifier) {
      te.slots_.push_back({true, te.identifiers_.size()});
      te.identifiers_.emplace_back(column, table, options);
      continue;
    }
    if (column.kind() == ColumnKind::kText) {
      const std::size_t distinct = DistinctText(column);
      if (distinct > kMaxTextCategories) {
        text_columns.push_back(column.name());
        text_details.push_back(fmt::format("'{}' ({} distinct values)", column.name(), distinct));
        continue;
      }
    }
    te.slots_.push_back({false, te.encoders_.size()});
    te.encoders_.push_back(FitEncoder(column, options, spec));
  }
  if (!text_columns.empty()) {
    // Name every such column at once, so the user fixes them in one go.
    throw DataError(fmt::format(
        "{} {} free text: {}; ersatz cannot learn free text yet: leave {} out with --drop {}, or "
        "declare {} categorical in the metadata file",
        text_columns.size() == 1 ? "column" : "columns", text_columns.size() == 1 ? "is" : "are",
        fmt::join(text_details, ", "), text_columns.size() == 1 ? "it" : "them",
        fmt::join(text_columns, ","), text_columns.size() == 1 ? "it" : "them"));
  }
  te.Index();
  return te;
}

void TableEncoder::Index() {
  sub_columns_.clear();
  first_sub_.clear();
  for (const auto& enc : encoders_) {
    first_sub_.push_back(sub_columns_.size());
    sub_columns_.insert(sub_columns_.end(), enc->sub_columns().begin(), enc->sub_columns().end());
  }
  first_sub_.push_back(sub_columns_.size());
}

std::vector<std::string> TableEncoder::Warnings() const {
  std::vector<std::string> out;
  for (const auto& enc : encoders_) {
    if (!enc->warning().empty()) out.push_back(enc->warning());
  }
  return out;
}

int TableEncoder::FindColumn(std::string_view name) const {
  for (std::size_t i = 0; i < encoders_.size(); ++i) {
    if (encoders_[i]->shape().name == name) return static_cast<int>(i);
  }
  return -1;
}

EncodedTable TableEncoder::Encode(const Table& table) const {
  EncodedTable out;
  out.rows = table.num_rows();
  out.codes.assign(sub_columns_.size(), std::vector<std::int32_t>(out.rows));
  for (std::size_t i = 0; i < encoders_.size(); ++i) {
    const ColumnShape& shape = encoders_[i]->shape();
    const int c = table.FindColumn(shape.name);
    if (c < 0) throw DataError(fmt::format("the data has no column '{}'", shape.name));
    const Column& column = table.column(static_cast<std::size_t>(c));
    if (column.kind() != shape.kind) {
      throw DataError(fmt::format("column '{}' is {} here but was {} when the model was trained",
                                  shape.name, ColumnKindName(column.kind()),
                                  ColumnKindName(shape.kind)));
    }
    std::vector<std::span<std::int32_t>> spans;
    for (std::size_t k = first_sub_[i]; k < first_sub_[i + 1]; ++k) spans.emplace_back(out.codes[k]);
    encoders_[i]->Encode(column, spans);
  }
  return out;
}

Table TableEncoder::Decode(std::span<const std::span<const std::int32_t>> codes, std::size_t rows,
                           std::uint64_t seed, std::uint64_t first_row, std::uint64_t id_seed) const {
  Table table;
  for (std::size_t s = 0; s < slots_.size(); ++s) {
    const Slot& slot = slots_[s];
    // Each column draws from its own stream so adding a column never shifts another's values.
    const std::uint64_t column_seed = seed ^ (0x9E3779B97F4A7C15ull * (s + 1));
    if (slot.identifier) {
      const IdentifierGenerator& gen = identifiers_[slot.index];
      Column column = gen.shape().MakeEmpty();
      column.Reserve(rows);
      gen.Generate(rows, id_seed ^ (0x9E3779B97F4A7C15ull * (s + 1)), first_row, &column);
      table.AddColumn(std::move(column));
      continue;
    }
    const ColumnEncoder& enc = *encoders_[slot.index];
    Column column = enc.shape().MakeEmpty();
    column.Reserve(rows);
    enc.Decode(codes.subspan(first_sub_[slot.index], first_sub_[slot.index + 1] - first_sub_[slot.index]),
               rows, column_seed, first_row, &column);
    table.AddColumn(std::move(column));
  }
  return table;
}

json TableEncoder::ToJson() const {
  json columns = json::array();
  for (const Slot& slot : slots_) {
    columns.push_back(slot.identifier ? json{{"identifier", identifiers_[slot.index].ToJson()}}
                                      : json{{"encoder", encoders_[slot.index]->ToJson()}});
  }
  return {{"columns", columns}};
}

TableEncoder TableEncoder::FromJson(const json& j) {
  TableEncoder te;
  try {
    for (const auto& c : j.at("columns")) {
      if (c.contains("identifier")) {
        te.slots_.push_back({true, te.identifiers_.size()});
        te.identifiers_.emplace_back(c.at("identifier"));
      } else {
        te.slots_.push_back({false, te.encoders_.size()});
        te.encoders_.push_back(EncoderFromJson(c.at("encoder")));
      }
    }
  } catch (const json::exception& e) {
    throw ParameterError(fmt::format("malformed table encoder: {}", e.what()));
  }
  te.Index();
  return te;
}

}  // namespace ersatz::encode
