#include "abc.hpp"

#include "bitlens/io/file.hpp"
#include "bitlens/io/truth_table.hpp"

#include <array>
#include <cstdio>
#include <filesystem>
#include <random>

namespace bitlens::cli {
namespace {

// A temporary directory removed when it goes out of scope.
struct temp_dir {
  std::filesystem::path path;
  temp_dir() {
    std::random_device rd;
    path = std::filesystem::temp_directory_path() / ("bitlens-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path);
  }
  ~temp_dir() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
};

std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace

std::optional<std::string> run_command(const std::string& command) {
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return std::nullopt;
  std::string out;
  std::array<char, 4096> buf{};
  while (const std::size_t n = std::fread(buf.data(), 1, buf.size(), pipe)) out.append(buf.data(), n);
  const int status = ::pclose(pipe);
  if (status == -1) return std::nullopt;
  return out;
}

bool abc_available() {
  const auto out = run_command("command -v berkeley-abc");
  return out && !out->empty();
}

abc_check abc_cec(const aig& g, const bit_dataset& table, const std::string* truth_path) {
  if (!abc_available()) return {false, false, "berkeley-abc is not installed; ABC check skipped"};
  if (!table.is_complete_table() || !table.fully_specified()) {
    return {false, false, "the table has don't-cares or is not a complete table; ABC cec check skipped"};
  }
  temp_dir dir;
  const std::string aig_path = (dir.path / "learned.aig").string();
  write_file_atomic(aig_path, format_aig_binary(g));
  const std::string truth = truth_path != nullptr ? std::filesystem::absolute(*truth_path).string() : (dir.path / "table.truth").string();
  if (truth_path == nullptr) write_file_atomic(truth, format_truth(table));
  const std::string script = "read_truth -xf " + truth + "; cec -n " + aig_path;
  const auto out = run_command("cd " + shell_quote(dir.path.string()) + " && berkeley-abc -c " + shell_quote(script));
  if (!out) return {false, false, "could not run berkeley-abc"};
  if (out->find("Networks are equivalent") != std::string::npos) return {true, true, "Networks are equivalent"};
  const auto pos = out->find("Networks are NOT EQUIVALENT");
  if (pos != std::string::npos) return {true, false, "Networks are NOT EQUIVALENT"};
  return {true, false, "unexpected ABC output: " + out->substr(0, 300)};
}

abc_optimized abc_optimize(const aig& g) {
  if (!abc_available()) return {false, aig{}, "berkeley-abc is not installed"};
  temp_dir dir;
  const std::string in = (dir.path / "in.aig").string(), out = (dir.path / "out.aig").string();
  write_file_atomic(in, format_aig_binary(g));
  const std::string script = "read " + in + "; strash; dc2; if -K 6; mfs2; strash; dc2; write_aiger " + out;
  const auto log = run_command("cd " + shell_quote(dir.path.string()) + " && berkeley-abc -c " + shell_quote(script));
  std::error_code ec;
  if (!log || !std::filesystem::exists(out, ec)) return {false, aig{}, "ABC did not write a result"};
  aig result = parse_aiger(read_text_file(out), out);
  if (result.num_inputs() != g.num_inputs() || result.num_outputs() != g.num_outputs()) {
    return {false, aig{}, "ABC's result has a different interface"};
  }
  result.input_names = g.input_names;
  result.output_names = g.output_names;
  return {true, std::move(result), "ABC strash; dc2; if -K 6; mfs2; strash; dc2"};
}

}  // namespace bitlens::cli
