// CheckCommandFiles: an output never names an input or another output, however spelled, and
// every output can be written where it is asked for.
#include "common/command_files.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "cli/run_cli.h"
#include "ersatz/error.h"

namespace ersatz {
namespace {

using testing::TempDir;

std::string ErrorOf(const CommandFiles& files) {
  try {
    CheckCommandFiles(files);
  } catch (const Error& e) {
    return e.what();
  }
  return "";
}

// Runs in `dir`, so that relative spellings resolve there.
class CommandFileCheck : public ::testing::Test {
 protected:
  void SetUp() override {
    old_cwd_ = std::filesystem::current_path();
    std::filesystem::current_path(dir_.path());
    dir_.Write("v.csv", "a\n1\n");
  }
  void TearDown() override { std::filesystem::current_path(old_cwd_); }
  TempDir dir_;
  std::filesystem::path old_cwd_;
};

TEST_F(CommandFileCheck, AnOutputSpelledDifferentlyFromItsInputIsRefused) {
  const std::string folder = std::filesystem::path(dir_.path()).filename().string();
  for (const std::string& spelling : std::vector<std::string>{"v.csv", "./v.csv", dir_.File("v.csv"),
                                                              "../" + folder + "/v.csv"}) {
    EXPECT_EQ(ErrorOf({.inputs = {{"v.csv", "the input file"}}, .outputs = {{spelling, "--output"}}}),
              "refusing to write --output " + spelling + ": it is the same file as the input file v.csv");
  }
}

TEST_F(CommandFileCheck, ALinkToAnInputIsTheInput) {
  std::filesystem::create_symlink("v.csv", "soft.csv");
  std::filesystem::create_hard_link("v.csv", "hard.csv");
  EXPECT_EQ(ErrorOf({.inputs = {{"v.csv", "the input file"}}, .outputs = {{"soft.csv", "-o"}}}),
            "refusing to write -o soft.csv: it is the same file as the input file v.csv");
  EXPECT_EQ(ErrorOf({.inputs = {{"v.csv", "the input file"}}, .outputs = {{"hard.csv", "-o"}}}),
            "refusing to write -o hard.csv: it is the same file as the input file v.csv");
  // A symbolic link to a folder leads to the same files as the folder.
  std::filesystem::create_directory("real");
  std::filesystem::create_directory_symlink("real", "alias");
  EXPECT_EQ(ErrorOf({.inputs = {{"real/k.key", "--key-file"}}, .outputs = {{"alias/k.key", "-o"}}}),
            "refusing to write -o alias/k.key: it is the same file as --key-file real/k.key");
}

TEST_F(CommandFileCheck, TwoOutputsOfTheSameNewFileAreRefused) {
  std::filesystem::create_directory("sub");
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"r.html", "--output"}, {"sub/../r.html", "--json"}}}),
            "--output r.html and --json sub/../r.html are the same file: give each output its own name");
  EXPECT_EQ(ErrorOf({.inputs = {{"v.csv", "the input file"}}, .outputs = {{"a.csv", "-o"}, {"b.csv", "--json"}}}),
            "");
}

TEST_F(CommandFileCheck, InputsMayNameTheSameFile) {
  EXPECT_EQ(ErrorOf({.inputs = {{"v.csv", "--real"}, {"./v.csv", "--synthetic"}}, .outputs = {{"r.html", "-o"}}}),
            "");
}

TEST_F(CommandFileCheck, AnOutputWhoseFolderIsMissingIsRefused) {
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"nowhere/out.csv", "--output"}}}),
            "--output nowhere/out.csv: the folder nowhere does not exist");
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"v.csv/out.csv", "--output"}}}),
            "--output v.csv/out.csv: v.csv is not a folder");
}

TEST_F(CommandFileCheck, AnOutputInAFolderWithoutWritePermissionIsRefused) {
  if (geteuid() == 0) GTEST_SKIP() << "root may write in any folder";
  std::filesystem::create_directory("locked");
  ::chmod("locked", 0500);
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"locked/out.csv", "--output"}}}),
            "--output locked/out.csv: cannot create a file in the folder locked: Permission denied");
  ::chmod("locked", 0700);
}

TEST_F(CommandFileCheck, AnOutputNameWithNoRoomForTheTemporarySuffixIsRefused) {
  const std::string name(250, 'n');  // a valid name, but "<name>.tmp-XXXXXX" is not
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{name, "-o"}}}),
            "-o " + name + ": cannot create a file in the folder .: File name too long");
  EXPECT_EQ(dir_.List(), std::vector<std::string>{"v.csv"});
}

TEST_F(CommandFileCheck, AnOutputThatIsAFolderOrADeviceIsRefused) {
  std::filesystem::create_directory("out");
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"out", "-o"}}}),
            "-o out: is a folder; expected the name of a file to write");
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"new/", "-o"}}}),
            "-o new/: is a folder; expected the name of a file to write");
  // Renaming a new file over /dev/null (as root) would replace the device for the whole machine.
  EXPECT_EQ(ErrorOf({.inputs = {}, .outputs = {{"/dev/null", "-o"}}}),
            "-o /dev/null: is not a regular file (a device, pipe or socket); outputs are written "
            "whole to a new file");
}

TEST_F(CommandFileCheck, AnExistingOutputAndADanglingLinkMayBeReplaced) {
  dir_.Write("old.csv", "x\n");
  std::filesystem::create_symlink("missing.csv", "dangling.csv");
  EXPECT_EQ(ErrorOf({.inputs = {{"v.csv", "the input file"}},
                     .outputs = {{"old.csv", "-o"}, {"dangling.csv", "--json"}}}),
            "");
  // The probe of each folder left nothing behind.
  EXPECT_EQ(dir_.List(), (std::vector<std::string>{"dangling.csv", "old.csv", "v.csv"}));
}

}  // namespace
}  // namespace ersatz
