// A small labelled problem for the gate-network trainers: 24 random input bits, and the class (of
// 4) is x0 + 2·(x1 ∧ x2) — learnable by a few gates. The most frequent classes (0 and 1) each hold
// 3/8 of the samples, so guessing scores at most 0.375 and x0 alone 0.75.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "support/seeds.hpp"

#include <cstdint>
#include <vector>

namespace bitlens::test {

struct gate_toy {
  bit_batch inputs;
  std::vector<std::uint32_t> labels;
};

inline gate_toy make_gate_toy(std::size_t n, std::uint64_t seed) {
  rng r(seed);
  gate_toy t{bit_batch(24, n), std::vector<std::uint32_t>(n)};
  for (std::size_t s = 0; s < n; ++s) {
    for (std::size_t i = 0; i < 24; ++i) t.inputs.set(i, s, r() & 1U);
    t.labels[s] = (t.inputs.get(0, s) ? 1U : 0U) + (t.inputs.get(1, s) && t.inputs.get(2, s) ? 2U : 0U);
  }
  return t;
}

}  // namespace bitlens::test
