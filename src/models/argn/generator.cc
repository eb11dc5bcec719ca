// Generator = table encoder + ARGN network + what the model file needs to describe them.
#include "ersatz/generator.h"

#include <fmt/format.h>

#include <algorithm>

#include "encode/table_encoder.h"
#include "ersatz/error.h"
#include "models/argn/conditions.h"
#include "models/argn/network.h"
#include "models/argn/trainer.h"
#include "models/model_file.h"

namespace ersatz {

using nlohmann::json;

namespace {

constexpr std::string_view kModelKind = "ersatz-argn";
constexpr std::uint64_t kDecodeStream = 0xDEC;

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
          {"columns", s.columns}};
}

FitSummary SummaryFromJson(const json& j) {
  FitSummary s;
  s.rows = j.at("rows").get<std::size_t>();
  s.validation_rows = j.at("validation_rows").get<std::size_t>();
  s.epochs = j.at("epochs").get<int>();
  s.best_epoch = j.at("best_epoch").get<int>();
  s.best_validation_loss = j.at("best_validation_loss").get<double>();
  s.seconds = j.at("seconds").get<double>();
  s.gflops_per_second = j.at("gflops_per_second").get<double>();
  s.stop_reason = j.at("stop_reason").get<std::string>();
  s.parameters = j.at("parameters").get<std::size_t>();
  s.columns = j.at("columns").get<std::vector<std::string>>();
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
  m.encoder = encode::TableEncoder::Fit(table, schema,
                                        {.value_protection = options.value_protection, .seed = options.seed});
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
  const argn::TrainReport report = argn::Train(m.network, encoded, train, [&](const argn::EpochProgress& e) {
    if (!progress) return;
    progress(FitProgress{e.epoch, e.max_epochs, e.train_loss, e.validation_loss, e.rows_per_second,
                         e.elapsed_seconds, e.eta_seconds, e.improved});
  });

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

void Generator::Sample(std::size_t rows, const SampleOptions& options,
                       const std::function<void(const Table& batch)>& sink) const {
  const Impl& m = *impl_;
  const argn::NetworkShape& shape = m.network.shape();
  const int subs = shape.num_sub_columns();
  const std::size_t batch_rows = std::max<std::size_t>(1, options.batch_rows);
  std::vector<std::vector<std::int32_t>> codes(subs, std::vector<std::int32_t>(batch_rows));
  const std::vector<float> temperature = SubColumnTemperatures(m.encoder, options);
  const argn::ConditionPlan plan(m.encoder, m.network, options.where, options.rebalance,
                                 options.no_nulls);
  // Unconditional sampling is the case where no row conditions anything (SampleConditioned then
  // gives every group of 256 rows its own random order over all columns).
  for (std::size_t first = 0; first < rows; first += batch_rows) {
    const std::size_t n = std::min(batch_rows, rows - first);
    argn::RowConditions conditions = plan.Start(m.encoder, n);
    if (!plan.empty()) {
      for (std::size_t r = 0; r < n; ++r) plan.Apply(&conditions, r, first + r, options.seed);
    }
    argn::SampleConditioned(m.network, m.encoder, conditions,
                            {temperature, static_cast<float>(options.top_p), options.seed, first}, &codes);
    std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
    sink(m.encoder.Decode(in, n, options.seed ^ kDecodeStream, first));
  }
}

void Generator::SampleGiven(const Table& given, std::size_t per_row, std::uint64_t first_row,
                            const SampleOptions& options,
                            const std::function<void(const Table& batch)>& sink,
                            const std::function<void(std::size_t row, std::size_t column)>& unseen) const {
  const Impl& m = *impl_;
  const int subs = m.network.shape().num_sub_columns();
  const std::vector<float> temperature = SubColumnTemperatures(m.encoder, options);
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
  for (std::size_t g = 0; g < given.num_columns(); ++g) {
    const Column& column = given.column(g);
    const int c = m.encoder.FindColumn(column.name());
    if (c < 0) continue;  // identifiers and columns the model does not know pass through
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
  const std::size_t rows = given.num_rows() * per_row;
  const std::size_t batch_rows = std::max<std::size_t>(1, options.batch_rows);
  std::vector<std::vector<std::int32_t>> codes(subs, std::vector<std::int32_t>(batch_rows));
  std::vector<std::int32_t> cell;
  for (std::size_t first = 0; first < rows; first += batch_rows) {
    const std::size_t n = std::min(batch_rows, rows - first);
    const std::uint64_t global_first = first_row * per_row + first;
    argn::RowConditions conditions = plan.Start(m.encoder, n);
    for (std::size_t r = 0; r < n; ++r) {
      const std::size_t source = (first + r) / per_row;
      for (const GivenColumn& gc : columns) {
        if (given.column(gc.index).IsNull(source)) continue;
        cell.clear();
        for (const auto& sub : gc.codes) cell.push_back(sub[source]);
        conditions.Fix(r, gc.learned, cell);
      }
      plan.Apply(&conditions, r, global_first + r, options.seed);
    }
    argn::SampleConditioned(m.network, m.encoder, conditions,
                            {temperature, static_cast<float>(options.top_p), options.seed, global_first},
                            &codes);
    std::vector<std::span<const std::int32_t>> in(codes.begin(), codes.end());
    sink(m.encoder.Decode(in, n, options.seed ^ kDecodeStream, global_first));
  }
}

}  // namespace ersatz
