// A verb of the `ersatz` command, declared once: its name, help, positional arguments and the
// parameter tables it accepts. main() builds the CLI11 parser from these declarations and
// `ersatz help-markdown` builds docs/cli.md from the same ones.
#pragma once

#include <functional>
#include <iosfwd>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/command_files.h"
#include "ersatz/params.h"

namespace ersatz::cli {

struct PositionalSpec {
  std::string_view name;
  std::string_view help;
  bool is_file = true;  // an input file (every positional is, but privacy's action)
};

struct VerbContext {
  std::vector<std::string> positionals;
  const ParamValues& params;
  std::ostream& out;  // results
  std::ostream& err;  // progress, warnings, summaries
  std::string config_path = {};  // --config, for verbs that read sections of it themselves
};

struct VerbSpec {
  std::string_view name;
  std::string_view summary;  // one line, for `ersatz --help`
  std::string_view details;  // a paragraph, for `ersatz VERB --help` and docs/cli.md
  std::string_view example;
  std::vector<PositionalSpec> positionals;
  std::vector<std::span<const ParamSpec>> param_tables;
  std::function<void(const VerbContext&)> run;
  // Files the parameters imply without naming them (fit's <output>.report.html, the default key
  // file), added to the positionals and path parameters that RunCommandLine checks before `run`.
  std::function<void(const ParamValues&, CommandFiles*)> implied_files = {};
  bool hidden = false;
  // Top-level keys of the --config file that the verb reads itself (not parameters).
  std::vector<std::string_view> config_sections = {};
};

// Every verb, in the order `ersatz --help` lists them.
const std::vector<VerbSpec>& Verbs();

// Exit codes, documented in docs/cli.md.
enum ExitCode : int {
  kExitOk = 0,
  kExitInternal = 1,   // a bug: please report it
  kExitUsage = 2,      // bad command line, parameter or metadata/config file
  kExitData = 3,       // the input data is malformed
  kExitIo = 4,         // a file could not be read or written
  // 128 + the signal number (130 SIGINT, 143 SIGTERM, 129 SIGHUP): interrupted, unfinished outputs
  // removed by the handler of common/output_registry.h, which exits directly.
};

// Runs the command line; returns the exit code. Never throws.
int RunCommandLine(int argc, char** argv, std::ostream& out, std::ostream& err);

// docs/cli.md, generated from Verbs() and their parameter tables.
std::string CliReferenceMarkdown();

// Verb implementations (one file each in src/cli/).
VerbSpec ProfileVerb();
VerbSpec FitVerb();
VerbSpec SampleVerb();
VerbSpec ImputeVerb();
VerbSpec PrivacyVerb();
VerbSpec AuditVerb();
VerbSpec ScanVerb();
VerbSpec TransformVerb();
VerbSpec ReportVerb();
VerbSpec HelpMarkdownVerb();

}  // namespace ersatz::cli
