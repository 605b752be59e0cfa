// Test oracles independent of the transforms under test: dual-number evaluation, inner products,
// vector arithmetic over a ring.
#pragma once

#include "bitlens/eval/reference.hpp"

#include <span>
#include <utility>
#include <vector>

namespace bitlens::test {

template <ring R>
using vec = std::vector<element_t<R>>;

template <ring R>
vec<R> concat(vec<R> a, const vec<R>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

template <ring R>
vec<R> slice(const vec<R>& v, std::size_t first, std::size_t count) {
  return vec<R>(v.begin() + static_cast<std::ptrdiff_t>(first), v.begin() + static_cast<std::ptrdiff_t>(first + count));
}

template <ring R>
vec<R> add(const R& r, const vec<R>& a, const vec<R>& b) {
  vec<R> out(a.size());
  for (std::size_t i = 0; i < a.size(); ++i) out[i] = r.add(a[i], b[i]);
  return out;
}

template <ring R>
element_t<R> dot(const R& r, const vec<R>& a, const vec<R>& b) {
  element_t<R> s = r.zero();
  for (std::size_t i = 0; i < a.size(); ++i) s = r.add(s, r.mul(a[i], b[i]));
  return s;
}

/// f evaluated over the dual numbers R[ε]/(ε²) at (x + ε dx, p + ε dp): returns (f, J·(dx, dp)).
/// Written independently of forward_derivative, which it checks.
template <ring R>
std::pair<vec<R>, vec<R>> evaluate_dual(const circuit<R>& f, const vec<R>& x, const vec<R>& dx, const vec<R>& p,
                                        const vec<R>& dp) {
  const R& r = f.ring();
  vec<R> v = concat<R>(x, p), d = concat<R>(dx, dp);
  v.resize(f.num_wires());
  d.resize(f.num_wires());
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    const wire w = f.node_wire(k);
    switch (nd.kind) {
      case op::add: v[w] = r.add(v[nd.a], v[nd.b]), d[w] = r.add(d[nd.a], d[nd.b]); break;
      case op::mul:
        v[w] = r.mul(v[nd.a], v[nd.b]);
        d[w] = r.add(r.mul(v[nd.a], d[nd.b]), r.mul(d[nd.a], v[nd.b]));
        break;
      case op::neg: v[w] = r.neg(v[nd.a]), d[w] = r.neg(d[nd.a]); break;
      case op::constant: v[w] = nd.value, d[w] = r.zero(); break;
    }
  }
  vec<R> y, dy;
  for (wire w : f.outputs()) y.push_back(v[w]), dy.push_back(d[w]);
  return {y, dy};
}

/// Shorthand for the reference evaluation.
template <ring R>
vec<R> eval(const circuit<R>& f, const vec<R>& x, const vec<R>& p = {}) {
  return evaluate_reference<R>(f, x, p);
}

}  // namespace bitlens::test
