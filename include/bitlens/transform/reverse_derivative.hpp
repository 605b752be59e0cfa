// reverse_derivative(f): the circuit R[f] — (x, δy) ↦ J_f(x)ᵀ·δy — built by replaying f and then
// walking its nodes backwards, emitting adjoint nodes:
//   add(a,b): δa += δv, δb += δv      mul(a,b): δa += b·δv, δb += a·δv
//   neg(a):   δa += −δv               const:    nothing
// A wire used k times sums its k adjoints (the reverse of copy is add); an unused wire has adjoint
// zero (the reverse of discard is zero). This is the derivative of the *circuit*: over Z2, x·x has
// derivative 2x = 0 although x·x = x as a function.
#pragma once

#include "bitlens/ir/builder.hpp"

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bitlens {

/// Which sources R[f] differentiates with respect to.
enum class wrt : std::uint8_t { all, inputs, params };

/// Options of reverse_derivative.
struct reverse_params {
  wrt respect_to = wrt::all;
  /// Build through the simplifying builder and remove dead code (the default); false keeps every
  /// adjoint node, which shows the raw cost of the transform.
  bool simplify = true;
};

/// The reverse sweep of f appended to builder b: `forward[w]` is the wire of b carrying f's wire w
/// (from replaying f into b with append_forward, builder.hpp), `cotangents[k]` the wire of b carrying the
/// cotangent of output k (std::nullopt: zero). Returns the adjoint of every source of f (inputs,
/// then parameters) — std::nullopt where it is zero. This is the put of the model lens; composite
/// lenses (model ; loss) call it with the loss's cotangents.
template <ring R>
std::vector<std::optional<wire>> append_reverse_sweep(circuit_builder<R>& b, const circuit<R>& f,
                                                      std::span<const wire> forward,
                                                      std::span<const std::optional<wire>> cotangents) {
  std::vector<std::optional<wire>> adj(f.num_wires());
  auto accumulate = [&](wire w, wire v) { adj[w] = adj[w] ? b.add(*adj[w], v) : v; };
  for (std::size_t k = 0; k < f.num_outputs(); ++k) {
    if (cotangents[k]) accumulate(f.output(k), *cotangents[k]);
  }
  for (std::size_t k = f.num_nodes(); k-- > 0;) {
    const auto& slot = adj[f.node_wire(k)];
    if (!slot) continue;
    const wire dv = *slot;
    const auto& nd = f.nodes()[k];
    switch (nd.kind) {
      case op::add: accumulate(nd.a, dv); accumulate(nd.b, dv); break;
      case op::mul: accumulate(nd.a, b.mul(forward[nd.b], dv)); accumulate(nd.b, b.mul(forward[nd.a], dv)); break;
      case op::neg: accumulate(nd.a, b.neg(dv)); break;
      case op::constant: break;
    }
  }
  adj.resize(f.num_sources());
  return adj;
}

/// R[f] as a parametrised circuit with the same parameters as f:
///   inputs  = f's inputs x, then one cotangent δy_k per output of f;
///   params  = f's parameters p;
///   outputs = δx (one per input of f, when differentiating with respect to inputs), then
///             δp (one per parameter, when with respect to parameters).
template <ring R>
circuit<R> reverse_derivative(const circuit<R>& f, reverse_params rp = {}) {
  circuit_builder<R> b(f.ring(), builder_params{.simplify = rp.simplify});
  // Names are built with append (not "literal" + string, which trips GCC 12's -Wrestrict).
  auto adjoint_name = [](const std::string& nm, const char* stem, std::size_t index) {
    std::string out = "d_";
    out.append(nm.empty() ? stem + std::to_string(index) : nm);
    return out;
  };
  std::vector<wire> x, p;
  std::vector<std::optional<wire>> dy;
  for (std::size_t i = 0; i < f.num_inputs(); ++i) x.push_back(b.input(f.wire_name(f.input(i))));
  for (std::size_t k = 0; k < f.num_outputs(); ++k) dy.push_back(b.input(adjoint_name(f.output_name(k), "y", k)));
  for (std::size_t j = 0; j < f.num_params(); ++j) p.push_back(b.param(f.wire_name(f.param(j))));
  const auto forward = append_forward(b, f, x, p);
  const auto adj = append_reverse_sweep(b, f, forward, dy);
  auto emit = [&](wire source) {
    const wire d = adj[source] ? *adj[source] : b.zero();
    const bool is_param = f.is_param(source);
    b.output(d, adjoint_name(f.wire_name(source), is_param ? "p" : "x", is_param ? source - f.num_inputs() : source));
  };
  if (rp.respect_to != wrt::params) {
    for (std::size_t i = 0; i < f.num_inputs(); ++i) emit(f.input(i));
  }
  if (rp.respect_to != wrt::inputs) {
    for (std::size_t j = 0; j < f.num_params(); ++j) emit(f.param(j));
  }
  return b.build(build_params{.prune = rp.simplify});
}

}  // namespace bitlens
