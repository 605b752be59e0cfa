// What a person sees while a command works, and what a program reads afterwards: one progress line
// on standard error, and metrics as JSON lines for `bitlens plot`.
#pragma once

#include "bitlens/io/file.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <optional>
#include <string>

namespace bitlens::cli {

/// One line of progress on standard error. In a terminal it is redrawn in place at most four times a
/// second; in a pipe or a file, plain lines come at most one every five seconds. Each line ends with
/// the elapsed time and, under a budget, the time left.
class progress_line {
 public:
  /// budget_seconds <= 0: no budget (no time left is shown).
  progress_line(bool quiet, double budget_seconds);
  /// Shows text (now, if `always`; otherwise when the rate allows).
  void show(const std::string& text, bool always = false);
  /// Ends the redrawn line, so that later output starts on a line of its own.
  void finish();
  /// Seconds since construction.
  double elapsed() const;

 private:
  bool quiet_, terminal_;
  double budget_;
  std::chrono::steady_clock::time_point start_;
  double last_ = -1e300;
  bool open_ = false;
};

/// Metrics as JSON lines (one object per record), written as they come to a temporary file that
/// replaces the file when the command has finished (save()): a failed command leaves an existing
/// file as it was.
class metrics_log {
 public:
  explicit metrics_log(const std::optional<std::string>& path);
  bool enabled() const noexcept { return file_ != nullptr; }
  void add(const nlohmann::json& record);
  /// Puts the file in place. Does nothing when disabled.
  void save();

 private:
  std::unique_ptr<atomic_file> file_;
};

}  // namespace bitlens::cli
