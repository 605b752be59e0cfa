// Command-line parsing for the bitlens subcommands: each command declares its positionals and
// options once, with what each value must be; CLI11 parses and checks them against that one
// declaration before the command does any work, and --help text comes from it too.
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

/// What the value of an option must be. Checked while parsing, so a bad value stops the command
/// before it reads a file or starts training.
struct value_check {
  enum class kind { text, integer, real, choice };
  kind what = kind::text;
  std::int64_t int_lo = 0, int_hi = 0;  // integer: the closed range
  double real_lo = 0, real_hi = 0;      // real: the closed range
  std::vector<std::string> choices;     // choice: the accepted words

  /// The error for `value`, or an empty string when it is acceptable. `option` is "--name".
  std::string problem(const std::string& option, const std::string& value) const;
};

/// Any text (a file name, an architecture, ...).
inline value_check any_text() { return {}; }
/// A whole number in [lo, hi].
inline value_check integer_in(std::int64_t lo, std::int64_t hi) { return {value_check::kind::integer, lo, hi, 0, 0, {}}; }
/// A real number in [lo, hi].
inline value_check real_in(double lo, double hi) { return {value_check::kind::real, 0, 0, lo, hi, {}}; }
/// One of the given words.
inline value_check one_of(std::vector<std::string> words) { return {value_check::kind::choice, 0, 0, 0, 0, std::move(words)}; }

struct option_spec {
  std::string name;        // without the leading "--"
  std::string value_name;  // empty: a flag that takes no value
  std::string help;
  value_check check = {};
  /// The modes of the command this option applies to (see command_spec::mode); empty: every mode.
  std::vector<std::string> modes = {};
};

class parsed_args;

struct command_spec {
  std::string name;
  std::string synopsis;  // e.g. "CIRCUIT INPUTS"
  std::string summary;   // one line
  std::size_t min_positionals = 0;
  std::size_t max_positionals = 0;
  std::vector<option_spec> options;
  std::string details;  // paragraphs after the option list
  /// For a command with modes (classify's action, learn with or without --field): the mode of a
  /// parsed command line and how to name it in an error ("to 'classify test'"). An option given
  /// outside its modes is a usage error. Null: one mode.
  std::string (*mode)(const parsed_args&) = nullptr;
  std::string (*mode_phrase)(const std::string& mode) = nullptr;
};

/// The --help text of a command.
std::string help_text(const command_spec& spec);

/// Short names every command that declares the long option accepts (-o FILE, -q, -j N, -s N).
char short_name(const std::string& long_name);

/// Parsed arguments of one command.
class parsed_args {
 public:
  /// Parses args (after the command name) with CLI11. Throws usage_error on unknown options,
  /// missing values, values that fail their check, options outside their mode or a wrong number
  /// of positionals (unless --help was given). `--json` is accepted by every command.
  static parsed_args parse(const command_spec& spec, std::span<char* const> args);

  bool help() const noexcept { return help_; }
  /// Whether --json was given: results as one JSON object on standard output.
  bool json() const noexcept { return json_; }
  const std::vector<std::string>& positionals() const noexcept { return positionals_; }
  /// Whether flag --name was given. Like every accessor, std::logic_error for a name the
  /// command's spec does not declare (a typo in the program, not the user's mistake).
  bool flag(const std::string& name) const { return value(name).has_value(); }
  std::optional<std::string> value(const std::string& name) const;
  std::string value_or(const std::string& name, const std::string& fallback) const;
  /// An integer option (declared with integer_in, so already checked), or fallback when absent.
  std::int64_t integer(const std::string& name, std::int64_t fallback) const;
  /// A real option (declared with real_in, so already checked), or fallback when absent.
  double real(const std::string& name, double fallback) const;

 private:
  const option_spec& declared(const std::string& name) const;

  bool help_ = false;
  bool json_ = false;
  std::vector<option_spec> declared_;
  std::vector<std::string> positionals_;
  std::map<std::string, std::string> values_;
};

}  // namespace bitlens::cli
