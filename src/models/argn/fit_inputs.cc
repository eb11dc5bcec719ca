#include "models/argn/fit_inputs.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <numeric>
#include <optional>

#include "common/random.h"
#include "ersatz/error.h"
#include "models/argn/dp_fit.h"

namespace ersatz {

namespace {
constexpr std::uint64_t kHoldoutStream = 0x401D;
}

Table ReadFitTable(const std::string& data_path, const CsvReadOptions& csv,
                   const std::string& metadata_path, const std::vector<std::string>& drop,
                   CsvReadReport* report, Metadata* schema,
                   const std::function<void(RawTable* raw)>& before_typing) {
  std::optional<Metadata> overrides;
  if (!metadata_path.empty()) overrides = Metadata::Load(metadata_path);
  RawTable raw = ReadCsvRaw(data_path, csv, report);
  if (before_typing) before_typing(&raw);
  Table table = TypeRawTable(raw, overrides ? &*overrides : nullptr, schema);
  if (overrides && !overrides->constraints.empty()) {
    // Constraint messages name the file that declared them.
    schema->constraints = overrides->constraints;
    schema->source = overrides->source;
  }
  for (const auto& name : drop) {
    if (!table.RemoveColumn(name)) {
      throw ParameterError(fmt::format("--drop: {} has no column '{}'", data_path, name));
    }
  }
  if (table.num_columns() == 0) {
    throw ParameterError(fmt::format("--drop {}: no column of {} is left to learn",
                                     fmt::join(drop, ","), data_path));
  }
  if (table.num_rows() == 0) {
    throw DataError(fmt::format("{}: a header but no data rows{}: nothing to learn", data_path,
                                report != nullptr && report->skipped_rows > 0
                                    ? fmt::format(" ({} skipped with the wrong number of fields)",
                                                  report->skipped_rows)
                                    : ""));
  }
  return table;
}

std::size_t DefaultHoldoutCount(std::size_t units) {
  return std::min(static_cast<std::size_t>(kDefaultHoldoutShare * static_cast<double>(units)), kMaxDefaultHoldout);
}

HoldoutSplit SplitHoldout(const Table& table, std::optional<double> holdout, std::uint64_t seed,
                          const std::string& entity_column) {
  argn::PrivacyUnits units;
  if (!entity_column.empty()) units = argn::GroupByEntity(table, entity_column);
  const std::size_t count = units.count(table.num_rows());
  std::vector<std::uint32_t> order(count);
  std::iota(order.begin(), order.end(), 0u);
  Shuffle(std::span(order), seed, kHoldoutStream, 0);
  const auto n = static_cast<long>(holdout ? *holdout * static_cast<double>(count) : DefaultHoldoutCount(count));
  HoldoutSplit split{{order.begin() + n, order.end()}, {order.begin(), order.begin() + n}};
  if (!units.rows_of.empty()) {  // entities → their rows
    for (auto* part : {&split.train, &split.holdout}) {
      std::vector<std::uint32_t> rows;
      for (std::uint32_t e : *part) rows.insert(rows.end(), units.rows_of[e].begin(), units.rows_of[e].end());
      *part = std::move(rows);
    }
  }
  std::sort(split.train.begin(), split.train.end());
  std::sort(split.holdout.begin(), split.holdout.end());
  return split;
}

}  // namespace ersatz
