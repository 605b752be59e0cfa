// specialize(f, p): the parametrised circuit f: P × A → B with its parameters fixed to the values p,
// as a parameter-free circuit A → B, simplified. This is how a trained model becomes the circuit
// that is written out and verified: constants fold through every learnable gate.
#pragma once

#include "bitlens/ir/builder.hpp"

#include <span>
#include <stdexcept>
#include <string>

namespace bitlens {

/// f with parameter j replaced by the constant values[j], then simplified and pruned.
template <ring R>
circuit<R> specialize(const circuit<R>& f, std::span<const element_t<R>> values) {
  if (values.size() != f.num_params()) {
    throw std::invalid_argument("specialize: the circuit has " + std::to_string(f.num_params()) + " parameters, got " +
                                std::to_string(values.size()) + " values");
  }
  circuit_builder<R> b(f.ring());
  std::vector<wire> x, p;
  for (std::size_t i = 0; i < f.num_inputs(); ++i) x.push_back(b.input(f.wire_name(f.input(i))));
  for (const auto& v : values) p.push_back(b.constant(v));
  const auto y = append(b, f, x, p);
  for (std::size_t k = 0; k < y.size(); ++k) b.output(y[k], f.output_name(k));
  return b.build(build_params{.prune = true});
}

}  // namespace bitlens
