// Running the external tools bitlens drives (berkeley-abc, gnuplot) from a temporary directory.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace bitlens::cli {

/// Runs a shell command and returns its standard output and error; nullopt when it cannot start.
std::optional<std::string> run_command(const std::string& command);

/// `s` quoted for the shell, whatever characters it holds.
std::string shell_quote(const std::string& s);

/// Whether `program` is on the PATH.
bool on_path(const std::string& program);

/// A fresh temporary directory, removed with everything in it when this goes out of scope.
struct temp_dir {
  std::filesystem::path path;
  temp_dir();
  ~temp_dir();
  temp_dir(const temp_dir&) = delete;
  temp_dir& operator=(const temp_dir&) = delete;
};

}  // namespace bitlens::cli
