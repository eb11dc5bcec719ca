// libFuzzer target for the whole command line: each input picks a verb, its positional files and a
// handful of its declared flags with values chosen to be awkward (absurd numbers, an input named
// again as an output, a folder, a missing folder, a link to an input), and runs it in-process over
// a scratch folder of small files. Whatever the verb does, a user must be able to rely on:
//   - no crash and no internal error (exit code 1 is a bug: ersatz maps every expected failure to
//     2, 3 or 4), and no hang (libFuzzer's -timeout bounds each run);
//   - the files they gave are unchanged;
//   - no `*.tmp-*` file is left behind.
// Flags and their types come from the verbs' own parameter tables, so new flags are fuzzed as soon
// as they are declared.
#include <fuzzer/FuzzedDataProvider.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "cli/verb.h"

namespace {

namespace fs = std::filesystem;

fs::path g_dir;                                  // the scratch folder (the working directory)
std::map<std::string, std::string> g_inputs;     // file name -> bytes, checked after every run
std::set<std::string> g_entries;                 // what the folder holds between runs

void Check(bool ok, const std::string& what) {
  if (!ok) {
    std::fprintf(stderr, "cli_fuzzer: %s\n", what.c_str());
    std::abort();
  }
}

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void WriteAll(const std::string& name, const std::string& bytes) {
  std::ofstream(g_dir / name, std::ios::binary) << bytes;
}

int Run(std::vector<std::string> args, std::string* err_text = nullptr) {
  args.insert(args.begin(), "ersatz");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  std::ostringstream out, err;
  const int code = ersatz::cli::RunCommandLine(static_cast<int>(args.size()), argv.data(), out, err);
  if (err_text != nullptr) *err_text = err.str();
  return code;
}

std::string SmallTable(bool gaps) {
  std::string csv = "age,income,city,joined,email\n";
  const char* cities[] = {"Paris", "Lyon", "Nice", "Lille"};
  for (int i = 0; i < 40; ++i) {
    const bool gap = gaps && i % 5 == 2;
    csv += (gap ? std::string() : std::to_string(20 + (i * 7) % 50)) + ",";
    csv += std::to_string(1000 + (i * 137) % 900) + "." + std::to_string(i % 10) + ",";
    csv += std::string(gap ? "" : cities[i % 4]) + ",";
    csv += "2021-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10) + ",";
    csv += "user" + std::to_string(i) + "@example.org\n";
  }
  return csv;
}

// Awkward values by parameter type; the verbs must refuse or handle every one of them.
const std::vector<std::string> kSaneNumbers = {"1", "2", "3", "10", "50", "0.5", "0.1"};
const std::vector<std::string> kAwkwardNumbers = {"0", "-1", "2.5", "1e15", "1e-300", "nan", "inf",
                                                  "-0", "", "x", "9223372036854775807"};
const std::vector<std::string> kColumns = {"age", "income", "city", "joined", "email", "nope",
                                           "age=30..40", "city=Paris", "city=Paris:0.5",
                                           "age=30..", "=", "income=>50K:0.5", "age,city"};
std::vector<std::string> g_paths;  // inputs, their other spellings, new names, folders

void Initialize() {
  char name[] = "/tmp/ersatz-cli-fuzz-XXXXXX";
  Check(mkdtemp(name) != nullptr, "mkdtemp failed");
  g_dir = fs::canonical(name);
  Check(chdir(name) == 0, "chdir failed");
  // A transform may create a secret key: keep it inside the scratch folder.
  setenv("HOME", name, 1);
  setenv("XDG_CONFIG_HOME", (g_dir / "config").c_str(), 1);
  WriteAll("data.csv", SmallTable(false));
  WriteAll("gappy.csv", SmallTable(true));
  WriteAll("empty.csv", "");
  WriteAll("header.csv", "age,city\n");
  WriteAll("meta.yaml", "columns:\n  age: {type: integer}\n  city: {type: categorical}\n");
  fs::create_directory(g_dir / "folder");
  fs::create_symlink("data.csv", g_dir / "link.csv");
  std::string err;
  Check(Run({"fit", "data.csv", "-o", "model.ersatz", "--no-report", "--max-epochs", "3"}, &err) == 0,
        "could not fit the model the fuzzer uses: " + err);
  for (const auto& entry : fs::recursive_directory_iterator(g_dir)) {
    const std::string rel = fs::relative(entry.path(), g_dir).string();
    g_entries.insert(rel);
    if (entry.is_regular_file() && !entry.is_symlink()) g_inputs[rel] = ReadAll(entry.path());
  }
  g_paths = {"data.csv", "gappy.csv", "empty.csv", "header.csv", "meta.yaml", "model.ersatz",
             "link.csv", "./data.csv", (g_dir / "model.ersatz").string(), "folder", "folder/",
             "out.csv", "out.ersatz", "out.html", "out.json", "missing/out.csv", "/dev/null",
             "nowhere.csv"};
}

// Removes what the last run wrote, so every run starts from the same folder.
void Reset() {
  std::vector<fs::path> extra;
  for (const auto& entry : fs::recursive_directory_iterator(g_dir)) {
    const std::string rel = fs::relative(entry.path(), g_dir).string();
    if (!g_entries.count(rel)) extra.push_back(entry.path());
  }
  for (const auto& path : extra) {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
}

std::string Pick(FuzzedDataProvider& fdp, const std::vector<std::string>& pool) {
  return pool[fdp.ConsumeIntegralInRange<std::size_t>(0, pool.size() - 1)];
}

std::string ValueFor(FuzzedDataProvider& fdp, const ersatz::ParamSpec& spec) {
  switch (spec.type) {
    case ersatz::ParamType::kInt:
    case ersatz::ParamType::kFloat:
      return Pick(fdp, fdp.ConsumeBool() ? kSaneNumbers : kAwkwardNumbers);
    case ersatz::ParamType::kInputPath:
    case ersatz::ParamType::kOutputPath:
      return Pick(fdp, g_paths);
    case ersatz::ParamType::kStringList:
      return Pick(fdp, kColumns);
    case ersatz::ParamType::kString: {
      if (!spec.choices.empty() && fdp.ConsumeBool()) {
        std::vector<std::string> choices;
        std::stringstream ss{std::string(spec.choices)};
        for (std::string c; std::getline(ss, c, '|');) choices.push_back(c);
        return Pick(fdp, choices);
      }
      return fdp.ConsumeBool() ? Pick(fdp, kColumns) : Pick(fdp, g_paths);
    }
    case ersatz::ParamType::kFlag:
      break;
  }
  return "";
}

}  // namespace

// The scratch folder and its model are made once, before the first input.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  Initialize();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  FuzzedDataProvider fdp(data, size);
  std::vector<const ersatz::cli::VerbSpec*> verbs;
  for (const auto& verb : ersatz::cli::Verbs()) {
    if (verb.name != "help-markdown") verbs.push_back(&verb);
  }
  const auto& verb = *verbs[fdp.ConsumeIntegralInRange<std::size_t>(0, verbs.size() - 1)];
  std::vector<std::string> args = {std::string(verb.name)};
  if (verb.name == "privacy") args.push_back(fdp.ConsumeBool() ? "epsilon" : "noise");
  for (std::size_t i = args.size() - 1; i < verb.positionals.size(); ++i) args.push_back(Pick(fdp, g_paths));
  // Required flags first, so that most runs get past the command line into the verb's work;
  // then a few distinct optional ones.
  std::vector<const ersatz::ParamSpec*> optional;
  for (const auto& table : verb.param_tables) {
    for (const auto& spec : table) {
      if (spec.required) {
        args.push_back("--" + std::string(spec.name));
        args.push_back(ValueFor(fdp, spec));
      } else {
        optional.push_back(&spec);
      }
    }
  }
  if (verb.name == "sample" && fdp.ConsumeBool()) args.insert(args.end(), {"--rows", Pick(fdp, kSaneNumbers)});
  const int flags = fdp.ConsumeIntegralInRange(0, 4);
  for (int i = 0; i < flags && !optional.empty(); ++i) {
    const std::size_t at = fdp.ConsumeIntegralInRange<std::size_t>(0, optional.size() - 1);
    const ersatz::ParamSpec& spec = *optional[at];
    optional.erase(optional.begin() + static_cast<std::ptrdiff_t>(at));
    args.push_back("--" + std::string(spec.name));
    if (spec.type != ersatz::ParamType::kFlag) args.push_back(ValueFor(fdp, spec));
  }
  // Keep legitimately long jobs short: the fuzzer looks for hangs, not for slow training.
  const bool timed = std::find(args.begin(), args.end(), "--max-time") != args.end();
  if ((verb.name == "fit" || verb.name == "audit") && !timed) args.insert(args.end(), {"--max-time", "20"});

  std::string err;
  const int code = Run(args, &err);
  std::string command = "ersatz";
  for (const auto& a : args) command += " '" + a + "'";
  Check(code != ersatz::cli::kExitInternal, "internal error from: " + command + "\n" + err);
  // A changed file must have been named as an output, and not also as an input. Outputs are the
  // values of flags declared kOutputPath (fit's --output also writes <output>.report.*). Inputs
  // are the positionals and the values of flags that name files to read: kInputPath, --config,
  // and fit's --transform (a policy name or a transform.yaml). A file name given as a plain value
  // (`--scope data.csv`) names no file, so that file may be an output.
  std::map<std::string, ersatz::ParamType> types;
  for (const auto& table : verb.param_tables) {
    for (const auto& spec : table) types[std::string(spec.name)] = spec.type;
  }
  std::set<fs::path> outputs, inputs;
  for (std::size_t i = 1; i < args.size(); ++i) {
    if (args[i].rfind("--", 0) == 0) continue;
    const bool flag = args[i - 1].rfind("--", 0) == 0;
    const std::string name = flag ? args[i - 1].substr(2) : "";
    const auto type = types.find(name);
    const fs::path target = fs::weakly_canonical(g_dir / args[i]);
    if (!flag) {
      inputs.insert(target);
    } else if (type != types.end() && type->second == ersatz::ParamType::kOutputPath) {
      outputs.insert(target);
      if (name == "output") {
        outputs.insert(fs::weakly_canonical(g_dir / (args[i] + ".report.html")));
        outputs.insert(fs::weakly_canonical(g_dir / (args[i] + ".report.json")));
      }
    } else if (name == "config" || name == "transform" ||
               (type != types.end() && type->second == ersatz::ParamType::kInputPath)) {
      inputs.insert(target);
    }
  }
  for (const auto& [name, bytes] : g_inputs) {
    const fs::path path = g_dir / name;
    if (fs::is_regular_file(path) && ReadAll(path) == bytes) continue;
    const fs::path target = fs::weakly_canonical(path);
    Check(outputs.count(target) && !inputs.count(target),
          "the file " + name + " was changed although it was not (only) an output of: " + command);
    WriteAll(name, bytes);  // an output the user asked for: restore it for the next run
  }
  if (!fs::is_symlink(g_dir / "link.csv")) {
    Check(outputs.count(g_dir / "data.csv") || outputs.count(g_dir / "link.csv"),
          "link.csv was replaced by: " + command);
    std::error_code ec;
    fs::remove(g_dir / "link.csv", ec);
    fs::create_symlink("data.csv", g_dir / "link.csv");
  }
  for (const auto& entry : fs::recursive_directory_iterator(g_dir)) {
    Check(entry.path().filename().string().find(".tmp-") == std::string::npos,
          "a temporary file was left by: " + command);
  }
  Reset();
  return 0;
}
