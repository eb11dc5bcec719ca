// What checking and redrawing cost when sampling Adult: 100,000 rows from a 3-epoch model
// (quality does not matter for the timing), single-threaded, with no checks, with the learned
// validators, and with a check that rejects every row whose age ends in 0 (about 10% of rows)
// so that the redraw path runs. Figures: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include "ersatz/csv.h"
#include "ersatz/generator.h"
#include "nn/parallel.h"

namespace {

using namespace ersatz;

const Generator& AdultModel() {
  static const Generator model = [] {
    Metadata schema;
    const Table t = ReadCsv(ERSATZ_SOURCE_DIR "/data/adult.csv", {}, nullptr, nullptr, &schema);
    FitOptions fit;
    fit.max_epochs = 3;
    fit.seed = 1;
    return Generator::Fit(t, schema, fit);
  }();
  return model;
}

class AgeEndsInZero final : public RowCheck {
 public:
  void Check(const Table& batch, std::span<std::uint8_t> reject,
             RejectionCounts* counts) const override {
    const Column& age = batch.column(static_cast<std::size_t>(batch.FindColumn("age")));
    for (std::size_t r = 0; r < age.size(); ++r) {
      if (!age.IsNull(r) && age.integers()[r] % 10 == 0) {
        reject[r] = 1;
        ++(*counts)["age ends in 0"];
      }
    }
  }
};

// state.range(0): 0 no checks, 1 validators, 2 validators and the 10% check.
void BM_SampleAdultChecks(benchmark::State& state) {
  nn::SetNumThreads(1);
  const Generator& g = AdultModel();
  SampleOptions options{.seed = 7};
  options.validate = state.range(0) >= 1;
  if (state.range(0) == 2) options.checks.push_back(std::make_shared<AgeEndsInZero>());
  constexpr std::size_t kRows = 100'000;
  SampleReport report;
  for (auto _ : state) {
    report = g.Sample(kRows, options, [](const Table& batch) { benchmark::DoNotOptimize(batch); });
  }
  state.counters["rows/s"] = benchmark::Counter(static_cast<double>(kRows) * state.iterations(),
                                                benchmark::Counter::kIsRate);
  state.counters["redrawn"] = static_cast<double>(report.resampled);
}
BENCHMARK(BM_SampleAdultChecks)->Arg(0)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);

}  // namespace
