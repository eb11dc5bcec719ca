// The privacy filter's per-row check (what `ersatz sample --privacy-filter medium|high` pays for
// every row drawn, besides the redraws): hashes of Adult's first 26,049 rows as the "training"
// set, batches of 4,096 of its other rows checked against them. Figures: docs/BENCHMARKS.md.
#include <benchmark/benchmark.h>

#include <numeric>

#include "ersatz/csv.h"
#include "privacy/filter/copy_filter.h"

namespace ersatz::privacy {
namespace {

constexpr std::size_t kTrainingRows = 26'049;  // what `ersatz fit` trains on (80%)
constexpr std::size_t kBatchRows = 4'096;      // SampleOptions::batch_rows' default

struct Fixture {
  std::shared_ptr<const CopyFilterData> data;
  Table batch;
};

const Fixture& Adult() {
  static const Fixture f = [] {
    const Table adult = ReadCsv(ERSATZ_SOURCE_DIR "/data/adult.csv");
    std::vector<std::uint32_t> training(kTrainingRows), batch(kBatchRows);
    std::iota(training.begin(), training.end(), 0u);
    std::iota(batch.begin(), batch.end(), static_cast<std::uint32_t>(kTrainingRows));
    return Fixture{std::make_shared<const CopyFilterData>(CopyFilterData::Build(
                       adult.Take(training), adult.ColumnNames(), 0x5eed)),
                   adult.Take(batch)};
  }();
  return f;
}

// state.range(0): 1 medium, 2 high (the copy rules; high's likelihood floor is a network pass).
void BM_CopyFilterCheck(benchmark::State& state) {
  const Fixture& f = Adult();
  const auto level = state.range(0) == 1 ? FilterLevel::kMedium : FilterLevel::kHigh;
  const CopyFilter filter(f.data, level);
  std::vector<std::uint8_t> reject(kBatchRows);
  RejectionCounts counts;
  for (auto _ : state) {
    std::fill(reject.begin(), reject.end(), 0);
    filter.Check(f.batch, reject, &counts);
    benchmark::DoNotOptimize(reject.data());
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(kBatchRows));
  state.SetLabel(state.range(0) == 1 ? "medium" : "high");
}
BENCHMARK(BM_CopyFilterCheck)->Arg(1)->Arg(2)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace ersatz::privacy
