#include "args.hpp"

#include <algorithm>
#include <charconv>
#include <sstream>

namespace bitlens::cli {

std::string help_text(const command_spec& spec) {
  std::ostringstream out;
  out << "Usage: bitlens " << spec.name << (spec.options.empty() ? "" : " [OPTIONS]")
      << (spec.synopsis.empty() ? "" : " " + spec.synopsis) << "\n\n"
      << spec.summary << "\n\nOptions:\n";
  for (const auto& o : spec.options) {
    std::string left = "  --" + o.name + (o.value_name.empty() ? "" : " " + o.value_name);
    out << left << std::string(left.size() < 28 ? 28 - left.size() : 1, ' ') << o.help << "\n";
  }
  out << "  --help                    show this help and exit\n";
  if (!spec.details.empty()) out << "\n" << spec.details << (spec.details.back() == '\n' ? "" : "\n");
  return out.str();
}

parsed_args parsed_args::parse(const command_spec& spec, std::span<char* const> args) {
  parsed_args p;
  for (const auto& o : spec.options) p.declared_.push_back(o.name);
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string a = args[i];
    if (a == "--help" || a == "-h") {
      p.help_ = true;
      return p;
    }
    if (a.size() > 2 && a.rfind("--", 0) == 0) {
      std::string name = a.substr(2), value;
      const auto eq = name.find('=');
      const bool inline_value = eq != std::string::npos;
      if (inline_value) value = name.substr(eq + 1), name = name.substr(0, eq);
      const option_spec* o = nullptr;
      for (const auto& s : spec.options) {
        if (s.name == name) o = &s;
      }
      if (o == nullptr) throw usage_error("unknown option '--" + name + "'");
      if (o->value_name.empty()) {
        if (inline_value) throw usage_error("option '--" + name + "' takes no value");
      } else if (!inline_value) {
        if (i + 1 >= args.size()) throw usage_error("option '--" + name + "' needs a value (" + o->value_name + ")");
        value = args[++i];
      }
      p.values_[name] = value;
    } else {
      p.positionals_.push_back(a);
    }
  }
  if (p.positionals_.size() < spec.min_positionals) {
    throw usage_error("missing argument" + std::string(spec.min_positionals - p.positionals_.size() > 1 ? "s" : "") +
                      " (expected " + spec.synopsis + ")");
  }
  if (p.positionals_.size() > spec.max_positionals) {
    throw usage_error("unexpected argument '" + p.positionals_[spec.max_positionals] + "'");
  }
  return p;
}

std::optional<std::string> parsed_args::value(const std::string& name) const {
  if (std::find(declared_.begin(), declared_.end(), name) == declared_.end()) {
    throw std::logic_error("option --" + name + " is read but not declared by the command");
  }
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string parsed_args::value_or(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

std::int64_t parsed_args::integer(const std::string& name, std::int64_t fallback, std::int64_t lo, std::int64_t hi) const {
  const auto v = value(name);
  if (!v) return fallback;
  std::int64_t x = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc{} || ptr != v->data() + v->size() || x < lo || x > hi) {
    throw usage_error("--" + name + " must be an integer from " + std::to_string(lo) + " to " + std::to_string(hi) +
                      ", got '" + *v + "'");
  }
  return x;
}

double parsed_args::real(const std::string& name, double fallback, double lo, double hi) const {
  const auto v = value(name);
  if (!v) return fallback;
  double x = 0;
  const auto [ptr, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc{} || ptr != v->data() + v->size() || !(x >= lo && x <= hi)) {
    std::ostringstream msg;
    msg << "--" << name << " must be a number from " << lo << " to " << hi << ", got '" << *v << "'";
    throw usage_error(msg.str());
  }
  return x;
}

}  // namespace bitlens::cli
