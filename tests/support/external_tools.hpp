// Helpers for tests that call external tools (berkeley-abc, yosys) as independent checkers.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace bitlens::test {

/// Whether `name` is on the PATH.
inline bool tool_available(const std::string& name) {
  return std::system(("command -v " + name + " >/dev/null 2>&1").c_str()) == 0;
}

/// Runs a shell command with its output discarded; true when it exits 0.
inline bool run_quiet(const std::string& command) { return std::system((command + " >/dev/null 2>&1").c_str()) == 0; }

/// The standard output and error of a shell command.
inline std::string run_capture(const std::string& command) {
  std::string out;
  if (FILE* p = ::popen((command + " 2>&1").c_str(), "r")) {
    char buf[4096];
    while (const std::size_t n = std::fread(buf, 1, sizeof buf, p)) out.append(buf, n);
    ::pclose(p);
  }
  return out;
}

/// ABC's verdict: `read_truth -xf TRUTH; cec -n CIRCUIT` says "Networks are equivalent".
/// ABC exits 0 either way, so the output is what counts.
inline bool abc_says_equivalent(const std::string& truth, const std::string& circuit) {
  const auto out = run_capture("berkeley-abc -c 'read_truth -xf " + truth + "; cec -n " + circuit + "'");
  return out.find("Networks are equivalent") != std::string::npos;
}

/// A temporary directory, removed with everything in it at the end of its scope.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("bitlens-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  std::string file(const std::string& name) const { return (path / name).string(); }
};

}  // namespace bitlens::test
