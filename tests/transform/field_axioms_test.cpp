// RD.1–RD.7 and the adjoint identity over every field of the finite-field issue (seeded; the seed
// is printed on failure). Over characteristic p > 2, neg and the constants matter.
#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/gf_pk.hpp"
#include "bitlens/ir/circ_format.hpp"
#include "bitlens/transform/simplify.hpp"
#include "support/crdc_checks.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {
constexpr int cases = 25;

template <named_ring R>
void round_trip_and_simplify(const R& r, std::uint64_t seed) {
  INFO(r.name() << ", seed " << seed);
  rng g(seed);
  for (int k = 0; k < 10; ++k) {
    const auto f = random_circuit(r, g, {.inputs = 3, .params = 2, .nodes = 25, .outputs = 2, .p_neg = 0.15, .p_const = 0.1});
    const auto back = parse_circ<R>(format_circ(f), "x.circ");
    const auto s = simplify(f);
    for (int t = 0; t < 5; ++t) {
      const auto x = random_elements(r, 3, g), p = random_elements(r, 2, g);
      REQUIRE(eval(back, x, p) == eval(f, x, p));
      REQUIRE(eval(s, x, p) == eval(f, x, p));
    }
  }
}
}  // namespace

TEST_CASE("CRDC laws over GF(3), GF(65537), GF(2^31-1), GF(2^61-1)", "[crdc][fields]") {
  for (std::uint64_t p : {3ULL, 65537ULL, 2147483647ULL, 2305843009213693951ULL}) {
    const gf_p r(p);
    check_all_crdc_laws(r, 30000 + p % 997, cases);
    round_trip_and_simplify(r, case_seed(30500 + p % 997));
  }
}

TEST_CASE("CRDC laws over GF(2^8) and GF(2^64)", "[crdc][fields]") {
  for (unsigned k : {8U, 64U}) {
    const gf_2k r(k);
    check_all_crdc_laws(r, 31000 + k, cases);
    round_trip_and_simplify(r, case_seed(31500 + k));
  }
}

TEST_CASE("CRDC laws over GF(3^5) and GF(65537^2)", "[crdc][fields]") {
  const gf_pk small(3, 5), large(65537, 2);
  for (const gf_pk* r : {&small, &large}) {
    check_all_crdc_laws(*r, 32000 + r->prime() % 997, cases);
    round_trip_and_simplify(*r, case_seed(32500 + r->prime() % 997));
  }
}

TEST_CASE("the derivative of x*x is 2x over GF(p) (it vanishes only in characteristic 2)", "[rdiff][fields]") {
  const gf_p r(7);
  circuit_builder<gf_p> b(r);
  const auto x = b.input("x");
  b.output(b.mul(x, x));
  const auto f = b.build();
  for (std::uint64_t v = 0; v < 7; ++v) CHECK(rd(f, vec<gf_p>{v}, {}, vec<gf_p>{1}).first == vec<gf_p>{(2 * v) % 7});
}

TEST_CASE(".circ over fields: ring names, literals, wrong ring, bad modulus", "[circ][fields]") {
  const auto f = parse_circ<gf_p>("ring GF(7)\ninputs x\ny = mul x 5\nz = add y -1\noutputs z\n", "t.circ");
  CHECK(eval(f, vec<gf_p>{3}) == vec<gf_p>{(15 + 6) % 7});
  auto error_of = [](auto parse) -> std::string {
    try {
      parse();
    } catch (const input_error& e) {
      return e.what();
    }
    return "";
  };
  CHECK_THAT(error_of([] { parse_circ<gf_p>("ring GF(9)\ninputs x\noutputs x\n", "t.circ"); }), Catch::Matches("t\\.circ:1: GF\\(9\\): 9 is not prime"));
  CHECK_THAT(error_of([] { parse_circ<gf_p>("ring Z2\ninputs x\noutputs x\n", "t.circ"); }),
             Catch::Matches("t\\.circ:1: the circuit is over Z2 but a circuit over GF\\(p\\) was expected"));
  CHECK_THAT(error_of([] { parse_circ<gf_2k>("ring GF(2^4:x^4+1)\ninputs x\noutputs x\n", "t.circ"); }), Catch::Contains("t.circ:1:") && Catch::Contains("is reducible"));
  CHECK_THAT(error_of([] { parse_circ<gf_p>("ring GF(7)\ninputs x\ny = add x 7\noutputs y\n", "t.circ"); }), Catch::Matches("t\\.circ:3: '7' is not an element of GF\\(7\\)"));
  CHECK_THAT(error_of([] { parse_circ<gf_pk>("ring GF(3^5)\ninputs x\nc = const 300\noutputs c\n", "t.circ"); }), Catch::Contains("'300' is not an element of GF(3^5)"));
  const auto g = parse_circ<gf_2k>("ring GF(2^8)\ninputs a b\nc = mul a b\noutputs c\n", "t.circ");
  CHECK(eval(g, vec<gf_2k>{0x57, 0x83}) == vec<gf_2k>{0xc1});  // the worked example of FIPS 197
}
