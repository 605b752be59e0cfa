// forward_derivative(f): the circuit F[f] — (x, dx) ↦ (f(x), J_f(x)·dx) — obtained by evaluating f
// over the dual numbers R[ε]/(ε²): every wire v becomes a pair (v, dv) with
//   add: d(a+b) = da + db     mul: d(a·b) = a·db + b·da     neg: d(−a) = −da     const: dc = 0.
// With reverse_derivative it gives the adjoint identity ⟨R[f](x,δy), dx⟩ = ⟨δy, J_f(x)·dx⟩, which
// holds exactly for every circuit over every ring.
#pragma once

#include "bitlens/ir/builder.hpp"

#include <string>
#include <vector>

namespace bitlens {

/// F[f] as a parametrised circuit with the same parameters as f:
///   inputs  = x (f's inputs), then dx (one per input), then dp (one per parameter);
///   params  = p (f's parameters);
///   outputs = f(x, p), then J_f(x, p)·(dx, dp).
/// Built through the simplifying builder, with dead code removed.
template <ring R>
circuit<R> forward_derivative(const circuit<R>& f) {
  circuit_builder<R> b(f.ring());
  std::vector<wire> val(f.num_wires()), tan(f.num_wires());
  for (std::size_t i = 0; i < f.num_inputs(); ++i) val[i] = b.input(f.wire_name(f.input(i)));
  for (std::size_t i = 0; i < f.num_inputs(); ++i) tan[i] = b.input("dx" + std::to_string(i));
  for (std::size_t j = 0; j < f.num_params(); ++j) tan[f.param(j)] = b.input("dp" + std::to_string(j));
  for (std::size_t j = 0; j < f.num_params(); ++j) val[f.param(j)] = b.param(f.wire_name(f.param(j)));
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    const wire w = f.node_wire(k);
    switch (nd.kind) {
      case op::add:
        val[w] = b.add(val[nd.a], val[nd.b]);
        tan[w] = b.add(tan[nd.a], tan[nd.b]);
        break;
      case op::mul:
        val[w] = b.mul(val[nd.a], val[nd.b]);
        tan[w] = b.add(b.mul(val[nd.a], tan[nd.b]), b.mul(val[nd.b], tan[nd.a]));
        break;
      case op::neg:
        val[w] = b.neg(val[nd.a]);
        tan[w] = b.neg(tan[nd.a]);
        break;
      case op::constant:
        val[w] = b.constant(nd.value);
        tan[w] = b.zero();
        break;
    }
  }
  for (std::size_t k = 0; k < f.num_outputs(); ++k) b.output(val[f.output(k)], f.output_name(k));
  for (std::size_t k = 0; k < f.num_outputs(); ++k) b.output(tan[f.output(k)]);
  return b.build(build_params{.prune = true});
}

}  // namespace bitlens
