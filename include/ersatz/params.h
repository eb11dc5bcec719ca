// Parameters are declared once — name, type, default, range, help — in a table per stage
// (e.g. kCsvReadParams). The CLI flags, configuration file keys, validation and docs/cli.md are
// all derived from those tables, so the four can never disagree.
#pragma once

#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace ersatz {

enum class ParamType {
  kFlag,        // on/off switch: --name, or `name: true` in a config file
  kInt,         // whole number within the range
  kFloat,       // real number within the range
  kString,      // free text, or one of `choices` when given
  kInputPath,   // a file the verb reads
  kOutputPath,  // a file the verb writes: never the same file as any input or other output
  kStringList,  // repeatable flag / comma-separated list
};

struct Range {
  std::optional<double> min;
  std::optional<double> max;
};

struct ParamSpec {
  std::string_view name;           // flag --name, config key `name`
  ParamType type;
  std::string_view default_value;  // as text; "" for none
  Range range;                     // kInt / kFloat only
  std::string_view help;
  std::string_view choices = {};   // kString: allowed values separated by '|'
  char short_name = 0;             // also -x on the command line
  bool required = false;           // the verb cannot run without it
  // kString values from a set known only at run time (the phone regions libphonenumber knows):
  // "" when `value` is one, else what is wrong and what is expected ("\"usa\" is not a region
  // code; expected ..."), which the ParameterError prefixes with where the value came from.
  std::string (*check)(std::string_view value) = nullptr;
};

std::string_view ParamTypeName(ParamType type);  // "flag", "int", "float", "string", "path", "output path", "list"

// Validated parameter values, keyed by name. Values not set fall back to the spec's default.
class ParamValues {
 public:
  explicit ParamValues(std::span<const ParamSpec> specs) : specs_(specs.begin(), specs.end()) {}
  ParamValues(std::initializer_list<std::span<const ParamSpec>> tables);

  // Sets a value given as text (from a flag or a config file); `origin` names where it came from
  // ("--max-epochs", "ersatz.yaml: max-epochs") in the ParameterError for an unknown name,
  // a malformed value or one outside the range / choices.
  void Set(std::string_view name, std::string_view value, std::string_view origin);
  void SetList(std::string_view name, std::vector<std::string> values, std::string_view origin);
  // Reads a YAML configuration file whose keys are parameter names; unknown keys are errors,
  // except `sections`: top-level keys a verb reads itself (e.g. transform's `rules:`).
  void LoadConfigFile(const std::string& path, std::span<const std::string_view> sections = {});

  bool IsSet(std::string_view name) const { return values_.count(std::string(name)) > 0; }
  bool GetFlag(std::string_view name) const;
  long long GetInt(std::string_view name) const;
  double GetFloat(std::string_view name) const;
  std::string GetString(std::string_view name) const;
  std::vector<std::string> GetList(std::string_view name) const;

  const std::vector<ParamSpec>& specs() const { return specs_; }
  const ParamSpec* Find(std::string_view name) const;

 private:
  const ParamSpec& Require(std::string_view name, ParamType type) const;
  std::vector<ParamSpec> specs_;
  std::map<std::string, std::vector<std::string>> values_;
};

}  // namespace ersatz
