// BLIF reader/writer round trips, Verilog and DOT writers, malformed BLIF, and the external checks:
// ABC reads what we write (AIGER, BLIF) and proves it equivalent; yosys reads our Verilog.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/io/netlist.hpp"
#include "bitlens/io/truth_table.hpp"
#include "support/external_tools.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace bitlens;
using namespace bitlens::test;

namespace {

bool same_function(const circuit<z2>& f, const circuit<z2>& g) {
  if (f.num_inputs() != g.num_inputs() || f.num_outputs() != g.num_outputs()) return false;
  for (std::size_t m = 0; m < (std::size_t{1} << f.num_inputs()); ++m) {
    vec<z2> x(f.num_inputs());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = (m >> i) & 1U;
    if (eval(f, x) != eval(g, x)) return false;
  }
  return true;
}

std::string blif_error(const std::string& text) {
  try {
    parse_blif(text, "t.blif");
  } catch (const input_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE("BLIF round trip on random circuits", "[blif]") {
  for (std::uint64_t k = 0; k < 60; ++k) {
    const auto seed = case_seed(14000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(z2{}, g, {.inputs = 1 + k % 7, .params = 0, .nodes = 30, .outputs = 1 + k % 3});
    REQUIRE(same_function(f, parse_blif(format_blif(f), "x.blif")));
  }
}

TEST_CASE("BLIF reader: covers, off-set covers, constants, continuation lines, any order", "[blif]") {
  const auto f = parse_blif(
      "# comment\n.model m\n.inputs a b \\\n c\n.outputs y z k\n"
      ".names t c y\n1- 1\n-1 1\n"   // y = t | c, defined before t
      ".names a b t\n11 1\n"           // t = a & b
      ".names a b z\n00 0\n"           // off-set cover: z = a | b
      ".names k\n1\n.end\n",
      "t.blif");
  REQUIRE(f.num_inputs() == 3);
  for (std::size_t m = 0; m < 8; ++m) {
    const bool a = m & 1, b = m & 2, c = m & 4;
    const auto y = eval(f, vec<z2>{z2::element(a), z2::element(b), z2::element(c)});
    CHECK(y[0] == ((a && b) || c));
    CHECK(y[1] == (a || b));
    CHECK(y[2] == 1);
  }
}

TEST_CASE("BLIF malformed input", "[blif][errors]") {
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.names a q y\n11 1\n.end\n"), Catch::StartsWith("t.blif:4: signal 'q' is used but never defined"));
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.latch a y 0\n"), Catch::StartsWith("t.blif:4: .latch is not supported"));
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.names a y\n0 1\n"), Catch::StartsWith("t.blif:6: signal 'y' is defined twice"));
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.names a y\n11 1\n"), Catch::StartsWith("t.blif:5: cover row '11 1' does not match"));
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n0 0\n"), Catch::StartsWith("t.blif:6: a cover mixes"));
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.names y t\n1 1\n.names t y\n1 1\n"), Catch::Contains("cycle"));
  CHECK_THAT(blif_error(".inputs a\n"), Catch::StartsWith("t.blif: no .model line"));
  CHECK_THAT(blif_error(".model m\n.frob\n"), Catch::StartsWith("t.blif:2: unsupported BLIF directive '.frob'"));
}

TEST_CASE("BLIF cut off after a continuation, and repeated inputs, are rejected with their line", "[blif][errors]") {
  CHECK_THAT(blif_error(".model m\n.inputs a\n.outputs y\n.names a y\n1 1\n.end \\\n"), Catch::StartsWith("t.blif:6: the file ends after a line continuation"));
  CHECK_THAT(blif_error(".model m\n.inputs a \\"), Catch::StartsWith("t.blif:2: the file ends after a line continuation"));
  CHECK_THAT(blif_error(".model m\n.inputs a b\n.inputs a\n.outputs y\n.names a y\n1 1\n"), Catch::StartsWith("t.blif:3: input 'a' is listed twice"));
}

TEST_CASE("Verilog and DOT writers name every wire and output", "[verilog][dot]") {
  circuit_builder<z2> b;
  const auto x = b.input("input"), y = b.input("x[3]");  // a keyword and a name Verilog must escape
  b.output(b.xor_(x, y), "sum");
  b.output(b.and_(x, y), "wire");
  const auto f = b.build();
  const auto v = format_verilog(f);
  CHECK_THAT(v, Catch::Contains("module bitlens (") && Catch::Contains("input \\input ;") && Catch::Contains("\\x[3] ") &&
                    Catch::Contains("assign sum = ") && Catch::Contains("endmodule"));
  const auto dot = format_dot(f);
  CHECK_THAT(dot, Catch::StartsWith("digraph bitlens {") && Catch::Contains("XOR") && Catch::Contains("AND"));
}

TEST_CASE("ABC reads our AIGER and BLIF and proves them equivalent to the table", "[external][abc]") {
  if (!tool_available("berkeley-abc")) {
    WARN("berkeley-abc is not installed: external check skipped");
    return;
  }
  temp_dir dir;
  for (const std::string kind : {"adder", "multiplier", "comparator", "mux"}) {
    const auto table = generate_table(kind, 2);
    // the table's own reference circuit: a sum of minterms built by the builder, lowered
    circuit_builder<z2> b;
    const auto x = b.inputs(table.num_inputs());
    for (std::size_t o = 0; o < table.num_outputs(); ++o) {
      std::vector<wire> terms;
      for (std::size_t r = 0; r < table.num_samples(); ++r) {
        if (!table.targets.get(o, r)) continue;
        std::vector<wire> lits;
        for (std::size_t i = 0; i < x.size(); ++i) lits.push_back((r >> i) & 1U ? x[i] : b.not_(x[i]));
        terms.push_back(b.and_n(lits));
      }
      b.output(b.xor_n(terms));  // minterms are disjoint: xor = or
    }
    const auto f = b.build();
    const auto truth = dir.file(kind + ".truth");
    write_table(truth, table);
    for (const std::string ext : {".aig", ".blif"}) {
      const auto path = dir.file(kind + ext);
      save_z2_circuit(path, f);
      INFO(kind << ext);
      CHECK(abc_says_equivalent(truth, path));
    }
  }
}

TEST_CASE("yosys reads our Verilog, and its netlist is equivalent", "[external][yosys]") {
  if (!tool_available("yosys") || !tool_available("berkeley-abc")) {
    WARN("yosys or berkeley-abc is not installed: external check skipped");
    return;
  }
  temp_dir dir;
  const auto table = generate_table("adder", 2);
  const auto truth = dir.file("adder.truth");
  write_table(truth, table);
  const auto f = load_z2_circuit(std::string(BITLENS_SOURCE_DIR) + "/circuits/ripple_adder_2.circ");
  const auto v = dir.file("adder.v"), y = dir.file("adder_yosys.blif");
  save_z2_circuit(v, f);
  REQUIRE(run_quiet("yosys -q -p 'read_verilog " + v + "; hierarchy -top bitlens; proc; opt; techmap; opt; write_blif " + y + "'"));
  const auto back = parse_blif(read_text_file(y), y);  // our reader on yosys's output
  CHECK(same_function(f, back));
  CHECK(abc_says_equivalent(truth, y));
}
