#include "cli/progress.h"

#include <fmt/format.h>
#include <unistd.h>

#include <cmath>
#include <iostream>

namespace ersatz::cli {

ProgressLine::ProgressLine(std::ostream& err)
    : err_(err), tty_(&err == &std::cerr && isatty(STDERR_FILENO) == 1) {}

void ProgressLine::Update(const std::string& text, bool force, double min_seconds) {
  const auto now = std::chrono::steady_clock::now();
  if (tty_) {
    err_ << "\r\033[K" << text << std::flush;
    open_ = true;
    return;
  }
  if (!force && printed_ && std::chrono::duration<double>(now - last_).count() < min_seconds) return;
  err_ << text << "\n";
  last_ = now;
  printed_ = true;
}

void ProgressLine::Finish() {
  if (open_) err_ << "\n";
  open_ = false;
}

std::string FormatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return "?";
  const auto s = static_cast<long long>(std::llround(seconds));
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {:02} s", s / 60, s % 60);
  return fmt::format("{} h {:02} min", s / 3600, (s % 3600) / 60);
}

std::string FitProgressText(const FitProgress& p, bool differentially_private) {
  if (!p.phase.empty()) return p.phase;
  if (differentially_private) {
    return fmt::format("epoch {}/{}  ε spent {:.3f}  {:.0f} rows/s  elapsed {}  eta ≤ {}", p.epoch,
                       p.max_epochs, p.epsilon_spent, p.rows_per_second,
                       FormatDuration(p.elapsed_seconds), FormatDuration(p.eta_seconds));
  }
  return fmt::format("epoch {}/{}  train loss {:.4f}  validation loss {:.4f}{}  {:.0f} rows/s  "
                     "elapsed {}  eta ≤ {}",
                     p.epoch, p.max_epochs, p.train_loss, p.validation_loss,
                     p.improved ? " *" : "  ", p.rows_per_second, FormatDuration(p.elapsed_seconds),
                     FormatDuration(p.eta_seconds));
}

}  // namespace ersatz::cli
