// The HTML report as a browser shows it: headless Chromium loads the file (offline), runs its
// script, and the page marks on <body> how many charts drew pixels and whether a script error
// occurred; any console message fails the test too.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <unistd.h>

#include <cstdlib>
#include <regex>

#include "cli/report_fixture.h"
#include "cli/run_cli.h"

namespace ersatz::testing {
namespace {

std::string FindChromium() {
  for (const char* path : {"/usr/bin/chromium", "/usr/bin/chromium-browser"}) {
    if (access(path, X_OK) == 0) return path;
  }
  return "";
}

std::string BodyAttribute(const std::string& dom, const std::string& name) {
  const std::regex re("<body[^>]*\\s" + name + "=\"([^\"]*)\"");
  std::smatch m;
  return std::regex_search(dom, m, re) ? m[1].str() : "(absent)";
}

TEST(ReportRender, ChartsDrawInHeadlessChromiumWithoutConsoleErrors) {
  const std::string chromium = FindChromium();
  if (chromium.empty()) GTEST_SKIP() << "chromium is not installed (scripts/install-deps.sh installs it)";
  TempDir dir;
  const ReportInputs in = WriteReportInputs(dir);
  const std::string html = dir.File("report.html");
  const auto r = RunCli({"report", "--real", in.real, "--synthetic", in.synthetic, "--holdout",
                         in.holdout, "--target", "label", "-o", html});
  ASSERT_EQ(r.exit_code, 0) << r.err;

  // Fresh profile, no network services; root needs --no-sandbox.
  const std::string command = fmt::format(
      "timeout 120 {} --headless --no-sandbox --disable-gpu --no-first-run "
      "--disable-background-networking --disable-component-update --disable-sync "
      "--user-data-dir={} --enable-logging=stderr --v=0 --dump-dom file://{} >{} 2>{}",
      chromium, dir.File("profile"), html, dir.File("dom.html"), dir.File("chromium.log"));
  ASSERT_EQ(std::system(command.c_str()), 0) << ReadText(dir.File("chromium.log"));
  const std::string dom = ReadText(dir.File("dom.html"));
  const std::string log = ReadText(dir.File("chromium.log"));

  EXPECT_EQ(BodyAttribute(dom, "data-charts-expected"), "4");  // one per column
  EXPECT_EQ(BodyAttribute(dom, "data-charts-rendered"), "4");
  EXPECT_EQ(BodyAttribute(dom, "data-errors"), "0");
  EXPECT_NE(dom.find("<title>ersatz evaluation report — charts ready</title>"), std::string::npos);
  EXPECT_EQ(log.find("CONSOLE"), std::string::npos) << log;
}

}  // namespace
}  // namespace ersatz::testing
