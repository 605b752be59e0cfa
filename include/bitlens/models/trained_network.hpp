// A trained LUT network as data — its architecture (with the wiring seed that rebuilds it) and its
// parameter bits — and the text format `bitlens learn --save-params` writes and `--resume` reads:
//     # bitlens parameters
//     arch 4:8,4        (lut_network_params as architecture_string writes it)
//     wiring cover      (or random)
//     skip 0            (or 1)
//     seed 1
//     params 0110…      (one character per parameter bit)
#pragma once

#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/models/lut_network.hpp"

#include <cstddef>
#include <string>
#include <string_view>

namespace bitlens {

/// A LUT network's architecture and trained parameters.
struct trained_network {
  lut_network_params network;
  bitvec bits;
};

/// The parameter file's text for `t`.
std::string format_trained_network(const trained_network& t);

/// What parse_trained_network read, and where its bits were (for messages about them).
struct parsed_trained_network {
  trained_network trained;
  std::size_t params_line = 0;  // the line of its `params`
};

/// Parses a parameter file's text; blank lines and lines starting with '#' are skipped. Throws
/// input_error ("source:line: what is wrong") on an unknown key, a bad value, or a missing `arch` or
/// `params` line. The number of bits is not checked against the architecture here: that needs the
/// data's input and output counts.
parsed_trained_network parse_trained_network(std::string_view text, const std::string& source);

}  // namespace bitlens
