// PII scan and transform throughput on a generated customer CSV (ids, names, e-mails, phones,
// SSNs, amounts, free-text notes with entities inside). The file is written once to /tmp;
// ERSATZ_PII_BENCH_MB sets its size (default 64). Targets (issue 7): scan ≥ 50 MB/s and
// transform ≥ 30 MB/s on one core.
#include <benchmark/benchmark.h>
#include <fmt/format.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "common/random.h"
#include "ersatz/transform.h"

namespace {

const std::string& BenchFile() {
  static const std::string path = [] {
    const char* env = std::getenv("ERSATZ_PII_BENCH_MB");
    const std::size_t mb = env != nullptr ? std::strtoul(env, nullptr, 10) : 64;
    const std::string file = fmt::format("/tmp/ersatz_pii_bench_{}mb.csv", mb);
    if (std::filesystem::exists(file) && std::filesystem::file_size(file) >= mb * 1000000) return file;
    static const char* first[] = {"Alice", "Robert", "Maria", "John", "Linda", "James", "Sophie", "Lukas"};
    static const char* last[] = {"Smith", "Johnson", "Martin", "Müller", "Garcia", "Brown", "Wilson", "Moore"};
    ersatz::RandomStream rng(42, 1, 0);
    std::ofstream out(file, std::ios::binary);
    out << "id,first_name,last_name,email,phone,ssn,amount,signup_date,notes\n";
    std::string row;
    std::size_t bytes = 0;
    for (std::size_t i = 0; bytes < mb * 1000000; ++i) {
      const char* f = first[rng.NextBelow(8)];
      const char* l = last[rng.NextBelow(8)];
      const auto n = rng.NextBelow(100000);
      row = fmt::format("{},{},{},{}.{}{}@example.org,({}) {}-{:04},{:03}-{:02}-{:04},{}.{:02},2023-{:02}-{:02},"
                        "\"Order {} for {} {}: {}\"\n",
                        i, f, l, f, l, n, 212 + rng.NextBelow(700), 200 + rng.NextBelow(800), rng.NextBelow(10000),
                        1 + rng.NextBelow(665), 1 + rng.NextBelow(99), 1 + rng.NextBelow(9999), rng.NextBelow(5000),
                        rng.NextBelow(100), 1 + rng.NextBelow(12), 1 + rng.NextBelow(28), n, f, l,
                        rng.NextBelow(4) == 0 ? "customer asked to be called back about the delivery"
                                              : "shipped on time, no issue reported");
      out << row;
      bytes += row.size();
    }
    return file;
  }();
  return path;
}

void BM_PiiScan(benchmark::State& state) {
  const std::string& file = BenchFile();
  const auto size = std::filesystem::file_size(file);
  for (auto _ : state) {
    const ersatz::ScanReport report = ersatz::ScanCsvFile(file, {});
    benchmark::DoNotOptimize(report.rows);
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}
BENCHMARK(BM_PiiScan)->Unit(benchmark::kMillisecond)->Iterations(1);

void BM_PiiTransformDefaultPolicy(benchmark::State& state) {
  const std::string& file = BenchFile();
  const auto size = std::filesystem::file_size(file);
  std::array<std::uint8_t, 32> bytes{};
  bytes.fill(9);
  const auto key = ersatz::TransformKey::FromBytes(bytes);
  const auto policy = ersatz::DefaultTransformPolicy();
  const std::string out = file + ".out.csv";
  for (auto _ : state) {
    const ersatz::TransformReport report = ersatz::TransformCsvFile(file, out, {}, policy, key);
    benchmark::DoNotOptimize(report.rows);
  }
  std::filesystem::remove(out);
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * size));
}
BENCHMARK(BM_PiiTransformDefaultPolicy)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace
