// The CLI's option declarations: parsing, value checks and --help text.
#include "args.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <charconv>
#include <sstream>

namespace bitlens::cli {

namespace {

std::string join_choices(const std::vector<std::string>& words) {
  std::string s;
  for (std::size_t i = 0; i < words.size(); ++i) {
    s += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
  }
  return s;
}

template <class T>
bool parse_number(const std::string& v, T& x) {
  const auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), x);
  return ec == std::errc{} && ptr == v.data() + v.size();
}

}  // namespace

std::string value_check::problem(const std::string& option, const std::string& value) const {
  std::ostringstream msg;
  switch (what) {
    case kind::text:
      return {};
    case kind::integer: {
      std::int64_t x = 0;
      if (parse_number(value, x) && x >= int_lo && x <= int_hi) return {};
      msg << option << " must be an integer from " << int_lo << " to " << int_hi << ", got '" << value << "'";
      break;
    }
    case kind::real: {
      double x = 0;
      if (parse_number(value, x) && x >= real_lo && x <= real_hi) return {};
      msg << option << " must be a number from " << real_lo << " to " << real_hi << ", got '" << value << "'";
      break;
    }
    case kind::choice:
      if (std::find(choices.begin(), choices.end(), value) != choices.end()) return {};
      msg << option << " must be " << join_choices(choices) << ", got '" << value << "'";
      break;
  }
  return msg.str();
}

char short_name(const std::string& long_name) {
  if (long_name == "out") return 'o';
  if (long_name == "quiet") return 'q';
  if (long_name == "threads") return 'j';
  if (long_name == "seed") return 's';
  return 0;
}

std::string help_text(const command_spec& spec) {
  std::ostringstream out;
  out << "Usage: bitlens " << spec.name << " [OPTIONS]" << (spec.synopsis.empty() ? "" : " " + spec.synopsis) << "\n\n"
      << spec.summary << "\n\nOptions:\n";
  const auto row = [&](const std::string& left, const std::string& help) {
    out << left << std::string(left.size() < 30 ? 30 - left.size() : 1, ' ') << help << "\n";
  };
  for (const auto& o : spec.options) {
    const char s = short_name(o.name);
    std::string left = std::string(s ? std::string("  -") + s + ", " : "      ") + "--" + o.name;
    if (!o.value_name.empty()) left += " " + o.value_name;
    std::string help = o.help;
    if (o.check.what == value_check::kind::choice && help.find(o.check.choices.front()) == std::string::npos) {
      help += " (" + join_choices(o.check.choices) + ")";
    }
    row(left, help);
  }
  row("      --json", "print the results as one JSON object on standard output (the report goes to standard error)");
  row("  -h, --help", "show this help and exit");
  if (!spec.details.empty()) out << "\n" << spec.details << (spec.details.back() == '\n' ? "" : "\n");
  return out.str();
}

parsed_args parsed_args::parse(const command_spec& spec, std::span<char* const> args) {
  parsed_args p;
  p.declared_ = spec.options;
  CLI::App app{spec.summary, "bitlens " + spec.name};
  app.set_help_flag("-h,--help");
  app.allow_extras(false);
  std::string failure;  // our own message for a value that fails its check
  std::map<std::string, CLI::Option*> given;
  for (const auto& o : spec.options) {
    const char s = short_name(o.name);
    const std::string names = "--" + o.name + (s ? std::string(",-") + s : "");
    if (o.value_name.empty()) {
      given[o.name] = app.add_flag(names)->disable_flag_override();
      continue;
    }
    const auto check = o.check;
    const std::string option = "--" + o.name;
    CLI::Validator v(
        [check, option, &failure](std::string& value) {
          std::string why = check.problem(option, value);
          if (!why.empty() && failure.empty()) failure = why;
          return why;
        },
        "");
    given[o.name] = app.add_option(names, p.values_[o.name])->type_name(o.value_name)->check(v);
  }
  CLI::Option* json = app.add_flag("--json")->disable_flag_override();
  app.add_option("arguments", p.positionals_);
  std::vector<std::string> argv(args.begin(), args.end());
  std::reverse(argv.begin(), argv.end());  // CLI11 takes the arguments last-first
  try {
    app.parse(argv);
  } catch (const CLI::CallForHelp&) {
    p.help_ = true;
    return p;
  } catch (const CLI::ValidationError& e) {
    throw usage_error(failure.empty() ? e.what() : failure);
  } catch (const CLI::ExtrasError& e) {
    const auto extras = app.remaining();
    const std::string first = extras.empty() ? e.what() : extras.front();
    throw usage_error(first.rfind("-", 0) == 0 ? "unknown option '" + first + "'" : "unexpected argument '" + first + "'");
  } catch (const CLI::ArgumentMismatch& e) {
    // CLI11 names the option first ("--out: 1 required FILE missing", "quiet was given a disallowed
    // flag override"); the message is ours.
    std::string what = e.what();
    std::string name = what.substr(0, what.find_first_of(": "));
    name.erase(0, name.find_first_not_of('-'));
    for (const auto& o : spec.options) {
      if (o.name != name) continue;
      if (what.find("received") != std::string::npos) throw usage_error("option '--" + name + "' given more than once");
      throw usage_error(o.value_name.empty() ? "option '--" + name + "' takes no value"
                                             : "option '--" + name + "' needs a value (" + o.value_name + ")");
    }
    throw usage_error(what);
  } catch (const CLI::ParseError& e) {
    throw usage_error(e.what());
  }
  p.json_ = json->count() > 0;
  for (auto it = p.values_.begin(); it != p.values_.end();) {
    it = given[it->first]->count() == 0 ? p.values_.erase(it) : std::next(it);
  }
  for (const auto& [name, opt] : given) {
    if (opt->count() > 0 && !p.values_.count(name)) p.values_[name] = "";  // a flag
  }
  if (p.positionals_.size() < spec.min_positionals) {
    throw usage_error("missing argument" + std::string(spec.min_positionals - p.positionals_.size() > 1 ? "s" : "") +
                      " (expected " + spec.synopsis + ")");
  }
  if (p.positionals_.size() > spec.max_positionals) {
    throw usage_error("unexpected argument '" + p.positionals_[spec.max_positionals] + "'");
  }
  if (spec.mode != nullptr) {
    const std::string mode = spec.mode(p);
    for (const auto& o : spec.options) {
      if (p.values_.count(o.name) && !o.modes.empty() && std::find(o.modes.begin(), o.modes.end(), mode) == o.modes.end()) {
        throw usage_error("--" + o.name + " does not apply " + spec.mode_phrase(mode));
      }
    }
  }
  return p;
}

const option_spec& parsed_args::declared(const std::string& name) const {
  for (const auto& o : declared_) {
    if (o.name == name) return o;
  }
  throw std::logic_error("option --" + name + " is read but not declared by the command");
}

std::optional<std::string> parsed_args::value(const std::string& name) const {
  declared(name);
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string parsed_args::value_or(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

std::int64_t parsed_args::integer(const std::string& name, std::int64_t fallback) const {
  if (declared(name).check.what != value_check::kind::integer) {
    throw std::logic_error("option --" + name + " is read as an integer but not declared as one");
  }
  const auto v = value(name);
  std::int64_t x = fallback;
  if (v && !parse_number(*v, x)) throw std::logic_error("option --" + name + " passed its check but is not an integer");
  return x;
}

double parsed_args::real(const std::string& name, double fallback) const {
  if (declared(name).check.what != value_check::kind::real) {
    throw std::logic_error("option --" + name + " is read as a number but not declared as one");
  }
  const auto v = value(name);
  double x = fallback;
  if (v && !parse_number(*v, x)) throw std::logic_error("option --" + name + " passed its check but is not a number");
  return x;
}

}  // namespace bitlens::cli
