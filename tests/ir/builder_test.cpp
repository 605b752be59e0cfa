// circuit_builder: Boolean helpers compute their truth tables, the simplifying mode applies exactly
// the laws it promises, and build() renumbers into strict SSA order.
#include "bitlens/algebra/z2.hpp"
#include "bitlens/eval/reference.hpp"
#include "bitlens/ir/builder.hpp"
#include "support/oracles.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using test::eval;
using vz = test::vec<z2>;

TEST_CASE("Boolean helpers compute their truth tables over Z2", "[builder]") {
  circuit_builder<z2> b;
  const auto x = b.input("x"), y = b.input("y"), s = b.input("s");
  b.output(b.not_(x));
  b.output(b.and_(x, y));
  b.output(b.or_(x, y));
  b.output(b.xor_(x, y));
  b.output(b.mux(s, x, y));
  const auto f = b.build();
  for (int m = 0; m < 8; ++m) {
    const z2::element xv = m & 1, yv = (m >> 1) & 1, sv = (m >> 2) & 1;
    const auto out = eval(f, vz{xv, yv, sv});
    INFO("x=" << int(xv) << " y=" << int(yv) << " s=" << int(sv));
    CHECK(out[0] == !xv);
    CHECK(out[1] == (xv & yv));
    CHECK(out[2] == (xv | yv));
    CHECK(out[3] == (xv ^ yv));
    CHECK(out[4] == (sv ? xv : yv));
  }
}

TEST_CASE("xor_n and and_n reduce any number of wires", "[builder]") {
  for (std::size_t n : {0, 1, 2, 5, 8}) {
    circuit_builder<z2> b;
    const auto xs = b.inputs(n, "x");
    b.output(b.xor_n(xs));
    b.output(b.and_n(xs));
    const auto f = b.build();
    for (std::size_t m = 0; m < (std::size_t{1} << n); ++m) {
      vz x(n);
      for (std::size_t i = 0; i < n; ++i) x[i] = (m >> i) & 1;
      const auto out = eval(f, x);
      CHECK(out[0] == (std::popcount(m) % 2));
      CHECK(out[1] == (m == (std::size_t{1} << n) - 1 ? 1 : 0));
    }
  }
}

TEST_CASE("lut(k) is the lookup table of its parameters, for k = 0..4", "[builder][lut]") {
  for (std::size_t k = 0; k <= 4; ++k) {
    circuit_builder<z2> b;
    const auto x = b.inputs(k, "x");
    const auto t = b.params(std::size_t{1} << k, "t");
    b.output(b.lut(t, x));
    const auto f = b.build();
    REQUIRE(f.num_params() == (std::size_t{1} << k));
    for (std::size_t table = 0; table < 16; ++table) {
      vz p(std::size_t{1} << k);
      for (std::size_t m = 0; m < p.size(); ++m) p[m] = (table * 7 + m * 3 + m / 2) % 2;
      for (std::size_t m = 0; m < p.size(); ++m) {
        vz xv(k);
        for (std::size_t i = 0; i < k; ++i) xv[i] = (m >> i) & 1;
        REQUIRE(eval(f, xv, p)[0] == p[m]);
      }
    }
  }
  circuit_builder<z2> b;
  const auto x = b.inputs(2);
  const auto t = b.params(3);
  CHECK_THROWS_AS(b.lut(t, x), std::invalid_argument);
}

TEST_CASE("the simplifying builder folds constants and applies the zero/one laws", "[builder][simplify]") {
  circuit_builder<z2> b;
  const auto x = b.input("x"), y = b.input("y");
  CHECK(b.add(x, b.zero()) == x);
  CHECK(b.add(b.zero(), x) == x);
  CHECK(b.mul(x, b.one()) == x);
  z2::element v = 1;
  CHECK(b.is_constant(b.mul(x, b.zero()), &v));
  CHECK(v == 0);
  CHECK(b.is_constant(b.add(x, x), &v));  // characteristic 2
  CHECK(v == 0);
  CHECK(b.neg(x) == x);  // characteristic 2
  CHECK(b.is_constant(b.add(b.one(), b.one()), &v));
  CHECK(v == 0);
  // hash-consing, with add and mul commuting
  CHECK(b.add(x, y) == b.add(y, x));
  CHECK(b.mul(x, y) == b.mul(y, x));
  CHECK(b.add(x, y) != b.mul(x, y));
  CHECK(b.one() == b.one());
}

TEST_CASE("the faithful builder keeps every node", "[builder]") {
  circuit_builder<z2> b(z2{}, builder_params{.simplify = false});
  const auto x = b.input();
  b.output(b.add(x, b.zero()));
  b.output(b.mul(x, x));
  b.output(b.mul(x, x));
  const auto f = b.build();
  CHECK(f.num_nodes() == 4);  // zero, add, mul, mul
}

TEST_CASE("build renumbers sources first and prunes dead nodes on request", "[builder]") {
  circuit_builder<z2> b(z2{}, builder_params{.simplify = false});
  const auto x = b.input("x");
  const auto dead = b.mul(x, x);
  const auto p = b.param("p");  // created after a node
  const auto y = b.input("y");
  b.output(b.add(x, b.mul(p, y)), "out");
  (void)dead;
  const auto f = b.build();
  CHECK(f.num_inputs() == 2);
  CHECK(f.num_params() == 1);
  CHECK(f.wire_name(0) == "x");
  CHECK(f.wire_name(1) == "y");
  CHECK(f.wire_name(2) == "p");
  CHECK(f.num_nodes() == 3);
  CHECK(f.output_name(0) == "out");
  const auto g = b.build(build_params{.prune = true});
  CHECK(g.num_nodes() == 2);
  for (int m = 0; m < 8; ++m) {
    const vz xv{z2::element(m & 1), z2::element((m >> 1) & 1)};
    const vz pv{z2::element((m >> 2) & 1)};
    CHECK(eval(f, xv, pv) == eval(g, xv, pv));
  }
}

TEST_CASE("circuit rejects operands that are not defined before their node", "[circuit]") {
  std::vector<node<z2>> nodes{{op::add, 0, 2, 0}};  // node wire 1 reads wire 2
  CHECK_THROWS_AS(circuit<z2>(z2{}, 1, 0, nodes, {1}), std::invalid_argument);
  std::vector<node<z2>> ok{{op::add, 0, 0, 0}};
  CHECK_THROWS_AS(circuit<z2>(z2{}, 1, 0, ok, {5}), std::invalid_argument);
  CHECK_NOTHROW(circuit<z2>(z2{}, 1, 0, ok, {1}));
}
