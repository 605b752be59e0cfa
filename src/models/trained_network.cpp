// The parameter-file format of trained LUT networks (trained_network.hpp).
#include "bitlens/models/trained_network.hpp"

#include "bitlens/algebra/error.hpp"

#include <charconv>
#include <sstream>
#include <stdexcept>

namespace bitlens {

std::string format_trained_network(const trained_network& t) {
  std::ostringstream out;
  out << "# bitlens parameters\narch " << architecture_string(t.network) << "\nwiring "
      << (t.network.wiring == wiring_kind::cover ? "cover" : "random") << "\nskip " << (t.network.skip ? 1 : 0) << "\nseed "
      << t.network.seed << "\nparams " << t.bits.to_string() << "\n";
  return out.str();
}

namespace {

// Sets the field of `key` from `value` (std::invalid_argument saying what is wrong).
void read_entry(trained_network& t, const std::string& key, const std::string& value, bool& have_arch, bool& have_bits) {
  if (key == "arch") {
    t.network = parse_architecture(value), have_arch = true;
  } else if (key == "wiring") {
    if (value != "random" && value != "cover") throw std::invalid_argument("wiring must be cover or random, got '" + value + "'");
    t.network.wiring = value == "random" ? wiring_kind::random : wiring_kind::cover;
  } else if (key == "skip") {
    if (value != "0" && value != "1") throw std::invalid_argument("skip must be 0 or 1, got '" + value + "'");
    t.network.skip = value == "1";
  } else if (key == "seed") {
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t.network.seed);
    if (value.empty() || ec != std::errc{} || end != value.data() + value.size()) {
      throw std::invalid_argument("seed must be a whole number from 0 to 2^64 - 1, got '" + value + "'");
    }
  } else if (key == "params") {
    const auto bad = value.find_first_not_of("01");
    if (bad != std::string::npos) {
      throw std::invalid_argument("params must be 0s and 1s; character " + std::to_string(bad + 1) + " is '" + value.substr(bad, 1) + "'");
    }
    t.bits = bitvec::from_string(value), have_bits = true;
  } else {
    throw std::invalid_argument("unknown key '" + key + "'");
  }
}

}  // namespace

parsed_trained_network parse_trained_network(std::string_view text, const std::string& source) {
  std::istringstream in{std::string(text)};
  parsed_trained_network out;
  bool have_arch = false, have_bits = false;
  std::size_t line_no = 0;
  for (std::string line; std::getline(in, line);) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    std::istringstream ls(line);
    std::string key, value;
    ls >> key >> value;
    try {
      read_entry(out.trained, key, value, have_arch, have_bits);
      if (key == "params") out.params_line = line_no;
    } catch (const std::exception& e) {
      throw input_error(source, line_no, e.what());
    }
  }
  if (!have_arch || !have_bits) throw input_error(source, 0, "missing 'arch' or 'params' line (not a bitlens parameter file?)");
  return out;
}

}  // namespace bitlens
