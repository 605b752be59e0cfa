// Random layered wiring: every node of a layer is read, no gate reads one node twice, and a first
// layer restricted to the informative inputs reads exactly those.
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
