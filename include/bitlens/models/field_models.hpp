// Models over a field, built with the builder as parametrised circuits P × A → B:
//   linear     y = W x                 (m·n parameters, W row-major)
//   affine     y = W x + b             (m·n + m)
//   polynomial y_o = Σ c_{o,μ} x^μ over all monomials μ of degree <= d (constant included)
#pragma once

#include "bitlens/ir/builder.hpp"

#include <functional>
#include <string>
#include <vector>

namespace bitlens {

/// y = W x (+ b when `bias`).
template <ring R>
circuit<R> linear_model(const R& r, std::size_t n, std::size_t m, bool bias = false) {
  circuit_builder<R> b(r);
  const auto x = b.inputs(n, "x");
  const auto w = b.params(n * m, "w");
  const auto c = bias ? b.params(m, "b") : std::vector<wire>{};
  for (std::size_t o = 0; o < m; ++o) {
    wire acc = bias ? c[o] : b.zero();
    for (std::size_t i = 0; i < n; ++i) acc = b.add(acc, b.mul(w[o * n + i], x[i]));
    b.output(acc, "y" + std::to_string(o));
  }
  return b.build();
}

/// The monomials of degree <= d in n variables, as exponent lists of variable indices
/// (non-decreasing), the empty list first.
inline std::vector<std::vector<std::size_t>> monomials(std::size_t n, std::size_t d) {
  std::vector<std::vector<std::size_t>> out{{}};
  std::function<void(std::vector<std::size_t>&, std::size_t)> grow = [&](std::vector<std::size_t>& cur, std::size_t from) {
    if (cur.size() == d) return;
    for (std::size_t i = from; i < n; ++i) {
      cur.push_back(i);
      out.push_back(cur);
      grow(cur, i);
      cur.pop_back();
    }
  };
  std::vector<std::size_t> cur;
  grow(cur, 0);
  return out;
}

/// y_o = Σ_μ c_{o,μ} x^μ over monomials(n, d); parameters grouped by output.
template <ring R>
circuit<R> polynomial_model(const R& r, std::size_t n, std::size_t m, std::size_t degree) {
  circuit_builder<R> b(r);
  const auto x = b.inputs(n, "x");
  const auto mons = monomials(n, degree);
  const auto c = b.params(mons.size() * m, "c");
  std::vector<wire> value;  // each monomial built once (the builder shares prefixes)
  for (const auto& mu : mons) {
    wire v = b.one();
    for (std::size_t i : mu) v = b.mul(v, x[i]);
    value.push_back(v);
  }
  for (std::size_t o = 0; o < m; ++o) {
    wire acc = b.zero();
    for (std::size_t k = 0; k < mons.size(); ++k) acc = b.add(acc, b.mul(c[o * mons.size() + k], value[k]));
    b.output(acc, "y" + std::to_string(o));
  }
  return b.build();
}

}  // namespace bitlens
