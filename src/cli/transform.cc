// `ersatz transform data.csv -o out.csv`: personal data replaced, consistently under a secret key.
#include <fmt/format.h>

#include <ostream>

#include "cli/verb.h"
#include "ersatz/transform.h"
#include "table/csv_params.h"
#include "transform/params.h"

namespace ersatz::cli {

namespace {

void RunTransform(const VerbContext& ctx) {
  const std::string& input = ctx.positionals.at(0);
  const std::string output = ctx.params.GetString("output");
  TransformPolicy policy = ctx.config_path.empty() ? DefaultTransformPolicy() : LoadTransformPolicy(ctx.config_path);
  ScanOptions scan;
  ApplyTransformParams(ctx.params, &policy, &scan);
  if (policy.is_default) {
    ctx.err << "ersatz: no --config given; using the default policy:\n" << policy.ToYaml();
  }
  const std::string key_path = ChooseKeyPath(ctx.params.GetString("key-file"), "");
  bool created = false;
  const TransformKey key = TransformKey::LoadOrCreate(key_path, &created);
  if (created) {
    ctx.err << fmt::format("ersatz: created a new secret key in {} (mode 0600); keep it to get the same "
                           "replacements next time\n", key_path);
  }
  const TransformReport report =
      TransformCsvFile(input, output, CsvReadOptionsFromParams(ctx.params), policy, key, scan);
  ctx.err << fmt::format("ersatz: wrote {}\n", output) << report.ToText();
}

}  // namespace

VerbSpec TransformVerb() {
  return VerbSpec{
      .name = "transform",
      .summary = "Replace the personal data of a CSV file (fake, hash, mask, redact, shift, ...).",
      .details =
          "Streams a CSV file, detects each column's entity as `ersatz scan` does (on the first "
          "--sample-rows rows) and applies the first matching rule of the `rules:` list in the "
          "--config file (docs/pii.md); without --config, detected PII columns are faked, dates "
          "of birth shifted and entities inside free text replaced by tags, and the policy is "
          "printed. Every value of a kept column is still checked on its own: one that is PII by "
          "itself (an e-mail, card or phone number past the first rows) is replaced as the policy "
          "replaces that entity, and counted. Fakes and hashes derive from an HMAC of (scope, "
          "entity, value) under the key, so the same value gets the same replacement across files "
          "and runs.",
      .example = "ersatz transform customers.csv -o customers_safe.csv --config transform.yaml",
      .positionals = {{"data.csv", "The CSV file to transform (with a header row)."}},
      .param_tables = {kCsvReadParams, kTransformOutputParams, kTransformKeyParams, kTransformPolicyParams},
      .run = RunTransform,
      .implied_files =
          [](const ParamValues& params, CommandFiles* files) {
            if (!params.IsSet("key-file")) files->inputs.push_back({DefaultKeyPath(), "the transform key"});
          },
      .config_sections = {"rules"},
  };
}

}  // namespace ersatz::cli
