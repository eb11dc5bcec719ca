// CSV reader throughput. Sizes: data/adult.csv (3.5 MB, mostly short strings) and a generated
// numeric-heavy CSV of ERSATZ_BENCH_CSV_MB megabytes (default 64). Two more, enabled by
// ERSATZ_BENCH_CSV_FILE, read a file end to end (scripts/bench.sh uses them for 1 GB): ReadCsv
// (parse and type) and ReadCsvRaw (parse only).
#include <benchmark/benchmark.h>

#include <charconv>
#include <cstdlib>
#include <string>
#include <vector>

#include "common/atomic_file.h"
#include "ersatz/csv.h"
#include "ersatz/table.h"
#include "numeric_csv.h"

namespace {

std::size_t NumericMegabytes() {
  const char* env = std::getenv("ERSATZ_BENCH_CSV_MB");
  return env != nullptr ? std::strtoull(env, nullptr, 10) : 64;
}

const std::string& AdultCsv() {
  static const std::string bytes = ersatz::ReadFile(std::string(ERSATZ_SOURCE_DIR) + "/data/adult.csv");
  return bytes;
}

const std::string& NumericCsv() {
  static const std::string bytes = ersatz::bench::MakeNumericCsv(NumericMegabytes() << 20);
  return bytes;
}

// ParseCsv of an in-memory copy; the copy is not timed.
void ParseBytes(benchmark::State& state, const std::string& bytes) {
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = bytes;
    state.ResumeTiming();
    ersatz::RawTable table = ersatz::ParseCsv(std::move(copy), "bench.csv", {});
    benchmark::DoNotOptimize(table.columns.data());
    state.PauseTiming();
    table = {};  // freeing is not parsing
    state.ResumeTiming();
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}

void BM_ParseAdult(benchmark::State& state) { ParseBytes(state, AdultCsv()); }
BENCHMARK(BM_ParseAdult)->Unit(benchmark::kMillisecond);

void BM_ParseNumeric(benchmark::State& state) { ParseBytes(state, NumericCsv()); }
BENCHMARK(BM_ParseNumeric)->Unit(benchmark::kMillisecond);

// ParseCsv plus converting every cell to int64/double with from_chars: a stand-in for typing
// (BuildTable) until profile/ lands, to check the parse+type budget.
void BM_ParseAndConvertNumeric(benchmark::State& state) {
  const std::string& bytes = NumericCsv();
  for (auto _ : state) {
    state.PauseTiming();
    std::string copy = bytes;
    state.ResumeTiming();
    const ersatz::RawTable table = ersatz::ParseCsv(std::move(copy), "bench.csv", {});
    for (std::size_t c = 0; c < table.columns.size(); ++c) {
      std::vector<std::int64_t> ints;
      std::vector<double> floats;
      (c < 5 ? ints.reserve(table.num_rows()) : floats.reserve(table.num_rows()));
      for (std::size_t r = 0; r < table.num_rows(); ++r) {
        const std::string_view text = table.Field(c, r);
        if (c < 5) {
          std::from_chars(text.data(), text.data() + text.size(), ints.emplace_back());
        } else {
          std::from_chars(text.data(), text.data() + text.size(), floats.emplace_back());
        }
      }
      benchmark::DoNotOptimize(ints.data());
      benchmark::DoNotOptimize(floats.data());
    }
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes.size()));
}
BENCHMARK(BM_ParseAndConvertNumeric)->Unit(benchmark::kMillisecond);

// Reading ERSATZ_BENCH_CSV_FILE end to end, reading included: what a user waits for.
// `typed`: ReadCsv (parse, infer, type); otherwise ReadCsvRaw (parse only).
void ReadFileBench(benchmark::State& state, bool typed) {
  const char* path = std::getenv("ERSATZ_BENCH_CSV_FILE");
  if (path == nullptr) {
    state.SkipWithError("set ERSATZ_BENCH_CSV_FILE");
    return;
  }
  std::size_t bytes = 0;
  for (auto _ : state) {
    ersatz::CsvReadReport report;
    if (typed) {
      const ersatz::Table table = ersatz::ReadCsv(path, {}, nullptr, &report);
      benchmark::DoNotOptimize(table.num_rows());
      state.PauseTiming();  // freeing is not reading
    } else {
      const ersatz::RawTable table = ersatz::ReadCsvRaw(path, {}, &report);
      benchmark::DoNotOptimize(table.columns.data());
      state.PauseTiming();
    }
    state.ResumeTiming();
    bytes = report.bytes;
    state.counters["rows"] = static_cast<double>(report.rows);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

void BM_ReadCsvFile(benchmark::State& state) { ReadFileBench(state, true); }
BENCHMARK(BM_ReadCsvFile)->Unit(benchmark::kMillisecond)->Iterations(1);
void BM_ReadCsvRawFile(benchmark::State& state) { ReadFileBench(state, false); }
BENCHMARK(BM_ReadCsvRawFile)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
