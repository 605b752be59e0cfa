// Random layered wiring: every node of a layer is read, no gate reads one node twice, and a first
// layer restricted to the informative inputs reads exactly those; the compiled form of the model
// (compile_gate_layers) computes its circuit and undoes to_lut_network.
#include "bitlens/eval/reference.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace bitlens;

namespace {

std::set<std::uint32_t> operands_of_layer(const gate_network& net, std::size_t layer) {
  std::set<std::uint32_t> read;
  for (std::size_t g = net.first_gate(layer); g < net.first_gate(layer) + net.width(layer); ++g) {
    CHECK(net.operand_a()[g] != net.operand_b()[g]);
    read.insert(net.operand_a()[g]);
    read.insert(net.operand_b()[g]);
  }
  return read;
}

}  // namespace

TEST_CASE("gate layers read every node of the layer below, never one node twice", "[gate_layers]") {
  const auto seed = test::case_seed(96000);
  INFO("seed " << seed);
  const auto net = make_gate_layers(50, {.layers = 3, .width = 40, .seed = seed});
  // Node numbers count the inputs first: layer 1 reads nodes 50–89 (layer 0), layer 2 nodes 90–129.
  CHECK(operands_of_layer(net, 0).size() == 50);
  for (std::size_t l : {1, 2}) {
    const auto read = operands_of_layer(net, l);
    CHECK(read.size() == 40);
    CHECK(*read.begin() == 50 + 40 * (l - 1));
    CHECK(*read.rbegin() == 89 + 40 * (l - 1));
  }
}

TEST_CASE("a first layer restricted to some inputs reads exactly those", "[gate_layers]") {
  const auto seed = test::case_seed(97000);
  INFO("seed " << seed);
  test::rng rng(seed);
  // 30 inputs: 0–9 constant 0, 10–14 constant 1, 15–19 one sample in 200, 20–29 fair coins.
  bit_batch samples(30, 2000);
  for (std::size_t s = 0; s < 2000; ++s) {
    for (std::size_t i = 10; i < 15; ++i) samples.set(i, s, true);
    for (std::size_t i = 15; i < 20; ++i) samples.set(i, s, s % 200 == 7);
    for (std::size_t i = 20; i < 30; ++i) samples.set(i, s, (rng() & 1U) != 0);
  }
  const auto varying = informative_inputs(samples, 0);
  CHECK(varying.size() == 15);
  CHECK(varying.front() == 15);
  const auto informative = informative_inputs(samples, 0.02);
  REQUIRE(informative.size() == 10);
  CHECK(informative.front() == 20);
  const auto net = make_gate_layers(30, {.layers = 2, .width = 12, .seed = seed, .first_layer_inputs = informative});
  const auto read = operands_of_layer(net, 0);
  CHECK(read == std::set<std::uint32_t>(informative.begin(), informative.end()));
  CHECK(operands_of_layer(net, 1).size() == 12);
  // Without the restriction every input is read (15 gates: one whole copy of the 30 inputs).
  CHECK(operands_of_layer(make_gate_layers(30, {.layers = 2, .width = 15, .seed = seed}), 0).size() == 30);
  CHECK_THROWS_WITH(make_gate_layers(30, {.layers = 1, .width = 4, .first_layer_inputs = {3, 30}}), Catch::Contains("input 30 of 30"));
}

TEST_CASE("local wiring: a first-layer gate reads two allowed bits of nearby pixels", "[gate_layers]") {
  const auto seed = test::case_seed(4400);
  INFO("seed " << seed);
  // A 10 × 12 image of 2 bits per pixel; the allowed inputs skip the first column's pixels.
  const std::size_t rows = 10, cols = 12, bits = 2, inputs = rows * cols * bits;
  std::vector<std::uint32_t> allowed;
  for (std::uint32_t i = 0; i < inputs; ++i) {
    if ((i / bits) % cols != 0) allowed.push_back(i);
  }
  const auto net = make_gate_layers(inputs, {.layers = 2, .width = 600, .seed = seed, .first_layer_inputs = allowed, .local_radius = 1,
                                             .image_rows = rows, .image_cols = cols});
  const std::set<std::uint32_t> allowed_set(allowed.begin(), allowed.end());
  std::set<std::uint32_t> firsts;
  for (std::size_t g = 0; g < net.width(0); ++g) {
    const std::uint32_t a = net.operand_a()[g], b = net.operand_b()[g];
    firsts.insert(a);
    CHECK(a != b);
    CHECK(allowed_set.count(a) == 1);
    CHECK(allowed_set.count(b) == 1);
    const auto ra = static_cast<long>(a / bits / cols), ca = static_cast<long>(a / bits % cols);
    const auto rb = static_cast<long>(b / bits / cols), cb = static_cast<long>(b / bits % cols);
    CHECK(std::abs(ra - rb) <= 1);
    CHECK(std::abs(ca - cb) <= 1);
  }
  CHECK(firsts == allowed_set);  // 600 gates, 220 allowed inputs: the first operands cover them
  CHECK_THROWS_WITH(make_gate_layers(inputs, {.layers = 1, .width = 8, .local_radius = 1, .image_rows = 7, .image_cols = 7}),
                    Catch::Contains("image shape"));
  // No inputs is refused (it used to loop forever looking for operands).
  CHECK_THROWS_WITH(make_gate_layers(0, {.layers = 1, .width = 8, .local_radius = 1, .image_rows = 1, .image_cols = 1}),
                    Catch::Contains("at least one input"));
  CHECK_THROWS_WITH(make_gate_layers(0, {.layers = 1, .width = 8}), Catch::Contains("at least one input"));
}

TEST_CASE("compile_gate_layers: the model's compiled form computes its circuit, and undoes to_lut_network", "[gate_layers]") {
  for (std::uint64_t c = 0; c < 10; ++c) {
    const auto seed = test::case_seed(96300 + c);
    INFO("seed " << seed);
    test::rng g(seed);
    // A LUT network of the family as the generic builder makes it: 2-LUTs, strict layers.
    const std::size_t n = 3 + g() % 8, m = 1 + g() % 4;
    const auto model = make_lut_network(n, m, {.k = 2, .widths = {4 + g() % 8, 2 + g() % 6}, .seed = seed});
    bitvec params(model.num_params);
    for (std::size_t j = 0; j < params.size(); ++j) params.set(j, (g() & 1U) != 0);
    const gate_network net = compile_gate_layers(model, &params);
    CHECK(net.num_layers() == 3);
    CHECK(net.num_outputs() == m);
    CHECK(gate_tables_as_params(net) == params);
    const auto f = model.build();
    std::vector<z2::element> p(params.size());
    for (std::size_t j = 0; j < p.size(); ++j) p[j] = params.get(j) ? 1 : 0;
    for (int s = 0; s < 20; ++s) {
      std::vector<std::uint8_t> x(n);
      for (auto& b : x) b = g() & 1U;
      const std::vector<z2::element> xe(x.begin(), x.end());
      const auto want = evaluate_reference<z2>(f, xe, p);
      const auto nodes = evaluate_gates_reference(net, x);
      for (std::size_t o = 0; o < m; ++o) REQUIRE(nodes[nodes.size() - m + o] == want[o]);
    }
    // And back: the compiled form of a gate network's model is that network.
    auto layered = make_gate_layers(n, {.layers = 2, .width = 6, .seed = seed});
    for (std::size_t k = 0; k < layered.num_gates(); ++k) layered.set_lut(k, static_cast<std::uint8_t>(g() % 16));
    const bitvec tables = gate_tables_as_params(layered);
    CHECK(compile_gate_layers(to_lut_network(layered), &tables) == layered);
  }
}

TEST_CASE("compile_gate_layers refuses networks outside the family, naming the LUT", "[gate_layers]") {
  CHECK_THROWS_WITH(compile_gate_layers(make_lut_network(6, 2, {.k = 4, .widths = {4}})), Catch::Contains("LUT 0 has 4 inputs"));
  // LUT 2 reads input 0, two layers below it.
  lut_network skip{.num_inputs = 2, .num_outputs = 1, .luts = {{{0, 1}, 0}, {{0, 1}, 4}, {{2, 0}, 8}}, .num_params = 12};
  CHECK_THROWS_WITH(compile_gate_layers(skip), Catch::Contains("LUT 2 reads node 0"));
  // Two outputs, but the last layer has one LUT.
  lut_network short_top{.num_inputs = 2, .num_outputs = 2, .luts = {{{0, 1}, 0}, {{0, 1}, 4}, {{2, 3}, 8}}, .num_params = 12};
  CHECK_THROWS_WITH(compile_gate_layers(short_top), Catch::Contains("the last layer has 1 LUTs"));
  const auto ok = make_lut_network(4, 1, {.k = 2, .widths = {2}});
  const bitvec wrong(3);
  CHECK_THROWS_AS(compile_gate_layers(ok, &wrong), std::invalid_argument);
}
