// Evaluation speed on UCI Adult at the sizes of a real run (REFERENCE.md §5): 26,049 training
// rows, 26,049 synthetic rows, 6,512 holdout rows. "Synthetic" rows are training-sized draws
// with replacement from all of Adult: the timing does not depend on their quality.
#include <benchmark/benchmark.h>

#include <numeric>

#include "common/random.h"
#include "ersatz/csv.h"
#include "ersatz/evaluate.h"
#include "evaluate/columns.h"
#include "evaluate/nn_search.h"
#include "evaluate/privacy.h"

namespace {

using ersatz::Table;

Table TakeRows(const Table& table, const std::vector<std::size_t>& rows) {
  Table out;
  for (std::size_t c = 0; c < table.num_columns(); ++c) {
    const ersatz::Column& column = table.column(c);
    ersatz::Column copy(column.name(), column.kind());
    for (std::size_t r : rows) {
      if (column.IsNull(r)) {
        copy.AppendNull();
      } else if (column.kind() == ersatz::ColumnKind::kInteger) {
        copy.AppendInteger(column.integers()[r]);
      } else if (column.kind() == ersatz::ColumnKind::kFloat) {
        copy.AppendFloat(column.floats()[r]);
      } else {
        copy.AppendString(column.text(r));
      }
    }
    out.AddColumn(std::move(copy));
  }
  return out;
}

struct AdultSplit {
  Table training, synthetic, holdout;
};

const AdultSplit& Split() {
  static const AdultSplit split = [] {
    const Table adult = ersatz::ReadCsv(std::string(ERSATZ_SOURCE_DIR) + "/data/adult.csv");
    const std::size_t n = adult.num_rows();
    std::vector<std::size_t> rows(n);
    std::iota(rows.begin(), rows.end(), 0);
    ersatz::RandomStream rng(2024, 0, 0);
    for (std::size_t i = n; i > 1; --i) std::swap(rows[i - 1], rows[rng.NextBelow(i)]);
    const std::size_t train = n - n / 5;  // 26,049 / 6,512
    std::vector<std::size_t> drawn(train);
    for (auto& r : drawn) r = rng.NextBelow(n);
    return AdultSplit{TakeRows(adult, {rows.begin(), rows.begin() + train}), TakeRows(adult, drawn),
                      TakeRows(adult, {rows.begin() + train, rows.end()})};
  }();
  return split;
}

// The nearest-neighbour search alone: every synthetic row against every training row.
void BM_NearestNeighboursAdult(benchmark::State& state) {
  const AdultSplit& s = Split();
  const auto data = ersatz::evaluate::PrepareColumns(s.training, s.synthetic, nullptr, {});
  std::vector<std::size_t> syn(s.synthetic.num_rows()), train(s.training.num_rows());
  std::iota(syn.begin(), syn.end(), 0);
  std::iota(train.begin(), train.end(), 0);
  const auto queries = ersatz::evaluate::MakePoints(data, ersatz::evaluate::kSynthetic, syn);
  const auto points = ersatz::evaluate::MakePoints(data, ersatz::evaluate::kReal, train);
  for (auto _ : state) {
    auto found = ersatz::evaluate::FindTwoNearest(queries, points, int(state.range(0)));
    benchmark::DoNotOptimize(found.data());
  }
  const double pairs = double(syn.size()) * double(train.size());
  state.counters["pairs/s"] = benchmark::Counter(pairs, benchmark::Counter::kIsIterationInvariantRate);
  state.counters["columns"] = double(queries.dims());
}
BENCHMARK(BM_NearestNeighboursAdult)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// The whole report: fidelity, SQS, discriminator, utility (target income), privacy distances and
// attacks.
void BM_EvaluateAdult(benchmark::State& state) {
  const AdultSplit& s = Split();
  ersatz::EvaluateOptions options;
  options.threads = int(state.range(0));
  options.target = "income";
  for (auto _ : state) {
    auto report = ersatz::Evaluate(s.training, s.synthetic, &s.holdout, options);
    benchmark::DoNotOptimize(report.fidelity.overall);
  }
}
BENCHMARK(BM_EvaluateAdult)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

// Fidelity and SQS only: no discriminator, utility or privacy.
void BM_EvaluateAdultFidelityOnly(benchmark::State& state) {
  const AdultSplit& s = Split();
  ersatz::EvaluateOptions options;
  options.privacy = false;
  options.discriminator = false;
  for (auto _ : state) {
    auto report = ersatz::Evaluate(s.training, s.synthetic, &s.holdout, options);
    benchmark::DoNotOptimize(report.fidelity.overall);
  }
}
BENCHMARK(BM_EvaluateAdultFidelityOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

// The discriminator alone (5 folds over 20,000 + 20,000 rows).
void BM_EvaluateAdultDiscriminator(benchmark::State& state) {
  const AdultSplit& s = Split();
  ersatz::EvaluateOptions options;
  options.privacy = false;
  options.threads = int(state.range(0));
  for (auto _ : state) {
    auto report = ersatz::Evaluate(s.training, s.synthetic, &s.holdout, options);
    benchmark::DoNotOptimize(report.fidelity.discriminator_auc);
  }
}
BENCHMARK(BM_EvaluateAdultDiscriminator)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
