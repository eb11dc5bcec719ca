// The transform key: found by the XDG rules and never in the current folder, created private,
// and refused when others may read it or when it is no secret.
#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <optional>

#include "cli/run_cli.h"
#include "ersatz/error.h"
#include "ersatz/transform.h"

namespace ersatz {
namespace {

using testing::RunCli;
using testing::TempDir;

// Sets (or, with nullopt, unsets) an environment variable for one scope.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    if (value) setenv(name, value->c_str(), 1);
    else unsetenv(name);
  }
  ~ScopedEnv() {
    if (old_) setenv(name_, old_->c_str(), 1);
    else unsetenv(name_);
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::string ErrorOf(const std::string& path) {
  try {
    TransformKey::LoadOrCreate(path);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 ? st.st_mode & 0777 : 0;
}

TEST(TransformKey, DefaultPathFollowsTheXdgRulesAndNeverTheCurrentFolder) {
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "/x/config");
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(DefaultKeyPath(), "/x/config/ersatz/transform.key");
  }
  {
    ScopedEnv xdg("XDG_CONFIG_HOME", "relative/config");  // ignored, as the rules say
    ScopedEnv home("HOME", "/home/u");
    EXPECT_EQ(DefaultKeyPath(), "/home/u/.config/ersatz/transform.key");
  }
  ScopedEnv xdg("XDG_CONFIG_HOME", std::nullopt);
  ScopedEnv home("HOME", std::nullopt);
  try {
    DefaultKeyPath();
    FAIL() << "expected a ParameterError";
  } catch (const ParameterError& e) {
    EXPECT_STREQ(e.what(),
                 "no place for the transform key: neither XDG_CONFIG_HOME nor HOME is set to an absolute "
                 "path; give the key file with --key-file");
  }
}

TEST(TransformKey, IsCreatedPrivateInPrivateFolders) {
  TempDir dir;
  const std::string path = dir.File("config/ersatz/transform.key");
  bool created = false;
  const TransformKey key = TransformKey::LoadOrCreate(path, &created);
  EXPECT_TRUE(created);
  EXPECT_EQ(ModeOf(path), 0600u);
  EXPECT_EQ(ModeOf(dir.File("config")), 0700u);
  EXPECT_EQ(ModeOf(dir.File("config/ersatz")), 0700u);
  EXPECT_EQ(TransformKey::LoadOrCreate(path, &created).bytes(), key.bytes());
  EXPECT_FALSE(created);
}

TEST(TransformKey, AKeyOthersMayReadIsRefused) {
  TempDir dir;
  std::string hex;
  for (int i = 0; i < 4; ++i) hex += "3f9a1c7e5b2d8046";
  const std::string path = dir.Write("k.key", hex + "\n");
  ::chmod(path.c_str(), 0644);
  EXPECT_EQ(ErrorOf(path), path + ": the transform key may be read or changed by other users (mode 0644); make "
                                  "it private with `chmod 600 " + path + "`, or make a new key if others may have "
                                  "copied it");
  ::chmod(path.c_str(), 0640);
  EXPECT_NE(ErrorOf(path), "");
  ::chmod(path.c_str(), 0600);
  EXPECT_EQ(ErrorOf(path), "");
}

TEST(TransformKey, AConstantKeyIsRefused) {
  TempDir dir;
  for (const char digit : {'0', 'f'}) {
    const std::string path = dir.Write("k.key", std::string(64, digit) + "\n");
    ::chmod(path.c_str(), 0600);
    EXPECT_EQ(ErrorOf(path), path + ": not a secret key: all 32 bytes are " + (digit == '0' ? "0x00" : "0xff") +
                                 "; delete the file to have a new random key made, or give another with --key-file");
  }
}

TEST(TransformKeyCli, WithoutHomeTheTransformIsRefusedAndNothingIsWritten) {
  TempDir dir;
  const std::string in = dir.Write("people.csv", "name,email\nAlice,alice@example.org\n");
  const auto r = RunCli({"transform", in, "-o", dir.File("out.csv")}, [&] {
    unsetenv("HOME");
    unsetenv("XDG_CONFIG_HOME");
    if (chdir(dir.path().c_str()) != 0) _exit(126);
  });
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.err,
            "ersatz: no place for the transform key: neither XDG_CONFIG_HOME nor HOME is set to an absolute "
            "path; give the key file with --key-file\n");
  EXPECT_EQ(dir.List(), std::vector<std::string>{"people.csv"});
}

}  // namespace
}  // namespace ersatz
