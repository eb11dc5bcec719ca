// Builds the CLI11 parser from the verb declarations, binds each ParamSpec to a flag, validates
// through ParamValues (the one place values are checked) and maps exceptions to exit codes.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <map>
#include <ostream>

#include "cli/verb.h"
#include "common/output_registry.h"
#include "ersatz/error.h"

namespace ersatz::cli {

const std::vector<VerbSpec>& Verbs() {
  static const std::vector<VerbSpec> verbs = {ProfileVerb(), FitVerb(),       SampleVerb(),
                                              ImputeVerb(),  PrivacyVerb(),   AuditVerb(),
                                              ScanVerb(),    TransformVerb(), ReportVerb(),
                                              HelpMarkdownVerb()};
  return verbs;
}

namespace {

std::string FlagHelp(const ParamSpec& spec) {
  std::string help(spec.help);
  if (!spec.choices.empty()) {
    std::string choices(spec.choices);
    std::replace(choices.begin(), choices.end(), '|', ',');
    help += fmt::format(" One of: {}.", choices);
  }
  if (spec.range.min || spec.range.max) {
    help += fmt::format(" Range: [{}, {}].", spec.range.min ? fmt::format("{}", *spec.range.min) : "",
                        spec.range.max ? fmt::format("{}", *spec.range.max) : "");
  }
  if (spec.type != ParamType::kFlag && !spec.default_value.empty()) {
    help += fmt::format(" Default: {}.", spec.default_value);
  }
  return help;
}

// Per-verb storage that CLI11 writes into; moved into ParamValues after parsing.
struct BoundVerb {
  const VerbSpec* verb = nullptr;
  CLI::App* app = nullptr;
  std::vector<std::string> positionals;
  std::string config_path;
  std::map<std::string, std::vector<std::string>> raw;  // by parameter name
  std::map<std::string, CLI::Option*> options;
};

void Bind(CLI::App& root, const VerbSpec& verb, BoundVerb* bound) {
  bound->verb = &verb;
  CLI::App* app = root.add_subcommand(std::string(verb.name), std::string(verb.summary));
  bound->app = app;
  app->footer(std::string(verb.details) +
              (verb.example.empty() ? "" : "\n\nExample:\n  " + std::string(verb.example)));
  if (verb.hidden) app->group("");
  bound->positionals.resize(verb.positionals.size());
  for (std::size_t i = 0; i < verb.positionals.size(); ++i) {
    const auto& pos = verb.positionals[i];
    app->add_option(std::string(pos.name), bound->positionals[i], std::string(pos.help))
        ->required()
        ->type_name("");
  }
  app->add_option("--config", bound->config_path,
                  "YAML file of parameter values (keys are the flag names without --); flags win.");
  for (const auto& table : verb.param_tables) {
    for (const auto& spec : table) {
      const std::string name(spec.name);
      auto& slot = bound->raw[name];
      CLI::Option* opt = nullptr;
      const std::string flags =
          (spec.short_name != 0 ? fmt::format("-{},", spec.short_name) : std::string()) + "--" + name;
      if (spec.type == ParamType::kFlag) {
        opt = app->add_flag(flags)->description(FlagHelp(spec));
      } else {
        opt = app->add_option(flags, slot, FlagHelp(spec));
        const bool path = spec.type == ParamType::kInputPath || spec.type == ParamType::kOutputPath;
        opt->type_name(spec.type == ParamType::kStringList ? "TEXT ..." : path ? "FILE" : "VALUE");
        if (spec.type != ParamType::kStringList) opt->expected(1);
        if (spec.type == ParamType::kStringList) opt->delimiter(',');
      }
      bound->options[name] = opt;
    }
  }
}

ParamValues Collect(const BoundVerb& bound) {
  std::vector<ParamSpec> all;
  for (const auto& table : bound.verb->param_tables) all.insert(all.end(), table.begin(), table.end());
  ParamValues values{std::span<const ParamSpec>(all)};
  if (!bound.config_path.empty()) values.LoadConfigFile(bound.config_path, bound.verb->config_sections);
  for (const auto& [name, opt] : bound.options) {
    if (opt->count() == 0) {
      const ParamSpec* spec = values.Find(name);
      if (spec->required && !values.IsSet(name)) {
        throw ParameterError(fmt::format("--{} is required: {}", name, spec->help));
      }
      continue;
    }
    const std::string origin = "--" + name;
    const ParamSpec* spec = values.Find(name);
    if (spec->type == ParamType::kFlag) {
      values.Set(name, "true", origin);
    } else if (spec->type == ParamType::kStringList) {
      values.SetList(name, bound.raw.at(name), origin);
    } else {
      values.Set(name, bound.raw.at(name).front(), origin);
    }
  }
  return values;
}

// Every file the command names: positionals and --config are read, path parameters are read or
// written as declared, and the verb adds the files its parameters imply.
CommandFiles FilesOf(const BoundVerb& bound, const ParamValues& params) {
  CommandFiles files;
  for (std::size_t i = 0; i < bound.positionals.size(); ++i) {
    if (bound.verb->positionals[i].is_file) files.inputs.push_back({bound.positionals[i], "the input file"});
  }
  if (!bound.config_path.empty()) files.inputs.push_back({bound.config_path, "--config"});
  for (const ParamSpec& spec : params.specs()) {
    if (spec.type != ParamType::kInputPath && spec.type != ParamType::kOutputPath) continue;
    const std::string path = params.GetString(spec.name);
    if (path.empty()) continue;
    auto& list = spec.type == ParamType::kInputPath ? files.inputs : files.outputs;
    list.push_back({path, fmt::format("--{}", spec.name)});
  }
  if (bound.verb->implied_files) bound.verb->implied_files(params, &files);
  return files;
}

int RunVerb(const BoundVerb& b, std::ostream& out, std::ostream& err) {
  try {
    const ParamValues params = Collect(b);
    CheckCommandFiles(FilesOf(b, params));
    b.verb->run(VerbContext{b.positionals, params, out, err, b.config_path});
    return kExitOk;
  } catch (const ParameterError& e) {
    err << "ersatz: " << e.what() << "\n";
    return kExitUsage;
  } catch (const DataError& e) {
    err << "ersatz: " << e.what() << "\n";
    return kExitData;
  } catch (const IoError& e) {
    err << "ersatz: " << e.what() << "\n";
    return kExitIo;
  } catch (const std::bad_alloc&) {
    err << "ersatz: out of memory\n";
    return kExitInternal;
  } catch (const std::exception& e) {
    err << "ersatz: internal error: " << e.what() << " (please report this)\n";
    return kExitInternal;
  }
}

}  // namespace

int RunCommandLine(int argc, char** argv, std::ostream& out, std::ostream& err) {
  CLI::App app("ersatz " ERSATZ_VERSION
               " — learns a table and generates synthetic rows that keep its statistics, not its "
               "people.",
               "ersatz");
  app.set_version_flag("--version", "ersatz " ERSATZ_VERSION);
  app.require_subcommand(1);
  app.footer("Run `ersatz VERB --help` for a verb's options. Exit codes: 0 ok, 1 internal error, "
             "2 usage error, 3 bad input data, 4 file error, 130/143 interrupted by SIGINT/SIGTERM "
             "(unfinished outputs removed). ERSATZ_MEMORY (e.g. 8G) sets the memory ersatz may use "
             "for its limits (default: the machine's, or its container's when lower).");
  std::vector<BoundVerb> bound(Verbs().size());
  for (std::size_t i = 0; i < Verbs().size(); ++i) Bind(app, Verbs()[i], &bound[i]);

  if (argc > 1 && argv[1][0] != '-') {
    const std::string_view verb = argv[1];
    const bool known = std::any_of(Verbs().begin(), Verbs().end(),
                                   [&](const VerbSpec& v) { return v.name == verb; });
    if (!known) {
      std::vector<std::string_view> names;
      for (const auto& v : Verbs()) {
        if (!v.hidden) names.push_back(v.name);
      }
      err << fmt::format("ersatz: unknown verb '{}': expected one of {}\n", verb,
                         fmt::join(names, ", "));
      return kExitUsage;
    }
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp&) {
    out << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion&) {
    out << "ersatz " ERSATZ_VERSION "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    err << "ersatz: " << e.what() << "\nRun 'ersatz --help' (or 'ersatz VERB --help') for usage.\n";
    return kExitUsage;
  }

  for (const auto& b : bound) {
    if (!b.app->parsed()) continue;
    ForgetFinishedOutputs();
    const int code = RunVerb(b, out, err);
    // An error after some outputs were finished: say which are whole (the key created, the
    // model written before its report failed), so the user knows what to keep.
    if (const auto written = FinishedOutputs(); code != kExitOk && !written.empty()) {
      err << fmt::format("ersatz: written before the error, and complete: {}\n", fmt::join(written, ", "));
    }
    return code;
  }
  return kExitUsage;  // unreachable: require_subcommand(1)
}

}  // namespace ersatz::cli
