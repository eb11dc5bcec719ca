// libFuzzer target for everything behind the model file's container: each input is a model
// header (JSON), written with a valid checksum around the tensors of a small model fitted at start
// (every kind of column, an identifier, discovered rules, the privacy filter's hashes), then
// loaded as a generator and sampled with the privacy filter on. A header that a user edited, or
// that another program wrote, must load into a generator that samples, or be refused with an
// ersatz::Error: no crash, no undefined behaviour, no hang (libFuzzer's -timeout), no memory
// blow-up (-rss_limit_mb). Inputs are headers or edits of the seed's (HeaderOf). model_loader_fuzzer covers the container itself (lengths, offsets,
// the tensor table, the checksum).
#include <fuzzer/FuzzedDataProvider.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "cli/verb.h"
#include "ersatz/error.h"
#include "ersatz/generator.h"
#include "models/model_file.h"

namespace {

namespace fs = std::filesystem;

fs::path g_dir;
ersatz::ModelFile g_seed;  // the fitted model: its tensors are reused under every header

// Orders with an id, a date, a category and its code, amounts with a total, and gaps.
std::string SeedTable() {
  std::string csv = "order_id,placed,city,city_code,price,qty,total,weight_kg\n";
  const char* cities[] = {"Paris", "Lyon", "Nice", "Lille", "Brest"};
  for (int i = 0; i < 200; ++i) {
    const int price = 5 + (i * 37) % 90, qty = 1 + (i * 11) % 6;
    csv += "ORD-" + std::to_string(10000 + i) + ",";
    csv += "2024-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + ",";
    csv += std::string(i % 17 == 3 ? "" : cities[i % 5]) + "," + std::to_string(100 + i % 5) + ",";
    csv += std::to_string(price) + "," + std::to_string(qty) + "," + std::to_string(price * qty) + ",";
    csv += std::to_string(0.5 + (i * 7919) % 1000 / 997.0).substr(0, 6) + "\n";
  }
  return csv;
}

int Run(std::vector<std::string> args) {
  args.insert(args.begin(), "ersatz");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  return ersatz::cli::RunCommandLine(static_cast<int>(args.size()), argv.data(), out, err);
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  char pattern[] = "/tmp/ersatz-generator-fuzz-XXXXXX";
  if (::mkdtemp(pattern) == nullptr) std::abort();
  g_dir = pattern;
  std::ofstream(g_dir / "seed.csv") << SeedTable();
  const std::string csv = (g_dir / "seed.csv").string(), model = (g_dir / "seed.ersatz").string();
  if (Run({"fit", csv, "-o", model, "--no-report", "--max-epochs", "2", "--threads", "1"}) != 0) {
    std::fprintf(stderr, "generator_fuzzer: could not fit the seed model\n");
    std::abort();
  }
  g_seed = ersatz::ReadModelFile(model);
  // `GENERATOR_FUZZER_SEED=FILE` writes the seed model's header, the corpus's starting point.
  if (const char* out = std::getenv("GENERATOR_FUZZER_SEED")) std::ofstream(out) << g_seed.header.dump(1);
  return 0;
}

// The header an input stands for. One starting with '{' is a header itself (the corpus's seed
// and what mutations of it parse). Any other input is a list of edits to the seed's header, so
// that most runs get past the JSON parser into the loader: each edit picks one of the header's
// values (a number, a string, an array or object) and replaces it with an awkward value or
// another of the header's values, or removes it.
nlohmann::json HeaderOf(const std::uint8_t* data, std::size_t size) {
  if (size > 0 && data[0] == '{') {
    return nlohmann::json::parse(data, data + size, nullptr, /*allow_exceptions=*/false);
  }
  static const std::vector<std::string> paths = [] {
    std::vector<std::string> all;
    // Every node, not only leaves: flatten() gives the leaves, and their parents are prefixes.
    const nlohmann::json leaves = g_seed.header.flatten();
    for (const auto& [pointer, value] : leaves.items()) {
      for (std::string p = pointer; !p.empty(); p = p.substr(0, p.rfind('/'))) all.push_back(p);
    }
    std::sort(all.begin(), all.end());
    all.erase(std::unique(all.begin(), all.end()), all.end());
    return all;
  }();
  static const std::vector<nlohmann::json> awkward = {
      nullptr, true, 0, -1, 1, 2, 3, 255, 65536, 2147483648.0, -9223372036854775807 - 1,
      18446744073709551615ull, 1e308, -1e308, 0.5, 1e-300, "", "x", "_RARE_", "%Y", "numeric-binned",
      "numeric-digits", "categorical", "identifier", nlohmann::json::array(), nlohmann::json::object(),
      nlohmann::json::array({0}), nlohmann::json::array({-1, 1e9})};
  FuzzedDataProvider fdp(data, size);
  nlohmann::json header = g_seed.header;
  const int edits = fdp.ConsumeIntegralInRange(1, 4);
  for (int e = 0; e < edits && fdp.remaining_bytes() > 0; ++e) {
    const nlohmann::json::json_pointer at(paths[fdp.ConsumeIntegralInRange<std::size_t>(0, paths.size() - 1)]);
    if (!header.contains(at)) continue;  // removed by an earlier edit
    switch (fdp.ConsumeIntegralInRange(0, 3)) {
      case 0:
        header[at] = awkward[fdp.ConsumeIntegralInRange<std::size_t>(0, awkward.size() - 1)];
        break;
      case 1: {  // another value of the header, of whatever type
        const nlohmann::json::json_pointer from(
            paths[fdp.ConsumeIntegralInRange<std::size_t>(0, paths.size() - 1)]);
        if (header.contains(from)) header[at] = nlohmann::json(header[from]);
        break;
      }
      case 2:
        if (at.empty()) break;
        if (nlohmann::json& parent = header[at.parent_pointer()]; parent.is_object()) {
          parent.erase(at.back());
        } else if (parent.is_array() && !parent.empty()) {
          parent.erase(parent.size() - 1);
        }
        break;
      default:  // a number nudged: off by one, negated, scaled
        if (header[at].is_number()) {
          const double v = header[at].get<double>();
          const double nudged[] = {v + 1, v - 1, -v, v * 1000, v / 3};
          header[at] = nudged[fdp.ConsumeIntegralInRange(0, 4)];
          if (header[at].get<double>() == std::floor(header[at].get<double>()) &&
              std::fabs(header[at].get<double>()) < 1e15) {
            header[at] = static_cast<std::int64_t>(header[at].get<double>());
          }
        }
        break;
    }
  }
  return header;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  ersatz::ModelFile file;
  file.header = HeaderOf(data, size);
  if (file.header.is_discarded() || !file.header.is_object()) return 0;
  file.tensors = g_seed.tensors;
  // `GENERATOR_FUZZER_DUMP=1` prints the header an input stands for (to read a crash's).
  if (std::getenv("GENERATOR_FUZZER_DUMP")) std::fprintf(stderr, "%s\n", file.header.dump(1).c_str());
  const std::string path = (g_dir / "m.ersatz").string();
  try {
    ersatz::WriteModelFile(path, file);
  } catch (const ersatz::Error&) {
    return 0;  // a header the writer itself refuses never reaches a loader
  } catch (const nlohmann::json::exception&) {
    return 0;
  }
  try {
    const ersatz::Generator generator = ersatz::Generator::Load(path);
    ersatz::SampleOptions options;
    options.batch_rows = 16;
    try {
      options.checks = generator.PrivacyFilters("medium");
    } catch (const ersatz::ParameterError&) {
      // a header without the filter's hashes: sampled unfiltered
    }
    std::size_t rows = 0;
    generator.Sample(20, options, [&](const ersatz::Table& batch) { rows += batch.num_rows(); });
  } catch (const ersatz::Error&) {
  }
  return 0;
}
