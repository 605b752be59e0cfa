// Composition: then, tensor, pair, sum, identity, swap and projections compute what they promise,
// checked by evaluation on random circuits.
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/compose.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

TEST_CASE("then, tensor, pair and pointwise_sum agree with evaluating the parts", "[compose]") {
  const z2 r;
  for (std::uint64_t k = 0; k < 50; ++k) {
    const auto seed = case_seed(100 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(r, g, {.inputs = 4, .params = 2, .nodes = 15, .outputs = 3});
    const auto h = random_circuit(r, g, {.inputs = 3, .params = 1, .nodes = 12, .outputs = 2});
    const auto f2 = random_circuit(r, g, {.inputs = 4, .params = 1, .nodes = 10, .outputs = 3});
    const auto x = random_elements(r, 4, g), pf = random_elements(r, 2, g), ph = random_elements(r, 1, g);
    const auto x3 = random_elements(r, 3, g), pf2 = random_elements(r, 1, g);

    CHECK(eval(then(f, h), x, concat<z2>(pf, ph)) == eval(h, eval(f, x, pf), ph));
    CHECK(eval(tensor(f, h), concat<z2>(x, x3), concat<z2>(pf, ph)) == concat<z2>(eval(f, x, pf), eval(h, x3, ph)));
    CHECK(eval(pair(f, f2), x, concat<z2>(pf, pf2)) == concat<z2>(eval(f, x, pf), eval(f2, x, pf2)));
    CHECK(eval(pointwise_sum(f, f2), x, concat<z2>(pf, pf2)) == add(r, eval(f, x, pf), eval(f2, x, pf2)));
  }
}

TEST_CASE("identity, swap, projection and zero_map", "[compose]") {
  const z2 r;
  const vec<z2> x{1, 0, 1, 1, 0};
  CHECK(eval(identity(r, 5), x) == x);
  CHECK(eval(swap(r, 2, 3), x) == vec<z2>{1, 1, 0, 1, 0});
  const std::size_t idx[] = {4, 0, 0};
  CHECK(eval(projection(r, 5, idx), x) == vec<z2>{0, 1, 1});
  CHECK(eval(zero_map(r, 5, 2), x) == vec<z2>{0, 0});
  const std::size_t bad[] = {5};
  CHECK_THROWS_AS(projection(r, 5, bad), std::invalid_argument);
}

TEST_CASE("composition rejects mismatched interfaces", "[compose]") {
  const z2 r;
  CHECK_THROWS_AS(then(identity(r, 2), identity(r, 3)), std::invalid_argument);
  CHECK_THROWS_AS(pair(identity(r, 2), identity(r, 3)), std::invalid_argument);
  CHECK_THROWS_AS(pointwise_sum(identity(r, 2), identity(r, 3)), std::invalid_argument);
}
