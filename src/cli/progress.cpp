// The CLI's progress line on stderr and its metrics log (JSON lines, written atomically).
#include "progress.hpp"

#include <cstdio>
#include <iostream>
#include <unistd.h>

namespace bitlens::cli {

progress_line::progress_line(bool quiet, double budget_seconds)
    : quiet_(quiet), terminal_(isatty(2) != 0), budget_(budget_seconds), start_(std::chrono::steady_clock::now()) {}

double progress_line::elapsed() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void progress_line::show(const std::string& text, bool always) {
  if (quiet_) return;
  const double now = elapsed();
  if (!always && now - last_ < (terminal_ ? 0.25 : 5.0)) return;
  last_ = now;
  char clock[64];
  if (budget_ > 0) {
    std::snprintf(clock, sizeof clock, "  %.1f s, %.1f s left", now, budget_ > now ? budget_ - now : 0.0);
  } else {
    std::snprintf(clock, sizeof clock, "  %.1f s", now);
  }
  if (terminal_) {
    std::cerr << "\r\033[K" << text << clock << std::flush;
    open_ = true;
  } else {
    std::cerr << text << clock << "\n";
  }
}

void progress_line::finish() {
  if (open_) std::cerr << "\n";
  open_ = false;
}

metrics_log::metrics_log(const std::optional<std::string>& path) {
  if (path) file_ = std::make_unique<atomic_file>(*path);
}

void metrics_log::add(const nlohmann::json& record) {
  if (file_) file_->stream() << record.dump() << '\n';
}

void metrics_log::save() {
  if (file_) file_->commit();
}

}  // namespace bitlens::cli
