// lower_to_bits: a GF(2^k) circuit as a Z2 circuit, so that GF(2^k) models run on the bit-parallel
// kernels. Every GF(2^k) wire becomes k bit-wires (bit i = the coefficient of x^i): add is k XORs,
// neg is nothing, a constant is its bits, and mul is the schoolbook carry-less product (k² ANDs)
// followed by reduction by the modulus (x^k = the modulus's lower part). Wire j of the original
// becomes bits j·k … j·k + k − 1 of the lowered circuit, for inputs, parameters and outputs alike.
#pragma once

#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/builder.hpp"

#include <string>
#include <vector>

namespace bitlens {

/// The Z2 circuit computing f on bit vectors (see the file comment); simplified.
inline circuit<z2> lower_to_bits(const circuit<gf_2k>& f) {
  const gf_2k& r = f.ring();
  const unsigned k = r.degree();
  circuit_builder<z2> b;
  std::vector<std::vector<wire>> bits(f.num_wires());
  auto name = [&](wire w, unsigned i) {
    const auto& n = f.wire_name(w);
    return (n.empty() ? "w" + std::to_string(w) : n) + "[" + std::to_string(i) + "]";
  };
  for (wire w = 0; w < f.num_sources(); ++w) {
    for (unsigned i = 0; i < k; ++i) bits[w].push_back(f.is_param(w) ? b.param(name(w, i)) : b.input(name(w, i)));
  }
  for (std::size_t n = 0; n < f.num_nodes(); ++n) {
    const auto& nd = f.nodes()[n];
    auto& out = bits[f.node_wire(n)];
    switch (nd.kind) {
      case op::constant:
        for (unsigned i = 0; i < k; ++i) out.push_back((nd.value >> i) & 1U ? b.one() : b.zero());
        break;
      case op::neg: out = bits[nd.a]; break;
      case op::add:
        for (unsigned i = 0; i < k; ++i) out.push_back(b.add(bits[nd.a][i], bits[nd.b][i]));
        break;
      case op::mul: {
        std::vector<wire> prod(2 * k - 1, b.zero());
        for (unsigned i = 0; i < k; ++i) {
          for (unsigned j = 0; j < k; ++j) prod[i + j] = b.add(prod[i + j], b.mul(bits[nd.a][i], bits[nd.b][j]));
        }
        for (unsigned t = 2 * k - 2; t >= k; --t) {  // x^t = x^(t−k) · (modulus lower part)
          for (unsigned s = 0; s < k; ++s) {
            if ((r.modulus_low() >> s) & 1U) prod[t - k + s] = b.add(prod[t - k + s], prod[t]);
          }
        }
        out.assign(prod.begin(), prod.begin() + k);
        break;
      }
    }
  }
  for (std::size_t o = 0; o < f.num_outputs(); ++o) {
    for (unsigned i = 0; i < k; ++i) {
      const auto& on = f.output_name(o);
      b.output(bits[f.output(o)][i], (on.empty() ? "y" + std::to_string(o) : on) + "[" + std::to_string(i) + "]");
    }
  }
  return b.build(build_params{.prune = true});
}

}  // namespace bitlens
