// Generator = table encoder + ARGN network + what the model file needs to describe them.
#include "ersatz/generator.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/random.h"
#include "encode/table_encoder.h"
#include "ersatz/error.h"
#include "encode/dp_statistics.h"
#include "models/argn/dp_fit.h"
#include "models/argn/dp_trainer.h"
#include "models/argn/network.h"
#include "models/argn/trainer.h"
#include "models/model_file.h"
#include "privacy/summary.h"

namespace ersatz {

using nlohmann::json;

namespace {

constexpr std::string_view kModelKind = "ersatz-argn";
constexpr std::uint64_t kSampleOrderStream = 0x0D3;
constexpr std::uint64_t kDecodeStream = 0xDEC;
constexpr std::size_t kRowsPerOrder = 256;

double SizeFactor(const std::string& size) {
  if (size == "small") return 0.5;
  if (size == "medium") return 1.0;
  if (size == "large") return 2.0;
  throw ParameterError(fmt::format("size: expected small, medium or large, found \"{}\"", size));
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
          {"columns", s.columns},
          {"differential_privacy", s.privacy ? privacy::SummaryToJson(*s.privacy) : json(nullptr)}};
}

FitSummary SummaryFromJson(const json& j) {
  FitSummary s;
  s.rows = j.at("rows").get<std::size_t>();
  s.validation_rows = j.at("validation_rows").get<std::size_t>();
  s.epochs = j.at("epochs").get<int>();
  s.best_epoch = j.at("best_epoch").get<int>();
  // NaN (written as null) when nothing was validated: DP training holds no validation rows.
  const json& best = j.at("best_validation_loss");
  s.best_validation_loss = best.is_null() ? std::nan("") : best.get<double>();
  s.seconds = j.at("seconds").get<double>();
  s.gflops_per_second = j.at("gflops_per_second").get<double>();
  s.stop_reason = j.at("stop_reason").get<std::string>();
  s.parameters = j.at("parameters").get<std::size_t>();
  s.columns = j.at("columns").get<std::vector<std::string>>();
  // Models written before DP training have no such key: no guarantee.
  if (j.contains("differential_privacy") && !j.at("differential_privacy").is_null()) {
    s.privacy = privacy::SummaryFromJson(j.at("differential_privacy"));
  }
  return s;
}

argn::NetworkShape ShapeFor(const encode::TableEncoder& encoder, double size_factor) {
  std::vector<int> cardinality, column_of;
  for (std::size_t c = 0; c < encoder.num_columns(); ++c) {
    for (std::size_t k = encoder.first_sub(c); k < encoder.first_sub(c + 1); ++k) {
      cardinality.push_back(encoder.sub_columns()[k].cardinality);
      column_of.push_back(static_cast<int>(c));
    }
  }
  return argn::NetworkShape::ForCardinalities(cardinality, column_of, size_factor);
}

}  // namespace

struct Generator::Impl {
  Metadata schema;
  encode::TableEncoder encoder;
  mutable argn::Network network;  // sampling reuses its scratch buffers
  FitSummary summary;
};

Generator::Generator() : impl_(std::make_unique<Impl>()) {}
Generator::~Generator() = default;
Generator::Generator(Generator&&) noexcept = default;
Generator& Generator::operator=(Generator&&) noexcept = default;

const FitSummary& Generator::summary() const { return impl_->summary; }
const Metadata& Generator::schema() const { return impl_->schema; }

Generator Generator::Fit(const Table& table, const Metadata& schema, const FitOptions& options,
                         const std::function<void(const FitProgress&)>& progress) {
  if (table.num_rows() < 2) {
    throw DataError(fmt::format("cannot learn from {} row(s): at least 2 are needed", table.num_rows()));
  }
  const double size_factor = SizeFactor(options.size);
  Generator g;
  Impl& m = *g.impl_;
  m.schema = schema;
  // Differential privacy: the units, the budget, and DP statistics for the encoders.
  privacy::OpenSslRandomBits dp_bits;
  std::optional<argn::DpFitSetup> dp;
  std::optional<privacy::PrivacyBudget> budget;
  encode::DpStatistics statistics;
  const Table* statistics_table = &table;
  Table one_row_per_unit;
  if (options.epsilon) {
    dp = argn::PrepareDpFit(table, schema, options, dp_bits);
    budget.emplace(dp->epsilon, dp->delta);
    statistics = {&*budget, &dp_bits, dp->per_column};
    m.schema = dp->schema;
    if (dp->one_row_per_unit) {
      one_row_per_unit = table.Take(dp->statistics_rows);
      statistics_table = &one_row_per_unit;
    }
  }
  m.encoder = encode::TableEncoder::Fit(*statistics_table, m.schema,
                                        {.value_protection = options.value_protection && !dp,
                                         .seed = options.seed,
                                         .dp = dp ? &statistics : nullptr});
  if (m.encoder.num_columns() == 0) {
    throw DataError("nothing to learn: every column is an identifier");
  }
  const encode::EncodedTable encoded = m.encoder.Encode(table);
  m.network = argn::Network(ShapeFor(m.encoder, size_factor), options.seed);

  argn::TrainOptions train;
  train.max_epochs = options.max_epochs;
  train.max_seconds = options.max_seconds;
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
    const privacy::Spend left = budget->Remaining();
    sgd_options.epsilon = left.epsilon;
    sgd_options.delta = left.delta;
    sgd_options.max_grad_norm = options.max_grad_norm;
    sgd_options.expected_batch = options.batch_size;
    sgd_options.units = dp->units;
    report = argn::TrainDp(m.network, encoded, train, sgd_options, &sgd, on_epoch);
    budget->Charge("DP-SGD", {sgd.epsilon, sgd.steps > 0 ? left.delta : 0.0});
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
  for (const auto& p : m.network.Params()) s.parameters += p.value.size();
  s.columns = table.ColumnNames();
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
                 {"training", SummaryToJson(m.summary)}};
  m.network.ToTensors(&file.tensors);
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
    shape.cardinality = net.at("cardinality").get<std::vector<int>>();
    shape.column_of = net.at("column_of").get<std::vector<int>>();
    shape.embed_dim = net.at("embed_dim").get<std::vector<int>>();
    shape.hidden = net.at("hidden").get<std::vector<int>>();
    const auto n = shape.cardinality.size();
    bool consistent = shape.column_of.size() == n && shape.embed_dim.size() == n &&
                      shape.hidden.size() == n && n == m.encoder.sub_columns().size();
    for (std::size_t k = 0; consistent && k < n; ++k) {
      consistent = shape.cardinality[k] == m.encoder.sub_columns()[k].cardinality &&
                   shape.embed_dim[k] > 0 && shape.embed_dim[k] <= 4096 && shape.hidden[k] > 0 &&
                   shape.hidden[k] <= 65536 && shape.column_of[k] >= 0 &&
                   (k == 0 ? shape.column_of[k] == 0
                           : shape.column_of[k] - shape.column_of[k - 1] <= 1 &&
                                 shape.column_of[k] >= shape.column_of[k - 1]);
    }
    if (!consistent) throw DataError(fmt::format("{}: the network does not match the encoder", path));
    m.network = argn::Network(shape, 0);
    m.network.FromTensors(file);
    m.summary = SummaryFromJson(file.header.at("training"));
  } catch (const json::exception& e) {
    throw DataError(fmt::format("{}: malformed model header: {}", path, e.what()));
  } catch (const ParameterError& e) {
    throw DataError(fmt::format("{}: malformed model header: {}", path, e.what()));
  }
  return g;
}

void Generator::Sample(std::size_t rows, const SampleOptions& options,
                       const std::function<void(const Table& batch)>& sink) const {
  if (options.temperature <= 0) {
    throw ParameterError(fmt::format("temperature: expected a value above 0, found {}", options.temperature));
  }
  if (options.top_p <= 0 || options.top_p > 1) {
    throw ParameterError(fmt::format("top-p: expected a value in (0, 1], found {}", options.top_p));
  }
  const Impl& m = *impl_;
  const argn::NetworkShape& shape = m.network.shape();
  const int subs = shape.num_sub_columns();
  const std::size_t batch_rows = std::max<std::size_t>(1, options.batch_rows);
  std::vector<std::vector<std::int32_t>> codes(subs, std::vector<std::int32_t>(batch_rows));
  const std::vector<float> temperature(subs, static_cast<float>(options.temperature));
  const std::vector<bool> fixed(subs, false);
  std::vector<int> order(shape.num_columns());
  for (std::size_t first = 0; first < rows; first += batch_rows) {
    const std::size_t n = std::min(batch_rows, rows - first);
    // Every group of kRowsPerOrder rows (counted from row 0, so independent of the batch size)
    // gets its own random column order: averaging over many orders is closer to the data than
    // one order per batch (REFERENCE.md §1), and 256 rows still keep the products efficient.
    for (std::size_t row = first; row < first + n;) {
      const std::size_t group = row / kRowsPerOrder;
      const std::size_t end = std::min(first + n, (group + 1) * kRowsPerOrder);
      std::iota(order.begin(), order.end(), 0);
      Shuffle(std::span(order), options.seed, kSampleOrderStream, static_cast<std::uint32_t>(group));
      std::vector<std::span<std::int32_t>> out;
      for (auto& c : codes) out.emplace_back(c.data() + (row - first), end - row);
      m.network.Sample(m.network.PlanOrder(order), end - row, temperature,
                       static_cast<float>(options.top_p), options.seed, row, fixed, out);
      row = end;
    }
    std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
    sink(m.encoder.Decode(in, n, options.seed ^ kDecodeStream, first));
  }
}

}  // namespace ersatz
