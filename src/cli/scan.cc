// `ersatz scan data.csv`: which columns hold personal data, with the reasons for each decision.
#include <ostream>

#include "cli/verb.h"
#include "ersatz/transform.h"
#include "table/csv_params.h"
#include "transform/params.h"

namespace ersatz::cli {

namespace {

constexpr ParamSpec kScanParams[] = {
    {"json", ParamType::kFlag, "false", {}, "Print the findings as JSON (docs/pii.md) instead of a table."},
    {"sample-rows", ParamType::kInt, "2000", Range{10, 1e7},
     "Rows drawn evenly from the whole file on which each column is judged."},
    {"region", ParamType::kString, "US", {},
     "Country (ISO 3166 alpha-2 code, such as US, GB, DE) assumed for phone numbers written without "
     "a country code.", {}, 0, false, CheckPhoneRegion},
};

void RunScan(const VerbContext& ctx) {
  ScanOptions options;
  options.sample_rows = static_cast<std::size_t>(ctx.params.GetInt("sample-rows"));
  options.default_region = ctx.params.GetString("region");
  const ScanReport report = ScanCsvFile(ctx.positionals.at(0), CsvReadOptionsFromParams(ctx.params), options);
  ctx.out << (ctx.params.GetFlag("json") ? report.ToJson() + "\n" : report.ToText());
}

}  // namespace

VerbSpec ScanVerb() {
  return VerbSpec{
      .name = "scan",
      .summary = "Find the columns (and the text inside columns) that hold personal data.",
      .details =
          "Streams a CSV file, draws an even sample of rows and decides for each column which "
          "entity it holds (EMAIL, PHONE, CREDIT_CARD, ... listed in docs/pii.md) from the header, "
          "the share of sampled values each detector accepts (checksums included) and the share "
          "of distinct values; free-text columns are scanned cell by cell for entities inside them. "
          "Every decision comes with its reasons.",
      .example = "ersatz scan customers.csv --json",
      .positionals = {{"data.csv", "The CSV file to scan (with a header row)."}},
      .param_tables = {kCsvReadParams, kScanParams},
      .run = RunScan,
  };
}

}  // namespace ersatz::cli
