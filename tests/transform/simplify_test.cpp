// simplify: preserves the function, never grows, is idempotent, removes dead code.
#include "bitlens/algebra/z2.hpp"
#include "bitlens/transform/simplify.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

TEST_CASE("simplify preserves the function, never grows and is idempotent", "[simplify]") {
  const z2 r;
  for (std::uint64_t k = 0; k < 200; ++k) {
    const auto seed = case_seed(11000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(r, g, {.inputs = 5, .params = 2, .nodes = 40, .outputs = 3, .p_const = 0.15});
    const auto s = simplify(f);
    CHECK(s.num_nodes() <= f.num_nodes());
    CHECK(s.num_inputs() == f.num_inputs());
    CHECK(s.num_params() == f.num_params());
    CHECK(simplify(s).num_nodes() == s.num_nodes());
    for (int t = 0; t < 8; ++t) {
      const auto x = random_elements(r, 5, g), p = random_elements(r, 2, g);
      REQUIRE(eval(s, x, p) == eval(f, x, p));
    }
  }
}

TEST_CASE("simplify removes dead code and shares common subexpressions", "[simplify]") {
  circuit_builder<z2> b(z2{}, builder_params{.simplify = false});
  const auto x = b.input("x"), y = b.input("y");
  b.mul(x, y);  // dead
  const auto s1 = b.add(x, y), s2 = b.add(y, x);
  b.output(b.mul(s1, s2), "out");
  const auto f = b.build();
  CHECK(f.num_nodes() == 4);
  const auto s = simplify(f);
  CHECK(s.num_nodes() == 2);  // one add, one mul
  CHECK(s.output_name(0) == "out");
  CHECK(s.wire_name(0) == "x");
}
