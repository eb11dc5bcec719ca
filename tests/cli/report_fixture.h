// Small real / synthetic / holdout CSV files for the `ersatz report` tests: a numeric, a
// categorical and a float column that predict a binary label, with seeded noise.
#pragma once

#include <fmt/format.h>

#include <string>

#include "cli/run_cli.h"
#include "common/random.h"

namespace ersatz::testing {

struct ReportInputs {
  std::string real, synthetic, holdout;
};

inline std::string ReportCsv(int rows, std::uint64_t seed) {
  std::string csv = "age,colour,score,label\n";
  RandomStream rng(seed, 0, 0);
  const char* colours[] = {"red", "green", "blue"};
  for (int i = 0; i < rows; ++i) {
    const int age = 18 + int(rng.NextBelow(60));
    const int colour = int(rng.NextBelow(3));
    const double score = rng.NextDouble() * 10;
    const bool label = age / 60.0 + colour * 0.2 + score / 20 + rng.NextDouble() * 0.6 > 1.1;
    csv += fmt::format("{},{},{:.2f},{}\n", age, colours[colour], score, label ? "yes" : "no");
  }
  return csv;
}

inline ReportInputs WriteReportInputs(const TempDir& dir) {
  return {dir.Write("real.csv", ReportCsv(400, 1)), dir.Write("synthetic.csv", ReportCsv(400, 2)),
          dir.Write("holdout.csv", ReportCsv(200, 3))};
}

}  // namespace ersatz::testing
