// Rule discovery at fit time on wide tables: 5,000 rows of N number columns (noise, plus a sum,
// a product and a copy planted among them) and three categorical columns, one the label of
// another. Discovery must stay a small part of a fit whatever the width.
#include <benchmark/benchmark.h>

#include <fmt/format.h>

#include <random>
#include <string>

#include "constraints/discover.h"
#include "ersatz/csv.h"

namespace {

struct Wide {
  ersatz::Table table;
  ersatz::Metadata schema;
};

Wide MakeWide(int columns) {
  std::mt19937 rng(7);
  std::string csv;
  for (int c = 0; c < columns; ++c) csv += fmt::format("x{},", c);
  csv += "sum,product,copy,code,label,other\n";
  for (int r = 0; r < 5000; ++r) {
    std::vector<double> x(static_cast<std::size_t>(columns));
    for (int c = 0; c < columns; ++c) {
      x[static_cast<std::size_t>(c)] = static_cast<double>(rng() % 100000) / 100;
      csv += fmt::format("{:.2f},", x[static_cast<std::size_t>(c)]);
    }
    const int code = static_cast<int>(rng() % 12);
    csv += fmt::format("{:.2f},{:.2f},{:.2f},c{},label{},o{}\n", x[0] + x[1], x[2] * x[3], x[4],
                       code, code, rng() % 12);
  }
  Wide w;
  w.table = ersatz::TypeRawTable(ersatz::ParseCsv(csv, "wide.csv", {}), nullptr, &w.schema);
  return w;
}

void BM_DiscoverRules(benchmark::State& state) {
  const Wide w = MakeWide(static_cast<int>(state.range(0)));
  std::size_t found = 0;
  for (auto _ : state) {
    found = ersatz::constraints::DiscoverRules(w.table, w.schema).size();
    benchmark::DoNotOptimize(found);
  }
  state.counters["rules"] = static_cast<double>(found);
}
BENCHMARK(BM_DiscoverRules)->Arg(20)->Arg(100)->Arg(300)->Unit(benchmark::kMillisecond);

}  // namespace
