// Choosing the ring type of a circuit file at run time: the `ring` line names it, and the command's
// generic code is instantiated for each ring bitlens supports.
#pragma once

#include "args.hpp"
#include "bitlens/algebra/error.hpp"
#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/gf_pk.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/netlist.hpp"
#include "bitlens/ir/circ_format.hpp"

#include <string>

namespace bitlens::cli {

/// Calls visit(ring) with the ring named `name` (Z2, GF(p), GF(2^k[:POLY]), GF(p^k[:POLY])).
/// Throws std::invalid_argument for an unknown or invalid name.
template <class Visitor>
auto with_ring(const std::string& name, Visitor&& visit) {
  if (const auto r = z2::from_name(name)) return visit(*r);
  if (const auto r = gf_2k::from_name(name)) return visit(*r);
  if (const auto r = gf_pk::from_name(name)) return visit(*r);
  if (const auto r = gf_p::from_name(name)) return visit(*r);
  throw std::invalid_argument("unknown ring '" + name + "' (expected Z2, GF(p), GF(2^k) or GF(p^k), optionally with :POLY)");
}

/// Reads the circuit at `path` and calls visit(circuit<R>): a `.circ` file over the ring its `ring`
/// line names, or a Z2 circuit in any other format bitlens reads (.aig, .aag, .blif).
template <class Visitor>
int with_circ_file(const std::string& path, Visitor&& visit) {
  if (!has_extension(path, ".circ")) return visit(load_z2_circuit(path));
  const std::string text = read_text_file(path);
  std::size_t line = 0;
  const std::string name = circ_ring_name(text, &line);
  if (name.empty()) return visit(parse_circ<z2>(text, path));  // reports the missing ring line
  try {
    return with_ring(name, [&]<class R>(const R&) { return visit(parse_circ<R>(text, path)); });
  } catch (const std::invalid_argument& e) {
    throw input_error(path, line, e.what());
  }
}

}  // namespace bitlens::cli
