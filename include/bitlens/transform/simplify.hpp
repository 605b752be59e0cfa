// simplify(f): the same polynomial map, rebuilt through a simplifying builder — constant folding,
// the zero/one laws, hash-consing of common subexpressions — then dead-code elimination.
// Source and output names are kept; names of inner wires are dropped (they may have merged).
#pragma once

#include "bitlens/ir/builder.hpp"

namespace bitlens {

/// f with constants folded, x+0, x·0, x·1 (and x+x, −x over characteristic 2) simplified, equal
/// subterms shared and nodes no output needs removed. The interface (inputs, parameters, outputs)
/// is unchanged.
template <ring R>
circuit<R> simplify(const circuit<R>& f) {
  circuit_builder<R> b(f.ring());
  std::vector<wire> x, p;
  for (std::size_t i = 0; i < f.num_inputs(); ++i) x.push_back(b.input(f.wire_name(f.input(i))));
  for (std::size_t j = 0; j < f.num_params(); ++j) p.push_back(b.param(f.wire_name(f.param(j))));
  const auto y = append(b, f, x, p);
  for (std::size_t k = 0; k < y.size(); ++k) b.output(y[k], f.output_name(k));
  return b.build(build_params{.prune = true});
}

}  // namespace bitlens
