// The reverse derivative against brute-force oracles: the Boolean difference on multilinear
// circuits, known derivatives, and the cheap-gradient bound on the size of R[f].
#include "bitlens/algebra/z2.hpp"
#include "bitlens/transform/simplify.hpp"
#include "support/crdc_checks.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

TEST_CASE("on multilinear circuits R[f] is the Boolean difference", "[rdiff][oracle]") {
  const z2 r;
  for (std::uint64_t k = 0; k < 300; ++k) {
    const auto seed = case_seed(9000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(r, g, {.inputs = 5, .params = 3, .nodes = 30, .outputs = 3, .multilinear = true});
    const auto x = random_elements(r, 5, g), p = random_elements(r, 3, g), dy = random_elements(r, 3, g);
    const auto [gx, gp] = rd(f, x, p, dy);
    const auto y = eval(f, x, p);
    // bit i of R[f](x, δy) = ⟨f(x) ⊕ f(x ⊕ e_i), δy⟩, for inputs and parameters alike
    for (std::size_t i = 0; i < 5; ++i) {
      auto xi = x;
      xi[i] ^= 1;
      CHECK(gx[i] == dot(r, add(r, y, eval(f, xi, p)), dy));
    }
    for (std::size_t j = 0; j < 3; ++j) {
      auto pj = p;
      pj[j] ^= 1;
      CHECK(gp[j] == dot(r, add(r, y, eval(f, x, pj)), dy));
    }
  }
}

TEST_CASE("R[f] is the derivative of the circuit, not of the function: d(x*x) = 0 over Z2", "[rdiff]") {
  circuit_builder<z2> b(z2{}, builder_params{.simplify = false});
  const auto x = b.input("x");
  b.output(b.mul(x, x));
  const auto sq = b.build();
  for (z2::element xv : {0, 1}) CHECK(rd(sq, vec<z2>{xv}, {}, vec<z2>{1}).first == vec<z2>{0});
  // whereas the identity, the same function, has derivative 1
  CHECK(rd(identity(z2{}, 1), vec<z2>{1}, {}, vec<z2>{1}).first == vec<z2>{1});
}

TEST_CASE("the full adder's reverse derivative is its Jacobian transposed", "[rdiff]") {
  circuit_builder<z2> b;
  const auto a = b.input("a"), c = b.input("b"), cin = b.input("cin");
  const auto t = b.add(a, c);
  b.output(b.add(t, cin), "sum");
  b.output(b.add(b.mul(a, c), b.mul(t, cin)), "cout");
  const auto f = b.build();
  const auto rf = reverse_derivative(f);
  CHECK(rf.num_inputs() == 5);
  CHECK(rf.num_outputs() == 3);
  CHECK(rf.output_name(0) == "d_a");
  CHECK(rf.wire_name(rf.input(3)) == "d_sum");
  for (int m = 0; m < 32; ++m) {
    const z2::element av = m & 1, bv = (m >> 1) & 1, cv = (m >> 2) & 1, ds = (m >> 3) & 1, dc = (m >> 4) & 1;
    const auto out = eval(rf, vec<z2>{av, bv, cv, ds, dc});
    CHECK(out[0] == (ds ^ ((bv ^ cv) & dc)));  // ∂sum/∂a = 1, ∂cout/∂a = b + cin
    CHECK(out[1] == (ds ^ ((av ^ cv) & dc)));
    CHECK(out[2] == (ds ^ ((av ^ bv) & dc)));
  }
}

TEST_CASE("reverse_derivative selects inputs or parameters and agrees with the unsimplified transform", "[rdiff]") {
  const z2 r;
  for (std::uint64_t k = 0; k < 50; ++k) {
    const auto seed = case_seed(9500 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(r, g, {.inputs = 4, .params = 3, .nodes = 25, .outputs = 2});
    const auto in = random_elements(r, 6, g), p = random_elements(r, 3, g);
    const auto full = eval(reverse_derivative(f), in, p);
    const auto raw = eval(reverse_derivative(f, {.simplify = false}), in, p);
    CHECK(full == raw);
    CHECK(eval(reverse_derivative(f, {.respect_to = wrt::inputs}), in, p) == slice<z2>(full, 0, 4));
    CHECK(eval(reverse_derivative(f, {.respect_to = wrt::params}), in, p) == slice<z2>(full, 4, 3));
  }
}

// The cheap-gradient principle: every node of f contributes at most a replay node plus, for mul,
// two products and two accumulations. Measured on random circuits after simplify (see
// bench/rdiff_size.cpp for the distribution), the ratio stays well under 4.
TEST_CASE("cheap gradient: R[f] has at most 4x the nodes of f", "[rdiff][size]") {
  const z2 r;
  double worst = 0;
  for (std::uint64_t k = 0; k < 300; ++k) {
    const auto seed = case_seed(9700 + k);
    INFO("seed " << seed);
    rng g(seed);
    const std::size_t nodes = 20 + 10 * (k % 20);
    const auto f = simplify(random_circuit(r, g, {.inputs = 8, .params = 8, .nodes = nodes, .outputs = 4}));
    if (f.num_nodes() < 10) continue;
    const auto rf = reverse_derivative(f);
    const double ratio = double(rf.num_nodes()) / double(f.num_nodes());
    worst = std::max(worst, ratio);
    CHECK(ratio <= 4.0);
  }
  INFO("worst ratio " << worst);
  CHECK(worst > 1.0);  // the transform does add nodes; a ratio of 1 would mean it did nothing
}
