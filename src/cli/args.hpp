// Command-line parsing for the bitlens subcommands: each command declares its positionals and
// options once; --help text and error messages come from that one declaration.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitlens::cli {

/// Bad usage of a command: reported with a pointer to --help, exit code 2.
struct usage_error : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct option_spec {
  std::string name;        // without the leading "--"
  std::string value_name;  // empty: a flag that takes no value
  std::string help;
};

struct command_spec {
  std::string name;
  std::string synopsis;  // e.g. "CIRCUIT INPUTS"
  std::string summary;   // one line
  std::size_t min_positionals = 0;
  std::size_t max_positionals = 0;
  std::vector<option_spec> options;
  std::string details;  // paragraphs after the option list
};

/// The --help text of a command.
std::string help_text(const command_spec& spec);

/// Parsed arguments of one command.
class parsed_args {
 public:
  /// Parses args (after the command name). Throws usage_error on unknown options, missing values
  /// or a wrong number of positionals (unless --help was given).
  static parsed_args parse(const command_spec& spec, std::span<char* const> args);

  bool help() const noexcept { return help_; }
  const std::vector<std::string>& positionals() const noexcept { return positionals_; }
  /// Whether flag --name was given. Like every accessor, std::logic_error for a name the
  /// command's spec does not declare (a typo in the program, not the user's mistake).
  bool flag(const std::string& name) const { return value(name).has_value(); }
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const;
  /// An integer option in [lo, hi]; usage_error when it is not one.
  std::int64_t integer(const std::string& name, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const;
  /// A real option in [lo, hi]; usage_error when it is not one.
  double real(const std::string& name, double fallback, double lo, double hi) const;

 private:
  bool help_ = false;
  std::vector<std::string> declared_;  // the option names of the spec
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> values_;
};

}  // namespace bitlens::cli
