// The models of the Reverse Derivative Ascent paper (Wilson & Zanasi 2021), so that its experiments
// can be reproduced, as parametrised Z2 circuits:
//   lut_memoriser   one n-input lookup table per output: 2^n parameters per output, each the
//                   value at one input pattern — it can memorise any table, and rda sets each entry
//                   it meets to its target;
//   pseudo_linear   y = W x (+ b) over Z2: linear in x for fixed W and in W for fixed x, so its
//                   structural derivative is the exact effect of a flip; it learns XOR-linear maps.
#pragma once

#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/models/field_models.hpp"

#include <stdexcept>
#include <string>

namespace bitlens {

/// One n-input LUT per output over all n inputs (n <= 16: 2^n parameters per output).
inline circuit<z2> lut_memoriser(std::size_t n, std::size_t m) {
  if (n == 0 || n > 16) throw std::invalid_argument("lut_memoriser: n must be from 1 to 16, got " + std::to_string(n));
  circuit_builder<z2> b;
  const auto x = b.inputs(n, "x");
  for (std::size_t o = 0; o < m; ++o) {
    const auto table = b.params(std::size_t{1} << n, "t" + std::to_string(o) + "_");
    b.output(b.lut(table, x), "y" + std::to_string(o));
  }
  return b.build();
}

/// y = W x (+ b) over Z2 (the RDA paper's pseudo-linear model).
inline circuit<z2> pseudo_linear(std::size_t n, std::size_t m, bool bias = true) { return linear_model(z2{}, n, m, bias); }

}  // namespace bitlens
