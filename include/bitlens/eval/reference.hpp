// evaluate_reference: the scalar oracle. One sample, one node at a time, straight from the
// definition of the circuit; every fast evaluator is tested against it.
#pragma once

#include "bitlens/ir/circuit.hpp"

#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitlens {

/// f(inputs; params) computed node by node. Throws std::invalid_argument on a size mismatch.
template <ring R>
std::vector<element_t<R>> evaluate_reference(const circuit<R>& f, std::span<const element_t<R>> inputs,
                                             std::span<const element_t<R>> params = {}) {
  if (inputs.size() != f.num_inputs() || params.size() != f.num_params()) {
    throw std::invalid_argument("evaluate_reference: the circuit takes " + std::to_string(f.num_inputs()) +
                                " inputs and " + std::to_string(f.num_params()) + " parameters, got " +
                                std::to_string(inputs.size()) + " and " + std::to_string(params.size()));
  }
  const R& r = f.ring();
  std::vector<element_t<R>> v(f.num_wires());
  std::copy(inputs.begin(), inputs.end(), v.begin());
  std::copy(params.begin(), params.end(), v.begin() + static_cast<std::ptrdiff_t>(f.num_inputs()));
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    auto& out = v[f.node_wire(k)];
    switch (nd.kind) {
      case op::add: out = r.add(v[nd.a], v[nd.b]); break;
      case op::mul: out = r.mul(v[nd.a], v[nd.b]); break;
      case op::neg: out = r.neg(v[nd.a]); break;
      case op::constant: out = nd.value; break;
    }
  }
  std::vector<element_t<R>> y;
  y.reserve(f.num_outputs());
  for (wire w : f.outputs()) y.push_back(v[w]);
  return y;
}

}  // namespace bitlens
