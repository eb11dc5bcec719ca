#include "encode/categorical_encoder.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_map>

#include "encode/dp_statistics.h"

namespace ersatz::encode {

using nlohmann::json;

namespace {

// The text of row `row` for the kinds this encoder serves.
std::string_view ValueText(const Column& column, std::size_t row) {
  if (column.kind() == ColumnKind::kBoolean) return column.booleans()[row] ? "true" : "false";
  return column.text(row);
}

}  // namespace

CategoricalEncoder::CategoricalEncoder(const Column& column, const EncodeOptions& options,
                                       const ColumnSpec* spec) {
  shape_ = ColumnShape::Of(column);
  std::unordered_map<std::string_view, std::size_t> counts;
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) {
      has_null_ = true;
      continue;
    }
    ++counts[ValueText(column, r)];
  }
  if (options.dp != nullptr) {
    std::vector<std::pair<std::string, std::int64_t>> observed;
    for (const auto& [value, count] : counts) observed.emplace_back(value, static_cast<std::int64_t>(count));
    std::sort(observed.begin(), observed.end());  // the noise draws do not follow hash order
    categories_ = DpCategories(observed, column, spec, *options.dp);
    has_null_ = true;
    BuildSubColumns();
    return;
  }
  // Booleans are exempt: a yes/no answer cannot single a person out the way a rare category can.
  const bool protect = options.value_protection && column.kind() != ColumnKind::kBoolean;
  const std::size_t threshold =
      protect ? static_cast<std::size_t>(ProtectionThreshold(options, column.name())) : 1;
  std::vector<std::pair<std::string_view, std::size_t>> kept;
  for (const auto& [value, count] : counts) {
    if (count >= threshold) kept.emplace_back(value, count);
  }
  std::sort(kept.begin(), kept.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::size_t values = 0, kept_values = 0;
  for (const auto& [value, count] : counts) values += count;
  for (const auto& [value, count] : kept) {
    categories_.emplace_back(value);
    kept_values += count;
  }
  // Most values folded into _RARE_ is a column the model cannot reproduce (an identifier or free
  // text typed as categories, dates in mixed formats): say so rather than emit _RARE_ silently.
  if (values > 0 && 2 * (values - kept_values) > values) {
    SetWarning(fmt::format(
        "column '{}': {} of its {} values ({:.0f}%) are each held by fewer than {} rows ({} distinct "
        "values), so they are protected and sampled as {}; if it is an identifier or free text, "
        "declare it so in the metadata or leave it out with --drop; --no-value-protection keeps "
        "rare values",
        column.name(), values - kept_values, values,
        100.0 * static_cast<double>(values - kept_values) / static_cast<double>(values), threshold,
        counts.size(), kRareToken));
  }
  BuildSubColumns();
}

CategoricalEncoder::CategoricalEncoder(const json& j) {
  shape_ = ShapeFromJson(j.at("column"));
  categories_ = j.at("categories").get<std::vector<std::string>>();
  has_null_ = j.at("has_null").get<bool>();
  BuildSubColumns();
}

void CategoricalEncoder::BuildSubColumns() {
  sub_columns_ = {{shape_.name, static_cast<std::int32_t>(categories_.size()) + 1 + (has_null_ ? 1 : 0)}};
}

std::int32_t CategoricalEncoder::CodeOf(std::string_view value) const {
  // Linear for tiny dictionaries would do, but text columns can be wide: a map built per call
  // would be wasteful, so Encode builds its own; this is for single lookups (conditions, seeds).
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    if (categories_[i] == value) return static_cast<std::int32_t>(i) + 1;
  }
  return 0;
}

void CategoricalEncoder::Encode(const Column& column,
                                std::span<const std::span<std::int32_t>> out) const {
  std::unordered_map<std::string_view, std::int32_t> code_of;
  for (std::size_t i = 0; i < categories_.size(); ++i) {
    code_of.emplace(categories_[i], static_cast<std::int32_t>(i) + 1);
  }
  const std::span<std::int32_t> codes = out[0];
  if (column.kind() == ColumnKind::kCategorical) {
    // Translate the column's dictionary once, then map codes: no hashing per row.
    std::vector<std::int32_t> translate(column.categories().size(), 0);
    for (std::size_t c = 0; c < translate.size(); ++c) {
      auto it = code_of.find(column.categories()[c]);
      if (it != code_of.end()) translate[c] = it->second;
    }
    const auto src = column.codes();
    for (std::size_t r = 0; r < column.size(); ++r) {
      codes[r] = column.IsNull(r) ? null_code() : translate[src[r]];
    }
    return;
  }
  for (std::size_t r = 0; r < column.size(); ++r) {
    if (column.IsNull(r)) {
      codes[r] = null_code();
      continue;
    }
    auto it = code_of.find(ValueText(column, r));
    codes[r] = it == code_of.end() ? 0 : it->second;
  }
}

void CategoricalEncoder::Decode(std::span<const std::span<const std::int32_t>> codes,
                                std::size_t rows, std::uint64_t, std::uint64_t,
                                Column* column) const {
  const auto in = codes[0];
  for (std::size_t r = 0; r < rows; ++r) {
    const std::int32_t code = in[r];
    if (has_null_ && code == null_code()) {
      column->AppendNull();
    } else if (code <= 0 || code > static_cast<std::int32_t>(categories_.size())) {
      if (column->kind() == ColumnKind::kBoolean) {
        column->AppendNull();  // unreachable in practice: booleans have no rare values
      } else {
        column->AppendString(kRareToken);
      }
    } else if (column->kind() == ColumnKind::kBoolean) {
      column->AppendBoolean(categories_[code - 1] == "true");
    } else {
      column->AppendString(categories_[code - 1]);
    }
  }
}

json CategoricalEncoder::ToJson() const {
  return {{"method", method()},
          {"column", ShapeToJson(shape_)},
          {"categories", categories_},
          {"has_null", has_null_}};
}

bool CategoricalEncoder::IsUnseen(const Column& column, std::size_t row) const {
  const std::string_view value = ValueText(column, row);
  return CodeOf(value) == 0 && value != kRareToken;
}

}  // namespace ersatz::encode
