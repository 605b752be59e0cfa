// .truth and PLA readers: ABC's row order, the f/fr/fd semantics, '-' expansion, sample mode, the
// writers' round trip, and every malformed case rejected with "file:line: message".
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/io/truth_table.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;

namespace {

std::string error_of(const std::string& text, bool pla, table_limits limits = {}) {
  try {
    if (pla) parse_pla(text, "t.pla", limits);
    else parse_truth(text, "t.truth", limits);
  } catch (const input_error& e) {
    return e.what();
  }
  return "";
}

}  // namespace

TEST_CASE(".truth: the first character is row 2^n - 1, input i is bit i of the row", "[truth]") {
  const auto d = parse_truth("1000\n0110\n", "t.truth");  // AND(x0, x1) and XOR(x0, x1)
  REQUIRE(d.num_inputs() == 2);
  REQUIRE(d.num_outputs() == 2);
  REQUIRE(d.is_complete_table());
  REQUIRE(d.fully_specified());
  for (std::size_t r = 0; r < 4; ++r) {
    const bool x0 = r & 1, x1 = r & 2;
    CHECK(d.targets.get(0, r) == (x0 && x1));
    CHECK(d.targets.get(1, r) == (x0 != x1));
  }
  CHECK(format_truth(d) == "1000\n0110\n");
}

TEST_CASE("PLA types f, fr and fd", "[pla]") {
  // type f: listed 1s on, everything else off
  auto f = parse_pla(".i 2\n.o 1\n.type f\n1- 1\n.e\n", "t.pla");
  CHECK(f.fully_specified());
  CHECK(f.targets.wire(0).to_string() == "0101");  // rows 1 and 3 have x0 = 1
  // type fr: 1s on, 0s off, unlisted rows don't care
  auto fr = parse_pla(".i 2\n.o 1\n.type fr\n11 1\n00 0\n", "t.pla");
  CHECK(fr.care.wire(0).to_string() == "1001");
  CHECK(fr.targets.wire(0).to_string() == "0001");
  // type fd (the default): 1s on, '-' don't care, the rest off
  auto fd = parse_pla(".i 2\n.o 2\n0- 1-\n", "t.pla");
  CHECK(fd.targets.wire(0).to_string() == "1010");
  CHECK(fd.care.wire(0).to_string() == "1111");
  CHECK(fd.care.wire(1).to_string() == "0101");
}

TEST_CASE("PLA with more inputs than the table limit is read as samples", "[pla]") {
  const auto d = parse_pla(".i 3\n.o 1\n.type fr\n.p 3\n101 1\n0-0 0\n111 -\n", "t.pla", {.max_table_inputs = 2});
  REQUIRE(d.num_samples() == 4);  // the '-' expands to two samples
  CHECK(d.inputs.get(0, 0));
  CHECK_FALSE(d.inputs.get(1, 0));
  CHECK(d.targets.get(0, 0));
  CHECK_FALSE(d.care.get(0, 3));
  CHECK(d.care.get(0, 1));
  CHECK_FALSE(d.is_complete_table());
}

TEST_CASE("a sparse type-fr PLA is read as samples, a dense one as a table", "[pla]") {
  const auto sparse = parse_pla(".i 4\n.o 1\n.type fr\n1010 1\n0110 0\n", "t.pla");
  CHECK(sparse.num_samples() == 2);
  CHECK_FALSE(sparse.is_complete_table());
  const auto dense = parse_pla(".i 2\n.o 1\n.type fr\n10 1\n01 0\n", "t.pla");
  CHECK(dense.num_samples() == 4);
  CHECK(dense.is_complete_table());
}

TEST_CASE("generated tables round-trip through both formats", "[truth][pla]") {
  for (const auto& kind : table_kinds()) {
    const auto t = generate_table(kind, 2);
    const auto via_truth = parse_truth(format_truth(t), "x.truth");
    const auto via_pla = parse_pla(format_pla(t), "x.pla");
    CHECK(via_truth.targets == t.targets);
    CHECK(via_pla.targets == t.targets);
    CHECK(via_pla.care == t.care);
    CHECK(via_pla.input_names == t.input_names);
  }
}

TEST_CASE("generate_table computes the functions it names", "[generate]") {
  const auto add = generate_table("adder", 3);
  for (std::size_t r = 0; r < add.num_samples(); ++r) {
    std::size_t s = 0;
    for (std::size_t o = 0; o < 4; ++o) s |= std::size_t(add.targets.get(o, r)) << o;
    REQUIRE(s == (r & 7) + (r >> 3));
  }
  const auto mux = generate_table("mux", 2);
  CHECK(mux.num_inputs() == 6);
  CHECK(mux.targets.get(0, 0b010010));  // s = 2 (bit 1) selects d2, which is input 4
  CHECK_FALSE(mux.targets.get(0, 0b100010));  // s = 2 again, but input 4 is 0
  CHECK_THROWS_AS(generate_table("frobnicator", 2), std::invalid_argument);
  CHECK_THROWS_AS(generate_table("adder", 13), std::invalid_argument);
}

TEST_CASE(".truth malformed input", "[truth][errors]") {
  CHECK_THAT(error_of("101\n", false), Catch::StartsWith("t.truth:1: a truth table line has 2^n characters"));
  CHECK_THAT(error_of("1010\n10\n", false), Catch::StartsWith("t.truth:2: line has 2 characters, expected 4"));
  CHECK_THAT(error_of("10x0\n", false), Catch::StartsWith("t.truth:1: character 3 is 'x'"));
  CHECK_THAT(error_of("\n\n", false), Catch::StartsWith("t.truth: no truth table lines"));
  CHECK_THAT(error_of(std::string(32, '0') + "\n", false, {.max_table_inputs = 4}), Catch::StartsWith("t.truth:1: more than 4 inputs"));
}

TEST_CASE("PLA malformed input", "[pla][errors]") {
  CHECK_THAT(error_of(".i 2\n.o 1\n.p 3\n11 1\n00 0\n", true), Catch::Matches("t\\.pla:3: \\.p says 3 cubes, but the file has 2 \\(truncated\\?\\)"));
  CHECK_THAT(error_of(".i 2\n.o 1\n111 1\n", true), Catch::StartsWith("t.pla:3: cube has 4 characters, expected 2 inputs + 1 outputs"));
  CHECK_THAT(error_of(".i 2\n.o 1\n1x 1\n", true), Catch::StartsWith("t.pla:3: input character 2 is 'x'"));
  CHECK_THAT(error_of(".i 2\n.o 1\n10 7\n", true), Catch::StartsWith("t.pla:3: output character 1 is '7'"));
  CHECK_THAT(error_of("11 1\n", true), Catch::StartsWith("t.pla:1: a cube before the .i and .o lines"));
  CHECK_THAT(error_of(".i two\n", true), Catch::StartsWith("t.pla:1: .i needs a whole number"));
  CHECK_THAT(error_of(".i 2\n.o 1\n.type q\n", true), Catch::StartsWith("t.pla:3: .type must be f, fr or fd"));
  CHECK_THAT(error_of(".i 2\n.o 1\n.mv 3\n", true), Catch::StartsWith("t.pla:3: unsupported PLA directive '.mv'"));
  CHECK_THAT(error_of("", true), Catch::StartsWith("t.pla: missing .i or .o"));
  CHECK_THAT(error_of(".i 2\n.o 1\n.type fr\n11 1\n1- 0\n", true), Catch::StartsWith("t.pla:5: row 3 of output 0 is listed both as 1 and as 0"));
  CHECK_THAT(error_of(".i 2\n.o 1\n.ilb a b c\n11 1\n", true), Catch::StartsWith("t.pla:3: .ilb names 3 inputs, .i says 2"));
  CHECK_THAT(error_of(".i 2\n.o 1\n.ob y z\n11 1\n", true), Catch::StartsWith("t.pla:3: .ob names 2 outputs, .o says 1"));
  CHECK_THAT(error_of(".i 30\n.o 1\n.type f\n", true, {.max_table_inputs = 20}), Catch::Contains("needs .type fr"));
  CHECK_THAT(error_of(".i 40\n.o 1\n.type fr\n" + std::string(40, '-') + " 1\n", true, {.max_table_inputs = 20}),
             Catch::StartsWith("t.pla:4: expanding '-' gives more than"));
}

TEST_CASE("PLA declared sizes are checked before anything is allocated", "[pla][errors]") {
  // 25 bytes that would declare a 2^24-row table of 100,000 outputs (gigabytes).
  CHECK_THAT(error_of(".i 24\n.o 100000\n.type f\n", true), Catch::Contains("needs more than the limit of 1024 MiB"));
  CHECK_THAT(error_of(".i 99999999999\n.o 1\n", true), Catch::StartsWith("t.pla:1: .i declares more than the limit of"));
  CHECK_THAT(error_of(".i 2\n.o 1\n.type fr\n11 1\n", true, {.max_bytes = 0}), Catch::Contains("needs more than the limit"));
  // Widths changed after cubes were read would make the earlier cubes shorter than the table.
  CHECK_THAT(error_of(".i 2\n.o 1\n11 1\n.i 3\n111 1\n", true), Catch::StartsWith("t.pla:4: .i after the first cube"));
  CHECK_THAT(error_of(".i 2\n.o 1\n11 1\n.o 4\n", true), Catch::StartsWith("t.pla:4: .o after the first cube"));
}

TEST_CASE("generate_table refuses large sizes before naming their wires", "[generate][errors]") {
  // mux 32 would name 2^32 data inputs before the limit was checked.
  CHECK_THROWS_WITH(generate_table("mux", 32), Catch::Contains("has 4294967328 inputs; at most 24"));
  CHECK_THROWS_WITH(generate_table("adder", 13), Catch::Contains("has 26 inputs"));
  CHECK_THROWS_WITH(generate_table("nonsense", 30), Catch::StartsWith("unknown table kind 'nonsense'"));
}
