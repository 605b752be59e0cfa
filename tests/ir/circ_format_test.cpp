// The .circ format: round trips on random circuits, out-of-order definitions, and every malformed
// input named in the issue rejected with "file:line: message".
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circ_format.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

template <ring R>
bool same_structure(const circuit<R>& a, const circuit<R>& b) {
  if (a.num_inputs() != b.num_inputs() || a.num_params() != b.num_params() || a.num_nodes() != b.num_nodes()) return false;
  for (std::size_t k = 0; k < a.num_nodes(); ++k) {
    const auto &x = a.nodes()[k], &y = b.nodes()[k];
    if (x.kind != y.kind || x.a != y.a || x.b != y.b || !(x.value == y.value)) return false;
  }
  return std::equal(a.outputs().begin(), a.outputs().end(), b.outputs().begin(), b.outputs().end());
}

// The message of the input_error thrown by parsing `text` as file "t.circ" ("" if none).
std::string error_of(const std::string& text) {
  try {
    parse_circ<z2>(text, "t.circ");
  } catch (const input_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE(".circ round trip on random circuits is node for node", "[circ]") {
  for (std::uint64_t k = 0; k < 100; ++k) {
    const auto seed = case_seed(200 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(z2{}, g, {.inputs = 1 + k % 5, .params = k % 3, .nodes = 30, .outputs = 1 + k % 4});
    const std::string text = format_circ(f);
    const auto back = parse_circ<z2>(text, "roundtrip.circ");
    REQUIRE(same_structure(f, back));
    REQUIRE(format_circ(back) == text);
  }
}

TEST_CASE(".circ reads comments, literals, renamed outputs and out-of-order nodes", "[circ]") {
  const auto f = parse_circ<z2>(
      "# a comment line\n"
      "ring Z2\n"
      "inputs a b   # trailing comment\n"
      "params p\n"
      "out = add t 1\n"  // uses t before it is defined
      "t = mul a q\n"
      "q = add b p\n"
      "outputs result=out t\n");
  CHECK(f.num_inputs() == 2);
  CHECK(f.num_params() == 1);
  CHECK(f.output_name(0) == "result");
  CHECK(f.output_name(1) == "t");
  for (int m = 0; m < 8; ++m) {
    const z2::element a = m & 1, b = (m >> 1) & 1, p = (m >> 2) & 1;
    const auto y = eval(f, vec<z2>{a, b}, vec<z2>{p});
    CHECK(y[1] == (a & (b ^ p)));
    CHECK(y[0] == (y[1] ^ 1));
  }
}

TEST_CASE(".circ malformed inputs are rejected with file:line: message", "[circ][errors]") {
  CHECK_THAT(error_of("ring Z2\ninputs a\ny = add a b\noutputs y\n"),
             Catch::Matches("t\\.circ:3: undefined wire 'b'"));
  CHECK_THAT(error_of("ring Z2\ninputs a\nu = add a v\nv = add u a\noutputs v\n"),
             Catch::Contains("cycle") && Catch::StartsWith("t.circ:"));
  CHECK_THAT(error_of("ring Z2\ninputs a\nu = add a u\noutputs u\n"), Catch::StartsWith("t.circ:3: cycle"));
  CHECK_THAT(error_of("ring Z2\ninputs a b\ny = add a\noutputs y\n"),
             Catch::Matches("t\\.circ:3: add takes 2 operands, got 1"));
  CHECK_THAT(error_of("ring Z2\ninputs a\ny = neg a a\noutputs y\n"), Catch::StartsWith("t.circ:3: neg takes 1 operand"));
  CHECK_THAT(error_of("ring Z2\ninputs a b\ny = nand a b\noutputs y\n"),
             Catch::StartsWith("t.circ:3: unknown operation 'nand'"));
  CHECK_THAT(error_of("ring Z2\ninputs a b\na = add a b\noutputs a\n"),
             Catch::Matches("t\\.circ:3: duplicate name 'a' \\(first defined at line 2\\)"));
  CHECK_THAT(error_of("ring Z2\ninputs a a\noutputs a\n"), Catch::StartsWith("t.circ:2: duplicate name 'a'"));
  CHECK_THAT(error_of("# header\nring GF(7)\ninputs a\noutputs a\n"),
             Catch::Matches("t\\.circ:2: the circuit is over GF\\(7\\) but a circuit over Z2 was expected"));
  CHECK_THAT(error_of("inputs a\nring Z2\n"), Catch::StartsWith("t.circ:1: expected 'ring NAME'"));
  CHECK_THAT(error_of("# nothing\n\n"), Catch::StartsWith("t.circ: no 'ring' line"));
  CHECK_THAT(error_of("ring Z2\ninputs a\nc = const 2\noutputs c\n"),
             Catch::Matches("t\\.circ:3: '2' is not an element of Z2"));
  CHECK_THAT(error_of("ring Z2\ninputs a\ny = add a 5\noutputs y\n"), Catch::StartsWith("t.circ:3: '5' is not an element"));
  CHECK_THAT(error_of("ring Z2\ninputs a\noutputs zz\n"), Catch::StartsWith("t.circ:3: undefined wire 'zz'"));
  CHECK_THAT(error_of("ring Z2\ninputs 9a\n"), Catch::StartsWith("t.circ:2: '9a' is not a valid wire name"));
  CHECK_THAT(error_of("ring Z2\ninputs a\nwhat is this\n"), Catch::StartsWith("t.circ:3: cannot read"));
  CHECK_THAT(error_of("ring Z2\nring Z2\n"), Catch::StartsWith("t.circ:2: a second 'ring' line"));
  CHECK_THAT(error_of("ring Z2\ninputs a\ny =\n"), Catch::StartsWith("t.circ:3: missing operation"));
}

TEST_CASE("circ_ring_name peeks at the ring line", "[circ]") {
  CHECK(circ_ring_name("# c\n\nring GF(65537)\ninputs a\n") == "GF(65537)");
  CHECK(circ_ring_name("inputs a\n").empty());
  CHECK(circ_ring_name("").empty());
  std::size_t line = 99;
  CHECK(circ_ring_name("# c\n\nring GF(7)\n", &line) == "GF(7)");
  CHECK(line == 3);
  CHECK(circ_ring_name("inputs a\n", &line).empty());
  CHECK(line == 0);
}
