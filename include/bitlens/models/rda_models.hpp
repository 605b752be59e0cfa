// The models of the Reverse Derivative Ascent paper (Wilson & Zanasi 2021), so that its experiments
// can be reproduced (bench/rda_reproduction.cpp), and a linear model over Z2:
//   lut_memoriser        one n-input lookup table per output: 2^n parameters per output, each the
//                        value at one input pattern — it can memorise any table, and rda sets each
//                        entry it meets to its target (the paper's Iris model: the basis of minterms
//                        times the parameters, summed);
//   popcount_threshold   the paper's "pseudo-linear" MNIST model, as its experiments' code defines
//                        it: a mask p of n bits, y = [popcount(p ∧ x) ≤ ⌊popcount(p) / k⌋]. Not a
//                        polynomial circuit but a lens whose put is the Boolean difference of each
//                        bit (what the paper's library computes for a black-box function);
//   pseudo_linear        y = W x (+ b) over Z2: linear in x for fixed W and in W for fixed x, so its
//                        structural derivative is the exact effect of a flip; it learns XOR-linear
//                        maps (the command line's --model pseudo-linear).
#pragma once

#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/learn/para_lens.hpp"
#include "bitlens/models/field_models.hpp"

#include <bit>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

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

/// y = W x (+ b) over Z2.
inline circuit<z2> pseudo_linear(std::size_t n, std::size_t m, bool bias = true) { return linear_model(z2{}, n, m, bias); }

/// The RDA paper's MNIST model: parameters a mask p (n bits), inputs x (n bits), one output
/// y = [popcount(p ∧ x) ≤ ⌊popcount(p) / k⌋] (1: few of the mask's pixels are lit). put(p, x, δy)
/// gives each bit the Boolean difference times δy: δp_i = δy · (f(p ⊕ e_i, x) ⊕ f(p, x)), and δx_i
/// likewise — computed from the two popcounts, which one flip moves by at most one each.
inline para_lens<z2> popcount_threshold(std::size_t n, unsigned k = 4) {
  if (k == 0) throw std::invalid_argument("popcount_threshold: k must be at least 1");
  using L = para_lens<z2>;
  auto counts = [](L::view p, L::view x) {
    std::size_t both = 0, mask = 0;
    for (std::size_t i = 0; i < p.size(); ++i) mask += p[i], both += p[i] & x[i];
    return std::pair{both, mask};
  };
  auto fires = [k](std::size_t both, std::size_t mask) -> z2::element { return both <= mask / k ? 1 : 0; };
  return L(
      z2{}, n, n, 1,
      [counts, fires](L::view p, L::view x) {
        const auto [both, mask] = counts(p, x);
        return L::values{fires(both, mask)};
      },
      [counts, fires](L::view p, L::view x, L::view dy) {
        const auto [both, mask] = counts(p, x);
        const z2::element y = fires(both, mask);
        L::changes c{L::values(p.size(), 0), L::values(x.size(), 0)};
        if (dy[0] == 0) return c;
        for (std::size_t i = 0; i < p.size(); ++i) {
          // Flipping p_i moves the mask count by ±1, and the overlap by ±1 where x_i is set.
          const std::size_t mask_i = p[i] != 0 ? mask - 1 : mask + 1;
          const std::size_t both_i = x[i] == 0 ? both : p[i] != 0 ? both - 1 : both + 1;
          c.params[i] = fires(both_i, mask_i) ^ y;
          // Flipping x_i moves the overlap by ±1 where p_i is set.
          const std::size_t both_x = p[i] == 0 ? both : x[i] != 0 ? both - 1 : both + 1;
          c.inputs[i] = fires(both_x, mask) ^ y;
        }
        return c;
      });
}

}  // namespace bitlens
