// Generator = table encoder + ARGN network + what the model file needs to describe them.
#include "ersatz/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include "common/json_integer.h"
#include "common/random.h"
#include "constraints/discover.h"
#include "constraints/plan.h"
#include "encode/categorical_encoder.h"
#include "encode/identifier_order.h"
#include "encode/table_encoder.h"
#include "ersatz/error.h"
#include "models/argn/capacity.h"
#include "models/argn/conditions.h"
#include "models/argn/network.h"
#include "models/argn/trainer.h"
#include "models/model_file.h"
#include "table/row_copy.h"
#include "validate/resample.h"
#include "validate/validators.h"
#include "privacy/filter/copy_filter.h"
#include "privacy/filter/likelihood_filter.h"
#include "privacy/random_bits.h"
#include "encode/dp_statistics.h"
#include "models/argn/dp_fit.h"
#include "models/argn/dp_trainer.h"
#include "models/argn/learnable.h"
#include "privacy/summary.h"

namespace ersatz {

using nlohmann::json;

namespace {

constexpr std::string_view kModelKind = "ersatz-argn";
constexpr std::uint64_t kDecodeStream = 0xDEC;
constexpr std::uint64_t kRedrawStream = 0x2ED;

// The seed of draw `attempt` of a row (0: the user's seed): every redraw has its own stream.
std::uint64_t AttemptSeed(std::uint64_t seed, int attempt) {
  if (attempt == 0) return seed;
  const auto w = CounterRng(seed, kRedrawStream).Block(static_cast<std::uint32_t>(attempt), 0);
  return (std::uint64_t{w[0]} << 32) | w[1];
}

json SummaryToJson(const FitSummary& s) {
  return {{"rows", s.rows},
          {"validation_rows", s.validation_rows},
          {"epochs", s.epochs},
          {"best_epoch", s.best_epoch},
          {"best_validation_loss", s.best_validation_loss},
          {"seconds", s.seconds},
          {"gflops_per_second", s.gflops_per_second},
          {"stop_reason", s.stop_reason},
          {"parameters", s.parameters},
          {"size_factor", s.size_factor},
          {"columns", s.columns},
          {"differential_privacy", s.privacy ? privacy::SummaryToJson(*s.privacy) : json(nullptr)}};
}

FitSummary SummaryFromJson(const json& j) {
  FitSummary s;
  s.rows = JsonInteger<std::size_t>(j.at("rows"), "rows");
  s.validation_rows = JsonInteger<std::size_t>(j.at("validation_rows"), "validation_rows");
  s.epochs = JsonInteger<int>(j.at("epochs"), "epochs");
  s.best_epoch = JsonInteger<int>(j.at("best_epoch"), "best_epoch");
  // NaN (written as null) when nothing was validated: DP training holds no validation rows.
  const json& best = j.at("best_validation_loss");
  s.best_validation_loss = best.is_null() ? std::nan("") : best.get<double>();
  s.seconds = j.at("seconds").get<double>();
  s.gflops_per_second = j.at("gflops_per_second").get<double>();
  s.stop_reason = j.at("stop_reason").get<std::string>();
  s.parameters = JsonInteger<std::size_t>(j.at("parameters"), "parameters");
  s.size_factor = j.value("size_factor", 1.0);  // models before the capacity rule: a preset
  s.columns = j.at("columns").get<std::vector<std::string>>();
  // Models written before DP training have no such key: no guarantee.
  if (j.contains("differential_privacy") && !j.at("differential_privacy").is_null()) {
    s.privacy = privacy::SummaryFromJson(j.at("differential_privacy"));
  }
  return s;
}

// ln p(row) for every encoded row, in one fixed order (the columns' own), so that fit and sample
// score rows alike.
void ScoreRows(argn::Network& network, const encode::EncodedTable& encoded, std::span<double> out) {
  std::vector<int> order(static_cast<std::size_t>(network.shape().num_columns()));
  std::iota(order.begin(), order.end(), 0);
  const argn::OrderPlan plan = network.PlanOrder(order);
  constexpr std::size_t kChunk = 4096;
  for (std::size_t first = 0; first < encoded.rows; first += kChunk) {
    const std::size_t n = std::min(kChunk, encoded.rows - first);
    argn::BatchCodes codes;
    for (const auto& sub : encoded.codes) codes.emplace_back(sub.data() + first, n);
    network.RowLogLikelihood(codes, n, plan, out.subspan(first, n));
  }
}

// The network's size for this data (docs/capacity.md): the rows it trains on and the batch they
// come in, as the training loop will choose them.
argn::Capacity CapacityFor(const encode::TableEncoder& encoder, std::size_t rows,
                           const FitOptions& options) {
  argn::CapacityRequest r;
  for (std::size_t c = 0; c < encoder.num_columns(); ++c) {
    for (std::size_t k = encoder.first_sub(c); k < encoder.first_sub(c + 1); ++k) {
      r.cardinality.push_back(encoder.sub_columns()[k].cardinality);
      r.column_of.push_back(static_cast<int>(c));
    }
  }
  // DP-SGD holds nothing out for validation.
  r.training_rows = options.epsilon ? rows : rows - argn::ValidationRows(rows, options.validation_fraction);
  r.batch = static_cast<std::size_t>(options.epsilon ? argn::DpExpectedBatch(options.batch_size, rows)
                                                     : argn::BatchSize(options.batch_size, r.training_rows));
  r.size = options.size;
  r.max_parameters = options.max_parameters;
  return argn::ChooseCapacity(r);
}

// A mapping's table holds values read from the data, which no DP mechanism released; rules are
// not discovered under DP for the same reason (the choice itself would depend on the rows).
void RefuseTablesFromDataUnderDp(const Metadata& schema) {
  for (std::size_t i = 0; i < schema.constraints.size(); ++i) {
    if (schema.constraints[i].kind == Constraint::Kind::kMapping) {
      throw ParameterError(fmt::format(
          "{}: constraint {} ({}): a mapping's table is read from the data, which --epsilon does "
          "not allow; drop the constraint or fit without --epsilon",
          schema.source.empty() ? "metadata" : schema.source, i + 1,
          schema.constraints[i].Describe()));
    }
  }
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// A condition on a column that a constraint rebuilds names the rule rather than saying the model
// has no such column.
void RefuseConditionsOnRebuiltColumns(const encode::TableEncoder& encoder,
                                      const constraints::ConstraintPlan& plan,
                                      const SampleOptions& options) {
  auto check = [&](const std::string& text, std::string_view flag) {
    const std::string name(Trim(std::string_view(text).substr(0, text.find('='))));
    if (encoder.FindColumn(name) >= 0) return;
    const auto rebuilt = plan.RebuiltBy(name);
    if (rebuilt.constraint == nullptr) return;
    throw ParameterError(fmt::format(
        "{} '{}': column '{}' is not sampled but computed by the rule '{}'; condition on the "
        "columns it reads{}",
        flag, text, name, rebuilt.constraint->Describe(),
        rebuilt.discovered ? ", or fit with --no-discover-rules to learn it" : ""));
  };
  for (const std::string& w : options.where) check(w, "--where");
  for (const std::string& r : options.rebalance) check(r, "--rebalance");
  for (const auto& [name, t] : options.column_temperature) check(name, "temperature");
}

}  // namespace

struct Generator::Impl {
  Metadata schema;
  encode::TableEncoder encoder;
  mutable argn::Network network;  // sampling reuses its scratch buffers
  FitSummary summary;
  validate::Validators validators;  // learned from the encoders; empty for models before them
  constraints::ConstraintPlan constraints;  // from the metadata; empty for models before them

  // The conditions of the rows with these global indices.
  using MakeConditions = std::function<argn::RowConditions(std::span<const std::uint64_t> ids)>;
  // Samples `rows` rows, numbered from global index `base`, under `make`'s conditions; with
  // `checked`, through the validators, options.checks and unique columns, rejected rows drawn
  // again under their own conditions (validate::SampleChecked).
  SampleReport Run(std::size_t rows, std::uint64_t base, const SampleOptions& options,
                   const MakeConditions& make, bool checked,
                   const std::function<void(const Table& batch)>& sink) const;
  std::shared_ptr<const privacy::CopyFilterData> filter;  // null when the model stores no hashes
};

Generator::Generator() : impl_(std::make_unique<Impl>()) {}
Generator::~Generator() = default;
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;

const FitSummary& Generator::summary() const { return impl_->summary; }
const Metadata& Generator::schema() const { return impl_->schema; }

std::vector<ComputedColumn> Generator::ComputedColumns() const {
  std::vector<ComputedColumn> out;
  for (const constraints::RuleReport& r : impl_->constraints.Rules()) {
    out.push_back({.rule = r.constraint,
                   .discovered = r.discovered,
                   .rows = r.rows,
                   .holds = r.holds,
                   .entries = r.entries,
                   .intervals = r.intervals,
                   .ratio_low = r.ratio_low,
                   .ratio_high = r.ratio_high});
  }
  return out;
}

Generator Generator::Fit(const Table& table, const Metadata& schema, const FitOptions& options,
                         const std::function<void(const FitProgress&)>& progress) {
  std::vector<std::string> warnings = CheckLearnable(table, schema);
  if (options.size != "auto") argn::PresetSizeFactor(options.size);  // a bad name fails first
  // --max-time counts from here: rule discovery and encoding spend the same budget as training.
  const auto fit_start = std::chrono::steady_clock::now();
  const auto announce = [&](std::string phase) {
    if (progress && table.num_columns() >= kWideTableColumns) progress(FitProgress{.phase = std::move(phase)});
  };
  Generator g;
  Impl& m = *g.impl_;
  m.schema = schema;
  constraints::PlanOptions plan{.value_protection = options.value_protection, .seed = options.seed};
  if (options.epsilon) {
    RefuseTablesFromDataUnderDp(schema);
  } else if (options.discover_rules) {
    announce(fmt::format("looking for rules among {} columns (--no-discover-rules skips this)",
                         table.num_columns()));
    constraints::DiscoverReport searched;
    plan.discovered = constraints::DiscoverRules(table, schema,
                                                 {.value_protection = options.value_protection,
                                                  .seed = options.seed,
                                                  .learned = options.learned_columns},
                                                 &searched);
    if (searched.searched < searched.searchable) {
      announce(fmt::format("rule discovery searched the first {} of {} columns it could use (the "
                           "most it searches); found {} rule(s)",
                           searched.searched, searched.searchable, plan.discovered.size()));
    }
  }
  m.constraints = constraints::ConstraintPlan::Fit(table, schema, plan);
  const Table learned = m.constraints.Prepare(table);  // derived columns out, differences in
  // Differential privacy: the units, the budget, and DP statistics for the encoders.
  privacy::OpenSslRandomBits dp_bits;
  std::optional<argn::DpFitSetup> dp;
  std::optional<privacy::PrivacyBudget> budget;
  encode::DpStatistics statistics;
  const Table* statistics_table = &learned;
  Table one_row_per_unit;
  if (options.epsilon) {
    dp = argn::PrepareDpFit(learned, schema, options, dp_bits);
    budget.emplace(dp->epsilon, dp->delta);
    statistics.bits = &dp_bits;
    statistics.rho_per_column = dp->rho_per_column;
    statistics.threshold_delta_per_column = dp->threshold_delta_per_column;
    m.schema = dp->schema;
    if (dp->one_row_per_unit) {
      one_row_per_unit = learned.Take(dp->statistics_rows);
      statistics_table = &one_row_per_unit;
    }
  }
  announce(fmt::format("encoding {} columns", learned.num_columns()));
  m.encoder = encode::TableEncoder::Fit(*statistics_table, m.schema,
                                        {.value_protection = options.value_protection && !dp,
                                         .seed = options.seed,
                                         .dp = dp ? &statistics : nullptr});
  if (m.encoder.num_columns() == 0) {
    throw DataError("nothing to learn: every column is an identifier");
  }
  const encode::EncodedTable encoded = m.encoder.Encode(learned);
  const argn::Capacity capacity = CapacityFor(m.encoder, encoded.rows, options);
  announce(fmt::format("building the network for {} sub-columns: {} parameters",
                       m.encoder.sub_columns().size(), capacity.parameters));
  m.network = argn::Network(capacity.shape, options.seed);

  argn::TrainOptions train;
  train.max_epochs = options.max_epochs;
  train.max_seconds = options.max_seconds;
  train.started = fit_start;
  train.batch_size = options.batch_size;
  train.learning_rate = options.learning_rate;
  train.validation_fraction = options.validation_fraction;
  train.seed = options.seed;
  const auto on_epoch = [&](const argn::EpochProgress& e) {
    if (!progress) return;
    progress(FitProgress{e.epoch, e.max_epochs, e.train_loss, e.validation_loss, e.rows_per_second,
                         e.elapsed_seconds, e.eta_seconds, e.improved, e.epsilon_spent});
  };
  argn::TrainReport report;
  argn::DpSgdReport sgd;
  if (dp) {
    argn::DpSgdOptions sgd_options;
    sgd_options.epsilon = dp->epsilon;
    sgd_options.delta = dp->delta - statistics.TotalDelta();
    sgd_options.statistics_rho = statistics.TotalRho();
    sgd_options.max_grad_norm = options.max_grad_norm;
    sgd_options.expected_batch = options.batch_size;
    sgd_options.units = dp->units;
    report = argn::TrainDp(m.network, encoded, train, sgd_options, &sgd, on_epoch);
    ChargeDpFit(statistics, sgd, sgd_options.delta, *budget);
  } else {
    report = argn::Train(m.network, encoded, train, on_epoch);
  }

  FitSummary& s = m.summary;
  s.rows = table.num_rows();
  s.validation_rows = report.validation_rows;
  s.epochs = report.epochs;
  s.best_epoch = report.best_epoch;
  s.best_validation_loss = report.best_validation_loss;
  s.seconds = report.seconds;
  s.gflops_per_second = report.gflops_per_second;
  s.stop_reason = report.stop_reason;
  s.partial_epoch = report.partial_epoch;
  for (const auto& p : m.network.Params()) s.parameters += p.value.size();
  s.size_factor = capacity.size_factor;
  s.columns = table.ColumnNames();
  s.warnings = std::move(warnings);
  for (const ColumnSpec& c : schema.columns) {
    if (!c.warning.empty() && table.FindColumn(c.name) >= 0) s.warnings.push_back(c.warning);
  }
  for (std::string& w : m.encoder.Warnings()) s.warnings.push_back(std::move(w));
  if (dp) {
    DifferentialPrivacySummary d;
    d.epsilon = budget->Total().epsilon;
    d.delta = budget->Total().delta;
    d.epsilon_budget = dp->epsilon;
    d.delta_budget = dp->delta;
    d.unit = dp->unit;
    d.units = sgd.units;
    d.steps = sgd.steps;
    d.planned_steps = sgd.planned_steps;
    d.sampling_rate = sgd.sampling_rate;
    d.noise_multiplier = sgd.noise_multiplier;
    d.max_grad_norm = options.max_grad_norm;
    d.expected_batch = report.batch_size;
    d.clipped_share = sgd.clipped_share;
    for (const auto& step : budget->steps()) d.spending.push_back({step.name, step.spend.epsilon, step.spend.delta});
    s.privacy = std::move(d);
  }
  // Rules on learned columns that constraints rebuild (differences, combinations) would check
  // nothing in the output: only the output's own columns keep theirs.
  std::vector<validate::ColumnRule> rules;
  const validate::Validators learned_rules = validate::Validators::Learn(m.encoder);
  for (const auto& rule : learned_rules.rules()) {
    if (table.FindColumn(rule.column) >= 0) rules.push_back(rule);
  }
  m.validators = validate::Validators(std::move(rules));
  // Under DP the model file holds nothing about individual rows beyond the guarantee: no hashes.
  if (options.filter_hashes && !dp) {
    // Columns rebuilt by constraints (combinations) are hashed through their own columns only
    // when those are learned as they are. Computed columns (derived, mapping) are hashed: one
    // with learned exceptions can repeat a rare training row.
    std::vector<std::string> hashed;
    for (const std::string& name : table.ColumnNames()) {
      const Constraint* rule = m.constraints.RebuiltBy(name).constraint;
      const bool computed = rule != nullptr && (rule->kind == Constraint::Kind::kDerived ||
                                                rule->kind == Constraint::Kind::kMapping);
      if (m.encoder.FindColumn(name) >= 0 || computed) hashed.push_back(name);
    }
    // A fresh secret key per model: the hashes cannot be matched against another model's or a
    // precomputed table (the key is in the file, so it does not hide rows from its holder).
    privacy::OpenSslRandomBits bits;
    auto filter = std::make_shared<privacy::CopyFilterData>(
        privacy::CopyFilterData::Build(table, hashed, bits.NextU64()));
    std::vector<double> ll(table.num_rows());
    ScoreRows(m.network, encoded, ll);
    filter->likelihood_floor = privacy::LikelihoodFloor(std::move(ll));
    m.filter = std::move(filter);
  }
  return g;
}

void Generator::Save(const std::string& path) const {
  const Impl& m = *impl_;
  ModelFile file;
  const argn::NetworkShape& shape = m.network.shape();
  file.header = {{"kind", kModelKind},
                 {"ersatz_version", ERSATZ_VERSION},
                 {"schema", json::parse(m.schema.ToJson())},
                 {"encoder", m.encoder.ToJson()},
                 {"network",
                  {{"cardinality", shape.cardinality},
                   {"column_of", shape.column_of},
                   {"embed_dim", shape.embed_dim},
                   {"hidden", shape.hidden}}},
                 {"training", SummaryToJson(m.summary)},
                 {"validators", m.validators.ToJson()}};
  if (!m.constraints.empty()) file.header["constraints"] = m.constraints.ToJson();
  m.network.ToTensors(&file.tensors);
  if (m.filter) {
    file.header["privacy_filter"] = m.filter->ToJson();
    m.filter->ToTensors(&file.tensors);
  }
  WriteModelFile(path, file);
}

Generator Generator::Load(const std::string& path) {
  const ModelFile file = ReadModelFile(path);
  Generator g;
  Impl& m = *g.impl_;
  try {
    if (file.header.value("kind", std::string()) != kModelKind) {
      throw DataError(fmt::format("{}: not an ersatz generator model (kind \"{}\")", path,
                                  file.header.value("kind", std::string())));
    }
    m.schema = Metadata::ParseJson(file.header.at("schema").dump(), path);
    m.encoder = encode::TableEncoder::FromJson(file.header.at("encoder"));
    const json& net = file.header.at("network");
    argn::NetworkShape shape;
    shape.cardinality = JsonIntegers<int>(net.at("cardinality"), "cardinality");
    shape.column_of = JsonIntegers<int>(net.at("column_of"), "column_of");
    shape.embed_dim = JsonIntegers<int>(net.at("embed_dim"), "embed_dim");
    shape.hidden = JsonIntegers<int>(net.at("hidden"), "hidden");
    const auto n = shape.cardinality.size();
    bool consistent = shape.column_of.size() == n && shape.embed_dim.size() == n &&
                      shape.hidden.size() == n && n == m.encoder.sub_columns().size();
    // Each sub-column must belong to the column whose encoder made it, as fit laid them out.
    for (std::size_t c = 0; consistent && c < m.encoder.num_columns(); ++c) {
      for (std::size_t k = m.encoder.first_sub(c); consistent && k < m.encoder.first_sub(c + 1); ++k) {
        consistent = shape.column_of[k] == static_cast<int>(c);
      }
    }
    for (std::size_t k = 0; consistent && k < n; ++k) {
      consistent = shape.cardinality[k] == m.encoder.sub_columns()[k].cardinality &&
                   shape.embed_dim[k] > 0 && shape.embed_dim[k] <= 4096 && shape.hidden[k] > 0 &&
                   shape.hidden[k] <= 65536;
    }
    if (!consistent) throw DataError(fmt::format("{}: the network does not match the encoder", path));
    m.network = argn::Network(shape, 0);
    m.network.FromTensors(file);
    m.summary = SummaryFromJson(file.header.at("training"));
    // Models written before validators existed have none: they load and sample unchecked.
    if (file.header.contains("validators")) {
      m.validators = validate::Validators::FromJson(file.header.at("validators"));
    }
    if (file.header.contains("constraints")) {
      m.constraints = constraints::ConstraintPlan::FromJson(file.header.at("constraints"));
      // Every column the constraints read and rebuild must come out of the decoder.
      const std::vector<std::span<const std::int32_t>> none(m.encoder.sub_columns().size());
      m.constraints.Restore(m.encoder.Decode(none, 0, 0, 0, 0), {});
    }
    if (file.header.contains("privacy_filter")) {
      try {
        m.filter = std::make_shared<const privacy::CopyFilterData>(
            privacy::CopyFilterData::FromModel(file.header.at("privacy_filter"), file));
      } catch (const DataError& e) {
        throw DataError(fmt::format("{}: malformed privacy filter: {}", path, e.what()));
      }
    }
  } catch (const json::exception& e) {
    throw DataError(fmt::format("{}: malformed model header: {}", path, e.what()));
  } catch (const ParameterError& e) {
    throw DataError(fmt::format("{}: malformed model header: {}", path, e.what()));
  }
  return g;
}

ColumnPrediction Generator::PredictColumn(const Table& rows, const std::string& column) const {
  const Impl& m = *impl_;
  const int c = m.encoder.FindColumn(column);
  const auto* categorical =
      c < 0 ? nullptr
            : dynamic_cast<const encode::CategoricalEncoder*>(&m.encoder.encoder(static_cast<std::size_t>(c)));
  if (categorical == nullptr) {
    throw ParameterError(fmt::format("'{}' is not a column the model learns as categories", column));
  }
  const auto col = static_cast<std::size_t>(c);
  const int k = static_cast<int>(m.encoder.first_sub(col));
  const encode::EncodedTable encoded = m.encoder.Encode(rows);
  // Every other column first, `column` last: its head then sees the whole rest of the row.
  std::vector<int> order;
  for (int i = 0; i < static_cast<int>(m.encoder.num_columns()); ++i) {
    if (i != c) order.push_back(i);
  }
  order.push_back(c);
  const argn::OrderPlan plan = m.network.PlanOrder(order);
  ColumnPrediction out;
  out.categories = categorical->categories();
  constexpr std::size_t kChunk = 4096;
  nn::Matrix log_p;
  for (std::size_t first = 0; first < encoded.rows; first += kChunk) {
    const std::size_t n = std::min(kChunk, encoded.rows - first);
    argn::BatchCodes codes;
    for (const auto& sub : encoded.codes) codes.emplace_back(sub.data() + first, n);
    m.network.LogProbabilities(codes, n, plan, k, &log_p);
    for (std::size_t r = 0; r < n; ++r) {
      std::vector<double>& row = out.log_p.emplace_back(out.categories.size());
      for (std::size_t i = 0; i < row.size(); ++i) row[i] = log_p(r, i + 1);  // code 0 is RARE
    }
  }
  return out;
}

std::vector<std::shared_ptr<const RowCheck>> Generator::PrivacyFilters(const std::string& level) const {
  const privacy::FilterLevel parsed = privacy::ParseFilterLevel(level);
  if (parsed == privacy::FilterLevel::kOff) return {};
  if (!impl_->filter) {
    // A differentially private model stores no hashes by design: its guarantee already bounds
    // what any output row reveals (docs/privacy.md).
    if (impl_->summary.privacy) return {};
    throw ParameterError(fmt::format(
        "privacy-filter: the model stores no training-row hashes (fitted with --no-filter-hashes "
        "or by an older ersatz), so it cannot filter copies; use --privacy-filter off"));
  }
  std::vector<std::shared_ptr<const RowCheck>> checks = {
      std::make_shared<const privacy::CopyFilter>(impl_->filter, parsed)};
  if (parsed == privacy::FilterLevel::kHigh && std::isfinite(impl_->filter->likelihood_floor)) {
    checks.push_back(std::make_shared<const privacy::LikelihoodFilter>(
        [network = &impl_->network, encoder = &impl_->encoder,
         constraints = &impl_->constraints](const Table& batch, std::span<double> ll) {
          // The learned columns of the rows: differences, combinations, exceptions, ratios.
          ScoreRows(*network, encoder->Encode(constraints->Prepare(batch)), ll);
        },
        impl_->filter->likelihood_floor));
  }
  return checks;
}

namespace {

// Per-sub-column temperatures from the global one and the per-column overrides.
std::vector<float> SubColumnTemperatures(const encode::TableEncoder& encoder,
                                        const SampleOptions& options) {
  auto check = [](double t, const std::string& what) {
    if (!(t > 0)) throw ParameterError(fmt::format("{}: expected a value above 0, found {}", what, t));
  };
  check(options.temperature, "temperature");
  if (options.top_p <= 0 || options.top_p > 1) {
    throw ParameterError(fmt::format("top-p: expected a value in (0, 1], found {}", options.top_p));
  }
  std::vector<float> temperature(encoder.sub_columns().size(), static_cast<float>(options.temperature));
  for (const auto& [name, t] : options.column_temperature) {
    const int c = encoder.FindColumn(name);
    if (c < 0) throw ParameterError(fmt::format("temperature: the model has no column '{}'", name));
    check(t, fmt::format("temperature {}", name));
    for (auto k = encoder.first_sub(c); k < encoder.first_sub(c + 1); ++k) temperature[k] = static_cast<float>(t);
  }
  return temperature;
}

}  // namespace

SampleReport Generator::Impl::Run(std::size_t rows, std::uint64_t base, const SampleOptions& options,
                                  const MakeConditions& make, bool checked,
                                  const std::function<void(const Table& batch)>& sink) const {
  if (!(options.max_invalid_fraction >= 0 && options.max_invalid_fraction <= 1)) {
    throw ParameterError(fmt::format("max-invalid-fraction: expected a value in [0, 1], found {}",
                                     options.max_invalid_fraction));
  }
  if (options.max_retries < 0) {
    throw ParameterError(
        fmt::format("max-retries: expected 0 or more, found {}", options.max_retries));
  }
  const std::vector<float> temperature = SubColumnTemperatures(encoder, options);
  const auto top_p = static_cast<float>(options.top_p);
  const int subs = network.shape().num_sub_columns();
  const std::size_t batch_rows = std::max<std::size_t>(1, options.batch_rows);
  std::vector<std::vector<std::int32_t>> codes(subs, std::vector<std::int32_t>(batch_rows));
  auto draw = [&](std::size_t first, std::size_t n) {
    std::vector<std::uint64_t> ids(n);
    std::iota(ids.begin(), ids.end(), base + first);
    const argn::RowConditions conditions = make(ids);
    argn::SampleConditioned(network, encoder, conditions, {temperature, top_p, options.seed, base + first},
                            &codes);
    std::vector<std::span<const std::int32_t>> in;
    for (const auto& c : codes) in.emplace_back(c.data(), n);
    return constraints.Restore(
        encoder.Decode(in, n, options.seed ^ kDecodeStream, base + first, options.seed ^ kDecodeStream), ids);
  };
  // Rejected rows are drawn again under their own conditions (a rebalanced row keeps its drawn
  // category: conditions come from the user's seed, the draws from the attempt's).
  auto redraw = [&](std::span<const std::uint32_t> local, int attempt) {
    const std::uint64_t seed = AttemptSeed(options.seed, attempt);
    const std::size_t n = local.size();
    std::vector<std::uint64_t> ids;
    std::vector<std::uint32_t> keys;
    for (const std::uint32_t r : local) {
      ids.push_back(base + r);
      keys.push_back(static_cast<std::uint32_t>(base + r));
    }
    const argn::RowConditions conditions = make(ids);
    std::vector<std::vector<std::int32_t>> redrawn(subs, std::vector<std::int32_t>(n));
    argn::SampleConditioned(network, encoder, conditions, {temperature, top_p, seed, 0, keys}, &redrawn);
    // Decoded one row at a time: a row's identifier and in-bin draws are keyed by its own index.
    Table table;
    std::vector<std::span<const std::int32_t>> in(subs);
    for (std::size_t i = 0; i < n; ++i) {
      for (int k = 0; k < subs; ++k) in[k] = std::span<const std::int32_t>(redrawn[k].data() + i, 1);
      AppendRows(encoder.Decode(in, 1, seed ^ kDecodeStream, ids[i], options.seed ^ kDecodeStream), &table);
    }
    return constraints.Restore(table, ids);
  };
  std::vector<const RowCheck*> checks;
  if (checked && options.validate && !validators.empty()) checks.push_back(&validators);
  for (const auto& check : options.checks) {
    if (checked && check) checks.push_back(check.get());
  }
  return validate::SampleChecked(
      rows, batch_rows, checks,
      {.max_retries = options.max_retries,
       .max_invalid_fraction = options.max_invalid_fraction,
       .unique_columns = checked ? constraints.UniqueColumns() : std::vector<std::string>{}},
      draw, redraw, sink);
}

SampleReport Generator::Sample(std::size_t rows, const SampleOptions& options,
                               const std::function<void(const Table& batch)>& sink) const {
  const Impl& m = *impl_;
  RefuseConditionsOnRebuiltColumns(m.encoder, m.constraints, options);
  const argn::ConditionPlan plan(m.encoder, m.network, options.where, options.rebalance,
                                 options.no_nulls);
  // Unconditional sampling is the case where no row conditions anything (SampleConditioned then
  // gives every group of 256 rows its own random order over all columns).
  const auto make = [&](std::span<const std::uint64_t> ids) {
    argn::RowConditions conditions = plan.Start(m.encoder, ids.size());
    if (!plan.empty()) {
      for (std::size_t r = 0; r < ids.size(); ++r) plan.Apply(&conditions, r, ids[r], options.seed);
    }
    return conditions;
  };
  // Counters that grow with a date are given out in the generated dates' order: batches are held
  // back until a chunk of rows is there (identifier_order.h), then handed on together.
  encode::IdentifierOrder ids(m.encoder, rows, encode::IdentifierOrder::ChunkRows(m.encoder, options.batch_rows),
                              options.seed);
  if (ids.empty()) return m.Run(rows, 0, options, make, /*checked=*/true, sink);
  Table chunk;
  const auto flush = [&] {
    ids.Apply(&chunk);
    sink(chunk);
    chunk = Table();
  };
  const SampleReport report = m.Run(rows, 0, options, make, /*checked=*/true, [&](const Table& batch) {
    AppendRows(batch, &chunk);
    if (chunk.num_rows() >= ids.chunk_rows()) flush();
  });
  if (chunk.num_rows() > 0) flush();
  return report;
}

void Generator::SampleGiven(const Table& given, std::size_t per_row, std::uint64_t first_row,
                            const SampleOptions& options,
                            const std::function<void(const Table& batch)>& sink,
                            const std::function<void(std::size_t row, std::size_t column)>& unseen) const {
  const Impl& m = *impl_;
  RefuseConditionsOnRebuiltColumns(m.encoder, m.constraints, options);
  const argn::ConditionPlan plan(m.encoder, m.network, options.where, options.rebalance,
                                 options.no_nulls);
  const std::vector<int> plan_columns = plan.Columns();
  // The given cells as codes: given[i] is learned column learned[i] of the model.
  struct GivenColumn {
    std::size_t index;  // in `given`
    int learned;
    std::vector<std::vector<std::int32_t>> codes;  // [sub][row]
  };
  std::vector<GivenColumn> columns;
  // A given cell of a column a mapping computes from a learned categorical parent (education-num
  // from education) says which parent values the row may take: the parent, when not given
  // itself, is sampled among them, so the row keeps the rule.
  struct GivenChild {
    std::size_t index;  // in `given`
    int parent;         // learned column
    const constraints::Mapping* mapping;
    const encode::CategoricalEncoder* parent_encoder;
  };
  std::vector<GivenChild> children;
  for (std::size_t g = 0; g < given.num_columns(); ++g) {
    const Column& column = given.column(g);
    const int c = m.encoder.FindColumn(column.name());
    if (c < 0) {
      // Identifiers and columns the model does not know pass through, as given.
      const constraints::Mapping* mapping = m.constraints.MappingOf(column.name());
      if (mapping == nullptr) continue;
      const int parent = m.encoder.FindColumn(m.constraints.RebuiltBy(column.name()).constraint->columns[1]);
      const auto* parent_encoder =
          parent < 0 ? nullptr
                     : dynamic_cast<const encode::CategoricalEncoder*>(&m.encoder.encoder(static_cast<std::size_t>(parent)));
      if (parent_encoder != nullptr) children.push_back({g, parent, mapping, parent_encoder});
      continue;
    }
    if (std::find(plan_columns.begin(), plan_columns.end(), c) != plan_columns.end()) {
      throw ParameterError(fmt::format(
          "column '{}' is both given (seed data) and conditioned (--where / --rebalance)", column.name()));
    }
    const encode::ColumnEncoder& encoder = m.encoder.encoder(c);
    if (column.kind() != encoder.shape().kind) {
      throw ParameterError(fmt::format("given column '{}' is {}, but the model learned it as {}",
                                       column.name(), ColumnKindName(column.kind()),
                                       ColumnKindName(encoder.shape().kind)));
    }
    GivenColumn gc{g, c, std::vector<std::vector<std::int32_t>>(encoder.sub_columns().size(),
                                                                std::vector<std::int32_t>(column.size()))};
    std::vector<std::span<std::int32_t>> out(gc.codes.begin(), gc.codes.end());
    encoder.Encode(column, out);
    if (unseen) {
      for (std::size_t r = 0; r < column.size(); ++r) {
        if (!column.IsNull(r) && encoder.IsUnseen(column, r)) unseen(r, g);
      }
    }
    columns.push_back(std::move(gc));
  }
  // Per given child column, the parent codes each distinct value allows, and each row's value
  // among them (-1: none given, or a value no parent gives: a cell the model never saw).
  struct ChildMasks {
    std::vector<std::vector<std::uint8_t>> masks;  // per distinct value
    std::vector<std::int32_t> single;  // per distinct value: its only allowed code, or -1
    std::vector<std::int32_t> of_row;
  };
  std::vector<ChildMasks> child_masks(children.size());
  for (std::size_t i = 0; i < children.size(); ++i) {
    const GivenChild& gc = children[i];
    const Column& column = given.column(gc.index);
    const int cardinality = m.encoder.encoder(static_cast<std::size_t>(gc.parent)).sub_columns()[0].cardinality;
    std::unordered_map<std::string, std::int32_t> index_of;
    ChildMasks& cm = child_masks[i];
    cm.of_row.assign(column.size(), -1);
    for (std::size_t r = 0; r < column.size(); ++r) {
      if (column.IsNull(r)) continue;
      const std::string value = column.FormatValue(r);
      auto [it, added] = index_of.emplace(value, -1);
      if (added) {
        std::vector<std::uint8_t> mask(static_cast<std::size_t>(cardinality), 0);
        for (const std::string& parent_value : gc.mapping->ParentsGiving(value)) {
          const std::int32_t code = gc.parent_encoder->CodeOf(parent_value);
          if (code > 0) mask[static_cast<std::size_t>(code)] = 1;
        }
        const auto allowed = std::count(mask.begin(), mask.end(), 1);
        if (allowed > 0) {
          it->second = static_cast<std::int32_t>(cm.masks.size());
          cm.single.push_back(allowed == 1 ? static_cast<std::int32_t>(std::find(mask.begin(), mask.end(), 1) - mask.begin())
                                           : -1);
          cm.masks.push_back(std::move(mask));
        }
      }
      if (it->second < 0 && unseen) unseen(r, gc.index);
      cm.of_row[r] = it->second;
    }
  }
  const std::uint64_t base = first_row * per_row;
  std::vector<std::int32_t> cell;
  const auto make = [&](std::span<const std::uint64_t> ids) {
    argn::RowConditions conditions = plan.Start(m.encoder, ids.size());
    // The batch's rule for each (child column, distinct value), added when first needed.
    std::vector<std::unordered_map<std::int32_t, int>> rule_of(children.size());
    for (std::size_t r = 0; r < ids.size(); ++r) {
      const std::size_t source = static_cast<std::size_t>((ids[r] - base) / per_row);
      for (std::size_t i = 0; i < children.size(); ++i) {
        const std::int32_t value = child_masks[i].of_row[source];
        if (value < 0) continue;
        const auto v = static_cast<std::size_t>(value);
        if (const std::int32_t code = child_masks[i].single[v]; code >= 0) {
          conditions.Fix(r, children[i].parent, std::span(&code, 1));
          continue;
        }
        auto [it, added] = rule_of[i].emplace(value, -1);
        if (added) {
          argn::ColumnRule rule;
          rule.column = children[i].parent;
          rule.origin = fmt::format("the given '{}'", given.column(children[i].index).name());
          rule.allowed = child_masks[i].masks[v];
          it->second = conditions.AddRule(std::move(rule));
        }
        conditions.Restrict(r, it->second);
      }
      // Cells of the learned columns, given, win over what a child implied.
      for (const GivenColumn& gc : columns) {
        if (given.column(gc.index).IsNull(source)) continue;
        cell.clear();
        for (const auto& sub : gc.codes) cell.push_back(sub[source]);
        conditions.Fix(r, gc.learned, cell);
      }
      plan.Apply(&conditions, r, ids[r], options.seed);
    }
    return conditions;
  };
  // Unchecked: every row keeps its place next to its seed row, and the given cells are real
  // values, which validators and copy filters are not meant to judge (docs/conditional.md).
  m.Run(given.num_rows() * per_row, base, options, make, /*checked=*/false, sink);
}

}  // namespace ersatz
