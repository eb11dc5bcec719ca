// `ersatz profile data.csv`: column kinds and statistics, as text or JSON, and the metadata file.
#include <fmt/format.h>

#include <ostream>

#include "cli/verb.h"
#include "ersatz/metadata.h"
#include "ersatz/profile.h"
#include "table/csv_params.h"

namespace ersatz::cli {

namespace {

constexpr ParamSpec kProfileParams[] = {
    {"json", ParamType::kFlag, "false", {}, "Print the profile as JSON instead of a table."},
    {"write-metadata", ParamType::kOutputPath, "", {},
     "Also write the inferred column types to this metadata file (.json, .yaml or .yml), to edit "
     "and pass back with --metadata."},
};

void RunProfile(const VerbContext& ctx) {
  const std::string& path = ctx.positionals.at(0);
  const CsvReadOptions options = CsvReadOptionsFromParams(ctx.params);
  std::optional<Metadata> overrides;
  if (ctx.params.IsSet("metadata")) overrides = Metadata::Load(ctx.params.GetString("metadata"));

  const ProfiledFile result = ProfileCsvFile(path, options, overrides ? &*overrides : nullptr);

  if (result.report.skipped_rows > 0) {
    ctx.err << fmt::format("ersatz: skipped {} row(s) with the wrong number of fields; first: {}\n",
                           result.report.skipped_rows, result.report.skipped_examples.front());
  }
  if (ctx.params.IsSet("write-metadata")) {
    const std::string meta_path = ctx.params.GetString("write-metadata");
    result.schema.Save(meta_path);
    ctx.err << fmt::format("ersatz: wrote the types of {} column(s) to {}\n",
                           result.schema.columns.size(), meta_path);
  }
  ctx.out << (ctx.params.GetFlag("json") ? result.profile.ToJson() + "\n" : result.profile.ToText());
}

}  // namespace

VerbSpec ProfileVerb() {
  return VerbSpec{
      .name = "profile",
      .summary = "Infer each column's type and print its statistics.",
      .details =
          "Reads a CSV file, decides each column's type (integer, float, boolean, datetime, "
          "categorical, text or identifier; rules in docs/type-inference.md) and prints one line "
          "per column: type, missing share, distinct values, range or most frequent values. "
          "Types can be fixed with a metadata file (--metadata), which --write-metadata creates.",
      .example = "ersatz profile data/adult.csv --write-metadata adult.yaml",
      .positionals = {{"data.csv", "The CSV file to profile (with a header row)."}},
      .param_tables = {kCsvReadParams, kProfileParams},
      .run = RunProfile,
  };
}

}  // namespace ersatz::cli
