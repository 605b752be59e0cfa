// The axioms of a Cartesian reverse derivative category (Cockett et al. 2019), RD.1–RD.7, and the
// adjoint identity, as property checks on random circuits over any ring. Each check names its axiom;
// the test files instantiate them for every ring.
#pragma once

#include "bitlens/ir/compose.hpp"
#include "bitlens/transform/forward_derivative.hpp"
#include "bitlens/transform/reverse_derivative.hpp"
#include "oracles.hpp"
#include "random_circuit.hpp"

#include <catch2/catch.hpp>

namespace bitlens::test {

/// R[f](x, p, δy) split into (δx, δp).
template <ring R>
std::pair<vec<R>, vec<R>> rd(const circuit<R>& f, const vec<R>& x, const vec<R>& p, const vec<R>& dy) {
  const auto out = eval(reverse_derivative(f), concat<R>(x, dy), p);
  return {slice<R>(out, 0, f.num_inputs()), slice<R>(out, f.num_inputs(), f.num_params())};
}

/// J_f(x, p)·(dx, dp) from the forward derivative.
template <ring R>
vec<R> jvp(const circuit<R>& f, const vec<R>& x, const vec<R>& p, const vec<R>& dx, const vec<R>& dp) {
  const auto out = eval(forward_derivative(f), concat<R>(concat<R>(x, dx), dp), p);
  return slice<R>(out, f.num_outputs(), f.num_outputs());
}

template <ring R>
random_circuit_params shape(rng& g) {
  std::uniform_int_distribution<std::size_t> d(1, 5);
  return {.inputs = d(g), .params = d(g) - 1, .nodes = 5 + 6 * d(g), .outputs = d(g)};
}

/// RD.1: R[f + g] = R[f] + R[g] and R[0] = 0.
template <ring R>
void check_rd1(const R& r, std::uint64_t seed) {
  INFO("RD.1, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  const auto f = random_circuit(r, g, s);
  const auto h = random_circuit(r, g, s);
  const auto x = random_elements(r, s.inputs, g), pf = random_elements(r, s.params, g),
             ph = random_elements(r, s.params, g), dy = random_elements(r, s.outputs, g);
  const auto [sx, sp] = rd(pointwise_sum(f, h), x, concat<R>(pf, ph), dy);
  const auto [fx, fp] = rd(f, x, pf, dy);
  const auto [hx, hp] = rd(h, x, ph, dy);
  CHECK(sx == add(r, fx, hx));
  CHECK(sp == concat<R>(fp, hp));
  const auto [zx, zp] = rd(zero_map(r, s.inputs, s.outputs), x, {}, dy);
  CHECK(zx == vec<R>(s.inputs, r.zero()));
}

/// RD.2: R[f](x, a + b) = R[f](x, a) + R[f](x, b) and R[f](x, 0) = 0.
template <ring R>
void check_rd2(const R& r, std::uint64_t seed) {
  INFO("RD.2, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  const auto f = random_circuit(r, g, s);
  const auto x = random_elements(r, s.inputs, g), p = random_elements(r, s.params, g);
  const auto a = random_elements(r, s.outputs, g), b = random_elements(r, s.outputs, g);
  const auto [abx, abp] = rd(f, x, p, add(r, a, b));
  const auto [ax, ap] = rd(f, x, p, a);
  const auto [bx, bp] = rd(f, x, p, b);
  CHECK(abx == add(r, ax, bx));
  CHECK(abp == add(r, ap, bp));
  const auto [zx, zp] = rd(f, x, p, vec<R>(s.outputs, r.zero()));
  CHECK(zx == vec<R>(s.inputs, r.zero()));
  CHECK(zp == vec<R>(s.params, r.zero()));
}

/// RD.3: R[1](x, δ) = δ; R[π0](x, y, δ) = (δ, 0); R[π1](x, y, δ) = (0, δ).
template <ring R>
void check_rd3(const R& r, std::uint64_t seed) {
  INFO("RD.3, seed " << seed);
  rng g(seed);
  const std::size_t m = 1 + g() % 4, n = 1 + g() % 4;
  const auto x = random_elements(r, m, g), y = random_elements(r, n, g);
  const auto d = random_elements(r, m + n, g);
  CHECK(rd(identity(r, m + n), concat<R>(x, y), {}, d).first == d);
  std::vector<std::size_t> first(m), second(n);
  for (std::size_t i = 0; i < m; ++i) first[i] = i;
  for (std::size_t i = 0; i < n; ++i) second[i] = m + i;
  const auto dx = slice<R>(d, 0, m), dyy = slice<R>(d, m, n);
  CHECK(rd(projection(r, m + n, first), concat<R>(x, y), {}, dx).first == concat<R>(dx, vec<R>(n, r.zero())));
  CHECK(rd(projection(r, m + n, second), concat<R>(x, y), {}, dyy).first == concat<R>(vec<R>(m, r.zero()), dyy));
}

/// RD.4: R[⟨f, g⟩](x, (a, b)) = R[f](x, a) + R[g](x, b).
template <ring R>
void check_rd4(const R& r, std::uint64_t seed) {
  INFO("RD.4, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  auto s2 = shape<R>(g);
  s2.inputs = s.inputs;
  const auto f = random_circuit(r, g, s);
  const auto h = random_circuit(r, g, s2);
  const auto x = random_elements(r, s.inputs, g), pf = random_elements(r, s.params, g),
             ph = random_elements(r, s2.params, g);
  const auto a = random_elements(r, s.outputs, g), b = random_elements(r, s2.outputs, g);
  const auto [px, pp] = rd(pair(f, h), x, concat<R>(pf, ph), concat<R>(a, b));
  const auto [fx, fp] = rd(f, x, pf, a);
  const auto [hx, hp] = rd(h, x, ph, b);
  CHECK(px == add(r, fx, hx));
  CHECK(pp == concat<R>(fp, hp));
}

/// RD.5 (chain rule): R[f ; g](x, δz) = R[f](x, R[g](f(x), δz)), parameters included.
template <ring R>
void check_rd5(const R& r, std::uint64_t seed) {
  INFO("RD.5, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  auto s2 = shape<R>(g);
  s2.inputs = s.outputs;
  const auto f = random_circuit(r, g, s);
  const auto h = random_circuit(r, g, s2);
  const auto x = random_elements(r, s.inputs, g), pf = random_elements(r, s.params, g),
             ph = random_elements(r, s2.params, g), dz = random_elements(r, s2.outputs, g);
  const auto [cx, cp] = rd(then(f, h), x, concat<R>(pf, ph), dz);
  const auto [hy, hp] = rd(h, eval(f, x, pf), ph, dz);
  const auto [fx, fp] = rd(f, x, pf, hy);
  CHECK(cx == fx);
  CHECK(cp == concat<R>(fp, hp));
}

/// RD.6 (R[f] is linear in its second argument), in the form: the δa-part of
/// R[R[f]]((x, a), w) equals J_f(x)·w, whatever a is.
template <ring R>
void check_rd6(const R& r, std::uint64_t seed) {
  INFO("RD.6, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  const auto f = random_circuit(r, g, s);
  const auto rf = reverse_derivative(f, {.respect_to = wrt::inputs});  // (x, a; p) -> δx
  const auto rrf = reverse_derivative(rf, {.respect_to = wrt::inputs});  // (x, a, w; p) -> (δx, δa)
  const auto x = random_elements(r, s.inputs, g), p = random_elements(r, s.params, g);
  const auto w = random_elements(r, s.inputs, g);
  const auto expected = jvp(f, x, p, w, vec<R>(s.params, r.zero()));
  for (int trial = 0; trial < 2; ++trial) {
    const auto a = random_elements(r, s.outputs, g);
    const auto out = eval(rrf, concat<R>(concat<R>(x, a), w), p);
    CHECK(slice<R>(out, s.inputs, s.outputs) == expected);
  }
}

/// RD.7 (symmetry of mixed second derivatives), via forward-over-forward dual numbers:
/// d²f(x)[u, v] = d²f(x)[v, u].
template <ring R>
void check_rd7(const R& r, std::uint64_t seed) {
  INFO("RD.7, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  const auto f = random_circuit(r, g, s);
  const auto ff = forward_derivative(forward_derivative(f));
  const std::size_t n = s.inputs, q = s.params, m = s.outputs;
  const auto x = random_elements(r, n, g), p = random_elements(r, q, g);
  const auto u = random_elements(r, n, g), v = random_elements(r, n, g);
  // F[f] inputs: (x, dx, dp); F[F[f]] inputs: (x, dx, dp), their tangents, then tangents of p.
  auto second = [&](const vec<R>& first_dir, const vec<R>& second_dir) {
    vec<R> in = concat<R>(concat<R>(x, first_dir), vec<R>(q, r.zero()));
    in = concat<R>(in, concat<R>(concat<R>(second_dir, vec<R>(n, r.zero())), vec<R>(2 * q, r.zero())));
    const auto out = eval(ff, in, p);  // (f, J dx), then their tangents
    return slice<R>(out, 3 * m, m);
  };
  CHECK(second(u, v) == second(v, u));
}

/// The adjoint identity ⟨R[f](x, δy), (dx, dp)⟩ = ⟨δy, J_f(x)·(dx, dp)⟩, with J·d from the
/// forward derivative and, independently, from dual-number evaluation.
template <ring R>
void check_adjoint(const R& r, std::uint64_t seed) {
  INFO("adjoint identity, seed " << seed);
  rng g(seed);
  auto s = shape<R>(g);
  const auto f = random_circuit(r, g, s);
  const auto x = random_elements(r, s.inputs, g), p = random_elements(r, s.params, g);
  const auto dx = random_elements(r, s.inputs, g), dp = random_elements(r, s.params, g);
  const auto dy = random_elements(r, s.outputs, g);
  const auto [gx, gp] = rd(f, x, p, dy);
  const auto j = jvp(f, x, p, dx, dp);
  const auto [y_dual, j_dual] = evaluate_dual(f, x, dx, p, dp);
  CHECK(j == j_dual);
  CHECK(y_dual == eval(f, x, p));
  CHECK(r.add(dot(r, gx, dx), dot(r, gp, dp)) == dot(r, dy, j));
}

/// Every check above on `cases` random circuits.
template <ring R>
void check_all_crdc_laws(const R& r, std::uint64_t first_seed, int cases) {
  for (int k = 0; k < cases; ++k) {
    const auto seed = case_seed(first_seed + static_cast<std::uint64_t>(k));
    check_rd1(r, seed);
    check_rd2(r, seed);
    check_rd3(r, seed);
    check_rd4(r, seed);
    check_rd5(r, seed);
    check_rd6(r, seed);
    check_rd7(r, seed);
    check_adjoint(r, seed);
  }
}

}  // namespace bitlens::test
