// Data-driven hostile-input cases: every folder under tests/hostile/ is one case (format in
// tests/hostile/README.md). Each runs `ersatz` in a scratch copy of its folder and checks the exit
// code and messages it declares, and, whatever the case, what a user relies on: the files they gave
// are unchanged, no temporary file is left behind, and the program neither crashed nor hung.
#include <gtest/gtest.h>
#include <yaml-cpp/yaml.h>

#include <csignal>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

namespace fs = std::filesystem;

std::string HostileRoot() { return SourcePath("tests/hostile"); }

std::vector<std::string> CaseNames() {
  std::vector<std::string> names;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(HostileRoot(), ec)) {
    if (entry.is_directory() && fs::exists(entry.path() / "case.yaml")) {
      names.push_back(entry.path().filename().string());
    }
  }
  std::sort(names.begin(), names.end());
  return names;
}

// What a folder holds: regular files by content, links by target (a replaced link is a change).
std::map<std::string, std::string> Snapshot(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    const std::string rel = fs::relative(it->path(), root).string();
    if (it->is_symlink()) {
      files[rel] = "link -> " + fs::read_symlink(it->path()).string();
    } else if (it->is_regular_file()) {
      files[rel] = ReadText(it->path().string());
    }
  }
  return files;
}

std::vector<std::string> LeftoverTemporaries(const fs::path& root) {
  std::vector<std::string> found;
  for (auto it = fs::recursive_directory_iterator(root); it != fs::recursive_directory_iterator(); ++it) {
    if (it->path().filename().string().find(".tmp-") != std::string::npos) {
      found.push_back(fs::relative(it->path(), root).string());
    }
  }
  return found;
}

std::vector<std::string> Strings(const YAML::Node& node) {
  std::vector<std::string> out;
  if (!node) return out;
  if (node.IsScalar()) return {node.as<std::string>()};
  for (const auto& item : node) out.push_back(item.as<std::string>());
  return out;
}

int SignalNumber(const std::string& name) {
  if (name == "INT" || name == "SIGINT") return SIGINT;
  if (name == "TERM" || name == "SIGTERM") return SIGTERM;
  if (name == "HUP" || name == "SIGHUP") return SIGHUP;
  throw std::runtime_error("case.yaml: signal name must be INT, TERM or HUP, not " + name);
}

class HostileCase : public ::testing::TestWithParam<std::string> {};

TEST_P(HostileCase, FailsCleanlyAndKeepsTheUsersFiles) {
  const fs::path source = fs::path(HostileRoot()) / GetParam();
  const YAML::Node spec = YAML::LoadFile((source / "case.yaml").string());
  TempDir scratch;
  const fs::path work = scratch.path();
  for (const auto& entry : fs::directory_iterator(source)) {
    if (entry.path().filename() == "case.yaml") continue;
    fs::copy(entry.path(), work / entry.path().filename(),
             fs::copy_options::recursive | fs::copy_options::copy_symlinks);
  }

  std::map<std::string, std::optional<std::string>> env;
  if (spec["env"]) {
    for (const auto& kv : spec["env"]) {
      const std::string name = kv.first.as<std::string>();
      if (kv.second.IsNull()) {
        env[name] = std::nullopt;
      } else {
        env[name] = kv.second.as<std::string>();
      }
    }
  }
  if (spec["setup"]) {
    CliRun setup;
    setup.program = "/bin/sh";
    setup.args = {"-c", spec["setup"].as<std::string>()};
    setup.cwd = work.string();
    setup.env = env;
    setup.env["ERSATZ"] = std::string(ERSATZ_BINARY);  // so a setup can fit a model first
    const CliRunResult r = RunProcess(setup);
    ASSERT_EQ(r.exit_code, 0) << "setup failed: " << r.err;
  }
  const auto before = Snapshot(work);

  CliRun run;
  run.args = Strings(spec["run"]);
  run.cwd = work.string();
  run.env = env;
  if (spec["stdin"]) run.stdin_path = (work / spec["stdin"].as<std::string>()).string();
  run.timeout_seconds = spec["timeout"] ? spec["timeout"].as<double>() : 60.0;
  if (const YAML::Node sig = spec["signal"]) {
    run.signal = SignalNumber(sig["name"].as<std::string>());
    if (sig["after"]) run.signal_after_text = sig["after"].as<std::string>();
    run.signal_after_seconds = sig["after_seconds"] ? sig["after_seconds"].as<double>() : -1;
  }
  const CliRunResult r = RunProcess(run);
  const std::string context = "stderr:\n" + r.err + "\nstdout (first 2000 bytes):\n" + r.out.substr(0, 2000);

  ASSERT_FALSE(r.timed_out) << "still running after " << run.timeout_seconds << " s\n" << context;
  if (run.signal != 0) {
    EXPECT_TRUE(r.signal_sent) << "the signal's condition never held\n" << context;
  } else {
    EXPECT_LT(r.exit_code, 128) << "killed by a signal\n" << context;
  }
  EXPECT_EQ(r.exit_code, spec["exit"].as<int>()) << context;
  for (const std::string& text : Strings(spec["stderr"])) {
    EXPECT_NE(r.err.find(text), std::string::npos) << "stderr lacks: " << text << "\n" << context;
  }
  for (const std::string& text : Strings(spec["stdout"])) {
    EXPECT_NE(r.out.find(text), std::string::npos) << "stdout lacks: " << text << "\n" << context;
  }

  const auto after = Snapshot(work);
  for (const auto& [name, bytes] : before) {
    const auto it = after.find(name);
    if (it == after.end()) {
      ADD_FAILURE() << "the input " << name << " was removed";
    } else if (it->second != bytes) {
      ADD_FAILURE() << "the input " << name << " was changed";
    }
  }
  EXPECT_EQ(LeftoverTemporaries(work), std::vector<std::string>{}) << context;
  for (const std::string& name : Strings(spec["outputs"])) {
    EXPECT_TRUE(fs::exists(work / name)) << name << " was not written\n" << context;
  }
  for (const std::string& name : Strings(spec["absent"])) {
    EXPECT_FALSE(fs::exists(fs::symlink_status(work / name))) << name << " exists\n" << context;
  }
}

std::string CaseTestName(const ::testing::TestParamInfo<std::string>& info) {
  std::string name = info.param;
  for (char& c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Folder, HostileCase, ::testing::ValuesIn(CaseNames()), CaseTestName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(HostileCase);

}  // namespace
}  // namespace ersatz::testing
