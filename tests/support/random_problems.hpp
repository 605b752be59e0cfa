// Random open problems (learn/open_problem.hpp) for the property tests of composition by shared
// variables: 2–4 parts (or `parts` of them), each a random circuit whose parameters take names from
// a pool of four, so that variables are shared between parts and sometimes within one.
#pragma once

#include "bitlens/algebra/real.hpp"
#include "bitlens/learn/open_problem.hpp"
#include "support/random_circuit.hpp"

#include <cmath>
#include <string>
#include <type_traits>
#include <vector>

namespace bitlens::test {

/// n random elements: over the reals values in [−2, 2] in steps of 1/8; in a finite ring any element.
template <ring R>
std::vector<element_t<R>> random_row(const R& r, rng& g, std::size_t n) {
  std::vector<element_t<R>> v(n);
  for (auto& x : v) {
    if constexpr (std::is_same_v<R, real>) {
      x = static_cast<double>(static_cast<int>(g() % 33) - 16) / 8.0;
    } else {
      x = r.from_integer(g());
    }
  }
  return v;
}

/// `parts` random problems (0: 2–4) with 1–5 samples each, all with the same number of samples.
template <ring R>
std::vector<open_problem<R>> random_problems(const R& r, rng& g, std::size_t parts = 0) {
  if (parts == 0) parts = 2 + g() % 3;
  const std::size_t samples = 1 + g() % 5;
  std::vector<open_problem<R>> out;
  for (std::size_t i = 0; i < parts; ++i) {
    const std::size_t params = 1 + g() % 3;
    open_problem<R> p{random_circuit(r, g, {.inputs = 1 + g() % 3, .params = params, .nodes = 8 + g() % 16, .outputs = 1 + g() % 2}),
                      {}, {}, {}};
    for (std::size_t k = 0; k < params; ++k) p.variables.push_back("v" + std::to_string(g() % 4));
    for (std::size_t s = 0; s < samples; ++s) {
      p.inputs.push_back(random_row(r, g, p.model.num_inputs()));
      p.targets.push_back(random_row(r, g, p.model.num_outputs()));
    }
    out.push_back(std::move(p));
  }
  return out;
}

/// Equal elements; over the reals equal up to rounding (sums taken in another order).
template <ring R>
bool same_elements(const std::vector<element_t<R>>& a, const std::vector<element_t<R>>& b) {
  if constexpr (std::is_same_v<R, real>) {
    if (a.size() != b.size()) return false;
    for (std::size_t k = 0; k < a.size(); ++k) {
      if (std::abs(a[k] - b[k]) > 1e-9 * (1 + std::abs(a[k]) + std::abs(b[k]))) return false;
    }
    return true;
  } else {
    return a == b;
  }
}

}  // namespace bitlens::test
