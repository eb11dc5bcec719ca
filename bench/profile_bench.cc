// Type inference and typing throughput (InferSchema + BuildTable on an already tokenized file),
// and the whole read: ParseCsv + InferSchema + BuildTable, against the 150 MB/s target.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "ersatz/csv.h"
#include "ersatz/profile.h"
#include "numeric_csv.h"
#include "profile/parsed_numbers.h"

namespace {

const std::string& AdultBytes() {
  static const std::string bytes = ersatz::ReadFile(std::string(ERSATZ_SOURCE_DIR) + "/data/adult.csv");
  return bytes;
}

const std::string& NumericBytes() {
  const char* env = std::getenv("ERSATZ_BENCH_CSV_MB");
  static const std::string bytes =
      ersatz::bench::MakeNumericCsv((env != nullptr ? std::strtoull(env, nullptr, 10) : 64) << 20);
  return bytes;
}

// InferSchema + BuildTable as ReadCsv calls them: the numbers inference parses are handed over.
ersatz::Table Type(const ersatz::RawTable& raw) {
  std::vector<ersatz::ParsedNumbers> parsed;
  const ersatz::Metadata schema = ersatz::InferSchema(raw, nullptr, &parsed);
  return ersatz::BuildTable(raw, schema, &parsed);
}

void InferAndBuild(benchmark::State& state, const std::string& bytes) {
  const ersatz::RawTable raw = ersatz::ParseCsv(bytes, "bench.csv", {});
  for (auto _ : state) {
    ersatz::Table table = Type(raw);
    benchmark::DoNotOptimize(table.num_rows());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

void ReadWhole(benchmark::State& state, const std::string& bytes) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = bytes;
    state.ResumeTiming();
    const ersatz::RawTable raw = ersatz::ParseCsv(std::move(copy), "bench.csv", {});
    ersatz::Table table = Type(raw);
    benchmark::DoNotOptimize(table.num_rows());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

void BM_InferAndBuildAdult(benchmark::State& state) { InferAndBuild(state, AdultBytes()); }
BENCHMARK(BM_InferAndBuildAdult)->Unit(benchmark::kMillisecond);
void BM_InferAndBuildNumeric(benchmark::State& state) { InferAndBuild(state, NumericBytes()); }
BENCHMARK(BM_InferAndBuildNumeric)->Unit(benchmark::kMillisecond);
void BM_ParseInferBuildAdult(benchmark::State& state) { ReadWhole(state, AdultBytes()); }
BENCHMARK(BM_ParseInferBuildAdult)->Unit(benchmark::kMillisecond);
void BM_ParseInferBuildNumeric(benchmark::State& state) { ReadWhole(state, NumericBytes()); }
BENCHMARK(BM_ParseInferBuildNumeric)->Unit(benchmark::kMillisecond);

}  // namespace
