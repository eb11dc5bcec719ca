// Progress on stderr: one line rewritten in place on a terminal, plain lines otherwise (logs,
// CI), so a redirected stderr never fills with carriage returns.
#pragma once

#include <chrono>
#include <iosfwd>
#include <string>

#include "ersatz/generator.h"

namespace ersatz::cli {

class ProgressLine {
 public:
  explicit ProgressLine(std::ostream& err);
  // Shows `text`. On a terminal it replaces the previous text; otherwise it is printed as a line,
  // at most every `min_seconds` unless `force`.
  void Update(const std::string& text, bool force = false, double min_seconds = 2.0);
  // Ends the line (terminal) so later output starts on a fresh one.
  void Finish();

 private:
  std::ostream& err_;
  bool tty_;
  bool open_ = false;
  std::chrono::steady_clock::time_point last_;
  bool printed_ = false;
};

std::string FormatDuration(double seconds);  // "42 s", "3 min 05 s", "1 h 02 min"

// One line of training progress (`fit`, `audit`). With differential privacy the losses are not
// shown, as they would be a release about the private data: the ε spent so far is.
std::string FitProgressText(const FitProgress& p, bool differentially_private);

}  // namespace ersatz::cli
