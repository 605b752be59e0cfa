// The AIG: lowering is equivalent to the circuit (random circuits), strash and constant propagation
// do their job, AIGER round trips in both encodings, and malformed AIGER is rejected.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/transform/simplify.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

// Checks g against f on every input (n ≤ 10) or on random inputs.
void check_same(const circuit<z2>& f, const aig& g, rng& r) {
  const std::size_t n = f.num_inputs();
  const std::size_t rows = n <= 10 ? (std::size_t{1} << n) : 300;
  for (std::size_t k = 0; k < rows; ++k) {
    const std::uint64_t m = n <= 10 ? k : r();
    vec<z2> x(n);
    std::vector<bool> xb(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = (m >> i) & 1U, xb[i] = x[i] != 0;
    const auto y = eval(f, x);
    const auto yb = g.evaluate(xb);
    for (std::size_t o = 0; o < y.size(); ++o) REQUIRE((y[o] != 0) == yb[o]);
  }
}

std::string error_of(const std::string& text) {
  try {
    parse_aiger(text, "t.aag");
  } catch (const input_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("lower_to_aig is equivalent to the circuit, and AIGER round-trips", "[aig]") {
  for (std::uint64_t k = 0; k < 80; ++k) {
    const auto seed = case_seed(13000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(z2{}, g, {.inputs = 1 + k % 8, .params = 0, .nodes = 40, .outputs = 1 + k % 4,
                                            .p_neg = 0.05, .p_const = 0.1});
    const aig a = lower_to_aig(f);
    check_same(f, a, g);
    check_same(f, lower_to_aig(simplify(f)), g);
    const aig ascii = parse_aiger(format_aag(a), "x.aag");
    const aig binary = parse_aiger(format_aig_binary(a), "x.aig");
    CHECK(ascii.num_ands() == a.num_ands());
    CHECK(binary.num_ands() == a.num_ands());
    check_same(f, ascii, g);
    check_same(f, binary, g);
    check_same(f, lower_to_aig(to_circuit(a)), g);
  }
}

TEST_CASE("aig: constant propagation, strash and dead-gate removal", "[aig]") {
  aig g(2);
  const auto a = g.input(0), b = g.input(1);
  CHECK(g.and_(a, aig::false_lit) == aig::false_lit);
  CHECK(g.and_(a, aig::true_lit) == a);
  CHECK(g.and_(a, a) == a);
  CHECK(g.and_(a, aig::negate(a)) == aig::false_lit);
  const auto x = g.and_(a, b);
  CHECK(g.and_(b, a) == x);
  CHECK(g.num_ands() == 1);
  g.xor_(a, b);  // 3 more gates, then unused
  g.add_output(x, "x");
  CHECK(g.num_ands() == 4);
  CHECK(g.cleanup().num_ands() == 1);
}

TEST_CASE("lowering recognises the mux and or shapes the builder makes", "[aig]") {
  circuit_builder<z2> b;
  const auto s = b.input(), p = b.input(), q = b.input();
  b.output(b.mux(s, p, q));
  b.output(b.or_(p, q));
  const aig g = lower_to_aig(b.build());
  CHECK(g.num_ands() == 4);  // 3 for the mux, 1 for the or
}

TEST_CASE("AIGER names survive a round trip", "[aig]") {
  aig g(2);
  g.input_names = {"a", "b"};
  g.add_output(g.and_(g.input(0), aig::negate(g.input(1))), "y");
  for (const auto& text : {format_aag(g), format_aig_binary(g)}) {
    const aig back = parse_aiger(text, "x");
    CHECK(back.input_names == g.input_names);
    CHECK(back.output_names == g.output_names);
  }
}

TEST_CASE("malformed AIGER is rejected with file:line", "[aig][errors]") {
  CHECK_THAT(error_of("agg 1 1 0 1 0\n2\n2\n"), Catch::StartsWith("t.aag:1: not an AIGER file"));
  CHECK_THAT(error_of("aag 3 2 1 1 0\n2\n4\n6 2\n6\n"), Catch::Contains("latches"));
  CHECK_THAT(error_of("aag 3 2 0 1 1\n2\n4\n6\n"), Catch::Contains("unexpected end of file"));
  CHECK_THAT(error_of("aag 3 2 0 1 0\n2\n4\n6\n"), Catch::StartsWith("t.aag:1: header says M = 3 but I + L + A = 2"));
  CHECK_THAT(error_of("aag 3 2 0 1 1\n2\n4\n6\n6 8 2\n"), Catch::StartsWith("t.aag:5: AND operand out of range"));
  CHECK_THAT(error_of("aag 4 1 0 1 3\n2\n8\n4 6 2\n6 4 2\n8 4 6\n"), Catch::Contains("cycle"));
  CHECK_THAT(error_of("aag 2 1 0 1 1\n2\n4\n4 2 x\n"), Catch::StartsWith("t.aag:4: expected a number"));
  CHECK_THAT(error_of("aig 2 1 0 1 1\n4\n"), Catch::Contains("truncated binary AND section"));
}

TEST_CASE("CRLF AIGER reads as LF, and its errors carry no carriage return", "[aig][errors]") {
  const aig g = parse_aiger("aag 3 2 0 1 1\r\n2\r\n4\r\n6\r\n6 2 4\r\n", "t.aag");
  CHECK(g.num_ands() == 1);
  const std::string e = error_of("aag 3 2 0 1 1\r\n2\r\n4\r\n6\r\n6 2 x\r\n");
  CHECK_THAT(e, Catch::StartsWith("t.aag:5: expected a number, got 'x'"));
  CHECK(e.find('\r') == std::string::npos);
}

TEST_CASE("AIGER header counts are bounded before they are added or allocated", "[aig][errors]") {
  // I + A wraps to M in 64 bits: the sum must not be formed before the counts are checked.
  CHECK_THAT(error_of("aag 0 18446744073709551615 0 0 1\n"), Catch::StartsWith("t.aag:1: header declares 18446744073709551615 inputs"));
  CHECK_THAT(error_of("aag 50 0 0 0 50\n"), Catch::Contains("AND gates, more than a file of"));
  CHECK_THAT(error_of("aag 1 1 0 99 0\n2\n"), Catch::Contains("99 outputs"));
  // Binary inputs take no bytes, so a fixed limit applies to them.
  CHECK_THAT(error_of("aig 4294967296 4294967296 0 0 0\n"), Catch::Contains("the limit of"));
}

TEST_CASE("ASCII AIGER gates may come in any order, also where two paths reach a gate", "[aig]") {
  // y = 10 = AND(6, 8), 8 = AND(6, 2), 6 = AND(2, 4): gate 6 is reached twice before it is defined.
  const aig g = parse_aiger("aag 5 2 0 1 3\n2\n4\n10\n10 6 8\n6 2 4\n8 6 2\n", "t.aag");
  for (int r = 0; r < 4; ++r) {
    const bool a = (r & 1) != 0, b = (r & 2) != 0;
    CHECK(g.evaluate({a, b})[0] == (a && b));
  }
  CHECK_THAT(error_of("aag 4 1 0 1 3\n2\n8\n8 6 4\n6 4 2\n4 8 2\n"), Catch::Contains("cycle"));
}

TEST_CASE("AIGER symbols are unique even when names repeat (ABC rejects duplicates)", "[aig]") {
  aig g(2);
  g.input_names = {"a", "a"};
  g.add_output(g.input(0), "y");
  g.add_output(g.input(1), "y");
  const aig back = parse_aiger(format_aag(g), "x.aag");
  CHECK(back.input_names[0] != back.input_names[1]);
  CHECK(back.output_names[0] != back.output_names[1]);
}
