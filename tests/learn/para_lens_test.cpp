// Parametric lenses (learn/para_lens.hpp): the lens laws and the chain rule on random circuits over
// Z2, GF(p), GF(2^8) and the reals, with printed seeds. The laws compare two lenses on get and put
// at random points: exactly over finite rings, up to rounding over the reals.
#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/compose.hpp"
#include "bitlens/learn/para_lens.hpp"
#include "support/random_circuit.hpp"
#include "support/random_problems.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bitlens;

namespace {

// Random circuits whose values stay moderate over the reals (no constants: the generator's are
// huge there; few products).
template <ring R>
circuit<R> small_circuit(const R& r, test::rng& g, std::size_t inputs, std::size_t params, std::size_t outputs) {
  return test::random_circuit(r, g, {.inputs = inputs, .params = params, .nodes = 6 + g() % 10, .outputs = outputs, .p_mul = 0.3, .p_const = 0});
}

// f and h agree: get and put at three random points.
template <ring R>
void check_same_lens(const para_lens<R>& f, const para_lens<R>& h, test::rng& g) {
  REQUIRE(f.num_params() == h.num_params());
  REQUIRE(f.num_inputs() == h.num_inputs());
  REQUIRE(f.num_outputs() == h.num_outputs());
  const R& r = f.ring();
  for (int k = 0; k < 3; ++k) {
    const auto p = test::random_row(r, g, f.num_params()), a = test::random_row(r, g, f.num_inputs());
    const auto db = test::random_row(r, g, f.num_outputs());
    CHECK(test::same_elements<R>(f.get(p, a), h.get(p, a)));
    const auto c1 = f.put(p, a, db), c2 = h.put(p, a, db);
    CHECK(test::same_elements<R>(c1.params, c2.params));
    CHECK(test::same_elements<R>(c1.inputs, c2.inputs));
  }
}

// The lens of a projection circuit: a change of parameters that picks (and may copy or drop) them.
template <ring R>
para_lens<R> pick(const R& r, std::size_t n, const std::vector<std::size_t>& indices) {
  return circuit_lens(projection(r, n, indices));
}

template <ring R>
void check_laws(const R& r, std::uint64_t seed) {
  INFO(r.name() << ", seed " << seed);
  test::rng g(seed);
  for (int c = 0; c < 15; ++c) {
    const std::size_t a = 1 + g() % 3, b = 1 + g() % 3, cc = 1 + g() % 3, d = 1 + g() % 2;
    const auto f = small_circuit(r, g, a, g() % 3, b), gc = small_circuit(r, g, b, g() % 3, cc), hc = small_circuit(r, g, cc, g() % 3, d);
    const auto F = circuit_lens(f), G = circuit_lens(gc), H = circuit_lens(hc);
    // The chain rule: the lens of f ; g is the composite of the lenses, and likewise for ⊗.
    check_same_lens(circuit_lens(then(f, gc)), then(F, G), g);
    check_same_lens(circuit_lens(tensor(f, hc)), beside(F, H), g);
    // Associativity and units.
    check_same_lens(then(then(F, G), H), then(F, then(G, H)), g);
    check_same_lens(then(identity_lens(r, a), F), F, g);
    check_same_lens(then(F, identity_lens(r, b)), F, g);
    // Interchange: (F ⊗ G') ; (G ⊗ H') = (F ; G) ⊗ (G' ; H') up to the order of parameters, which a
    // reparameterisation along a permutation restores.
    const auto f2 = small_circuit(r, g, cc, g() % 3, b);
    const auto F2 = circuit_lens(f2), G2 = circuit_lens(small_circuit(r, g, b, g() % 3, d));
    const auto left = then(beside(F, F2), beside(G, G2));      // params: F, F2, G, G2
    const auto right = beside(then(F, G), then(F2, G2));      // params: F, G, F2, G2
    const std::size_t pf = F.num_params(), pf2 = F2.num_params(), pg = G.num_params(), pg2 = G2.num_params();
    std::vector<std::size_t> order;  // right's parameters from left's
    for (std::size_t k = 0; k < pf; ++k) order.push_back(k);
    for (std::size_t k = 0; k < pg; ++k) order.push_back(pf + pf2 + k);
    for (std::size_t k = 0; k < pf2; ++k) order.push_back(pf + k);
    for (std::size_t k = 0; k < pg2; ++k) order.push_back(pf + pf2 + pg + k);
    check_same_lens(left, reparameterise(right, pick(r, left.num_params(), order)), g);
    // Reparameterisation is a functor: along the identity it changes nothing, and along β then α
    // it is along their composite.
    const std::size_t p = F.num_params();
    check_same_lens(reparameterise(F, identity_lens(r, p)), F, g);
    const auto alpha = circuit_lens(small_circuit(r, g, 1 + g() % 3, 0, p));
    const auto beta = circuit_lens(small_circuit(r, g, 1 + g() % 3, 0, alpha.num_inputs()));
    check_same_lens(reparameterise(reparameterise(F, alpha), beta), reparameterise(F, then(beta, alpha)), g);
  }
}

}  // namespace

TEST_CASE("para lenses: the chain rule, associativity, units, interchange and reparameterisation", "[lens][para_lens]") {
  check_laws(z2{}, test::case_seed(47000));
  check_laws(gf_p(65537), test::case_seed(47001));
  check_laws(gf_2k(8), test::case_seed(47002));
  check_laws(real{}, test::case_seed(47003));
}

TEST_CASE("para lenses: composing the wrong sizes is refused with the sizes named", "[lens][para_lens]") {
  const auto f = circuit_lens(projection(z2{}, 3, std::vector<std::size_t>{0, 1}));
  CHECK_THROWS_WITH(then(f, identity_lens(z2{}, 3)), Catch::Contains("2 outputs") && Catch::Contains("3 inputs"));
  CHECK_THROWS_WITH(f.get({}, std::vector<z2::element>{1, 0}), Catch::Contains("3 inputs expected"));
  CHECK_THROWS_AS(reparameterise(f, identity_lens(z2{}, 2)), std::invalid_argument);
}
