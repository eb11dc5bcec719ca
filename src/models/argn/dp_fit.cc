#include "models/argn/dp_fit.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <unordered_map>

#include "encode/dp_statistics.h"
#include "ersatz/error.h"
#include "privacy/discrete.h"

namespace ersatz::argn {

PrivacyUnits GroupByEntity(const Table& table, const std::string& name) {
  const int c = table.FindColumn(name);
  if (c < 0) throw ParameterError(fmt::format("entity-column: the table has no column '{}'", name));
  const Column& column = table.column(static_cast<std::size_t>(c));
  PrivacyUnits units;
  std::unordered_map<std::string, std::uint32_t> entity_of;
  for (std::size_t r = 0; r < column.size(); ++r) {
    std::string key;
    if (column.IsNull(r)) {
      key = std::string("\0null", 5);
    } else if (column.kind() == ColumnKind::kInteger) {
      key = std::to_string(column.integers()[r]);
    } else if (column.kind() == ColumnKind::kText || column.kind() == ColumnKind::kCategorical) {
      key = std::string(column.text(r));
    } else {
      throw ParameterError(fmt::format("entity-column: column '{}' is {}; expected an integer or text "
                                       "identifier", column.name(), ColumnKindName(column.kind())));
    }
    const auto [it, fresh] = entity_of.try_emplace(std::move(key), static_cast<std::uint32_t>(units.rows_of.size()));
    if (fresh) units.rows_of.emplace_back();
    units.rows_of[it->second].push_back(static_cast<std::uint32_t>(r));
  }
  return units;
}

DpFitSetup PrepareDpFit(const Table& table, const Metadata& schema, const FitOptions& options,
                        privacy::RandomBits& bits) {
  DpFitSetup setup;
  setup.epsilon = options.epsilon.value_or(0);
  if (!(setup.epsilon > 0) || !std::isfinite(setup.epsilon)) {
    throw ParameterError(fmt::format(
        "epsilon: expected a number above 0, found {} (leave --epsilon out to train without "
        "differential privacy)", setup.epsilon));
  }
  if (!(options.max_grad_norm > 0) || !std::isfinite(options.max_grad_norm)) {
    throw ParameterError(fmt::format("max-grad-norm: expected a number above 0, found {}", options.max_grad_norm));
  }
  if (!(options.statistics_share > 0 && options.statistics_share < 1)) {
    throw ParameterError(fmt::format("statistics share: expected a number in (0, 1), found {}",
                                     options.statistics_share));
  }
  setup.schema = schema;
  if (!options.entity_column.empty()) {
    setup.units = GroupByEntity(table, options.entity_column);
    setup.unit = "entity " + options.entity_column;
    setup.one_row_per_unit = true;
    for (const auto& rows : setup.units.rows_of) {
      setup.statistics_rows.push_back(rows[static_cast<std::size_t>(privacy::UniformBelow(rows.size(), bits))]);
    }
    // An identifier, regenerated at sampling: the model never learns who is who.
    ColumnSpec* spec = nullptr;
    for (auto& s : setup.schema.columns) {
      if (s.name == options.entity_column) spec = &s;
    }
    if (spec == nullptr) {
      setup.schema.columns.push_back({.name = options.entity_column});
      spec = &setup.schema.columns.back();
    }
    spec->type = SemanticType::kIdentifier;
  }
  const double units = static_cast<double>(setup.units.count(table.num_rows()));
  setup.delta = options.delta > 0 ? options.delta : std::pow(units, -1.2);
  if (!(setup.delta > 0 && setup.delta < 1)) {
    throw ParameterError(fmt::format("delta: expected a number in (0, 1), found {}", setup.delta));
  }
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const Column& column = table.column(c);
    const ColumnSpec* spec = setup.schema.Find(column.name());
    if (spec != nullptr && spec->type == SemanticType::kIdentifier) continue;
    if (!encode::HasPublicDomain(column, spec)) ++setup.private_columns;
  }
  if (setup.private_columns > 0) {
    // The statistics get `share` of δ for their thresholds and `share` of the ρ that alone would
    // spend the whole ε at the rest of δ; DP-SGD's σ is then calibrated with that ρ on its RDP
    // curve, so the total never exceeds ε whatever the share (docs/privacy.md).
    const double n = static_cast<double>(setup.private_columns);
    const double share = options.statistics_share;
    const double rho = share * privacy::EpsilonToZcdp(setup.epsilon, (1 - share) * setup.delta);
    setup.rho_per_column = rho / n;
    setup.threshold_delta_per_column = share * setup.delta / n;
  }
  return setup;
}

void ChargeDpFit(const encode::DpStatistics& statistics, const DpSgdReport& sgd, double conversion_delta,
                 privacy::PrivacyBudget& budget) {
  if (sgd.order <= 0) {  // nothing spent at all (no statistics, no step)
    budget.Charge("DP-SGD", {0, 0});
    return;
  }
  double attributed = 0;
  for (const auto& step : statistics.steps) {
    budget.Charge(step.name, {step.rho * sgd.order, step.delta});
    attributed += step.rho * sgd.order;
  }
  budget.Charge("DP-SGD", {sgd.steps_rdp, 0});
  attributed += sgd.steps_rdp;
  budget.Charge(fmt::format("RDP to (ε, δ) at order {:g}", sgd.order),
                {std::max(0.0, sgd.epsilon - attributed), conversion_delta});
}

}  // namespace ersatz::argn
