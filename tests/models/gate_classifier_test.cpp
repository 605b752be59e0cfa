// Gate classifiers: the text form round-trips, the Z2 circuit computes what the compiled network
// computes, damaged files name their line, and keep-best training returns the validation-best tables.
#include "bitlens/algebra/error.hpp"
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/models/gate_classifier.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_gate_classifier(text, "m.bgc");
  } catch (const input_error& e) {
    return e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("gate classifiers round-trip as text and their circuit computes the network", "[gate_classifier]") {
  for (std::uint64_t k = 0; k < 12; ++k) {
    const auto seed = case_seed(91000 + k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t inputs = 3 + r() % 20, classes = 2 + r() % 4, group = 1 + r() % 4;
    gate_layers_params lp{.layers = 1 + r() % 4, .width = classes * group, .seed = seed, .random_fraction = 1.0};
    const gate_classifier c{make_gate_layers(inputs, lp), classes};
    const gate_classifier back = parse_gate_classifier(format_gate_classifier(c), "m.bgc");
    CHECK(back.net == c.net);
    CHECK(back.classes == c.classes);
    const bit_batch x = random_batch(inputs, 300, r);
    const bit_batch expected = compiled_gates(c.net).evaluate(x);
    const bit_batch got = evaluate(tape(gate_classifier_circuit(c)), x, bitvec(0));
    REQUIRE(got.num_wires() == expected.num_wires());
    for (std::size_t o = 0; o < got.num_wires(); ++o) CHECK(got.wire(o) == expected.wire(o));
  }
}

TEST_CASE("the decision circuit predicts the class the group-sum head predicts, ties included", "[gate_classifier]") {
  for (std::uint64_t k = 0; k < 16; ++k) {
    const auto seed = case_seed(93000 + k);
    INFO("seed " << seed);
    rng r(seed);
    // Small groups make ties common, so the tie-break (the lowest class) is exercised.
    const std::size_t inputs = 3 + r() % 12, classes = 2 + r() % 9, group = 1 + r() % 5;
    gate_layers_params lp{.layers = 1 + r() % 3, .width = classes * group, .seed = seed, .random_fraction = 1.0};
    const gate_classifier c{make_gate_layers(inputs, lp), classes};
    const bit_batch x = random_batch(inputs, 500, r);
    const auto expected = compiled_gates(c.net).predict_groups(x, classes, {.threads = 1});
    const circuit<z2> decision = gate_classifier_decision_circuit(c);
    REQUIRE(decision.num_inputs() == inputs);
    const bit_batch got = evaluate(tape(decision), x, bitvec(0));
    for (std::size_t s = 0; s < expected.size(); ++s) {
      std::uint32_t cls = 0;
      for (std::size_t i = 0; i < got.num_wires(); ++i) cls |= (got.get(i, s) ? 1U : 0U) << i;
      REQUIRE(cls == expected[s]);
    }
  }
}

TEST_CASE("damaged classifier files are rejected with file:line", "[gate_classifier][errors]") {
  const std::string head = "bitlens-gate-classifier 1\ninputs 3\nclasses 2\n";
  CHECK_THAT(error_of("bitlens-gate-classifier 2\n"), Catch::StartsWith("m.bgc:1: not a bitlens gate classifier"));
  CHECK_THAT(error_of(head + "layer 2\n0 1 8\n2 3 6\n"), Catch::StartsWith("m.bgc:6: operand b 3 is more than 2"));
  CHECK_THAT(error_of(head + "layer 2\n0 1 16\n0 2 6\n"), Catch::StartsWith("m.bgc:5: table 16 is more than 15"));
  CHECK_THAT(error_of(head + "layer 3\n0 1 8\n0 2 6\n1 2 6\n"), Catch::Contains("do not split into 2 classes"));
  CHECK_THAT(error_of(head + "layer 2\n0 1 8\n"), Catch::Contains("unexpected end of file"));
  CHECK_THAT(error_of(head + "layer 99999999\n0 1 8\n"), Catch::StartsWith("m.bgc:4: layer 99999999 is more than"));
  CHECK_THAT(error_of(head), Catch::Contains("no layers"));
  CHECK(error_of(head + "# a comment\nlayer 2\n0 1 8  # and\n0 2 6\n") == "no error");
}

TEST_CASE("keep-best training leaves the tables that scored best on validation", "[gate_classifier][gate_train]") {
  rng r(case_seed(92000));
  // Two classes: x0 XOR x1 (the other bits noise); validation samples drawn the same way.
  const auto make = [&](std::size_t n, bit_batch& x, std::vector<std::uint32_t>& y) {
    x = random_batch(8, n, r);
    y.resize(n);
    for (std::size_t s = 0; s < n; ++s) y[s] = x.get(0, s) != x.get(1, s) ? 1U : 0U;
  };
  bit_batch xt, xv;
  std::vector<std::uint32_t> yt, yv;
  make(2048, xt, yt);
  make(512, xv, yv);
  auto net = make_gate_layers(8, {.layers = 2, .width = 16, .seed = 3});
  gate_train_params p;
  p.classes = 2;
  p.batch = 256;
  p.budget = {.epochs = 30};
  p.threads = 1;
  p.report_every = 512;
  std::vector<double> seen;
  p.on_event = [&](const train_event& rep) {
    CHECK(rep.valid_accuracy() >= 0);
    seen.push_back(rep.valid_accuracy());
    return true;
  };
  const class_samples valid{xv, yv};
  p.valid = &valid;
  gate_train_stats sel;
  bitlens::train(net, {xt, yt}, p, &sel);
  REQUIRE(!seen.empty());
  CHECK(sel.chosen.valid_accuracy() >= *std::max_element(seen.begin(), seen.end()));
  // The network holds the chosen tables: its validation accuracy is the one reported.
  CHECK(classification_accuracy(compiled_gates(net).predict_groups(xv, 2, {.threads = 1}), yv) == Approx(sel.chosen.valid_accuracy()));
  const bit_batch wrong_width = random_batch(7, 10, r);
  const std::vector<std::uint32_t> zeros(10, 0);
  const class_samples mismatched{wrong_width, zeros};
  p.valid = &mismatched;
  CHECK_THROWS_AS(bitlens::train(net, {xt, yt}, p), std::invalid_argument);
}

TEST_CASE("a merged ensemble's class scores are the sums of its members' scores", "[gate_classifier]") {
  for (std::uint64_t k = 0; k < 10; ++k) {
    const auto seed = case_seed(95000 + k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t inputs = 3 + r() % 12, classes = 2 + r() % 5, layers = 1 + r() % 3, count = 1 + r() % 4;
    std::vector<gate_classifier> members;
    for (std::size_t m = 0; m < count; ++m) {
      gate_layers_params lp{.layers = layers, .width = classes * (1 + r() % 4), .seed = seed + 17 * m, .random_fraction = 1.0};
      members.push_back({make_gate_layers(inputs, lp), classes});
    }
    const gate_classifier merged = merge_gate_classifiers(members);
    CHECK(merged.classes == classes);
    std::size_t gates = 0;
    for (const auto& m : members) gates += m.net.num_gates();
    CHECK(merged.net.num_gates() == gates);
    const bit_batch x = random_batch(inputs, 200, r);
    // Scores: ones in each class's group, per sample.
    const auto scores = [&](const gate_classifier& c) {
      const bit_batch out = compiled_gates(c.net).evaluate(x);
      const std::size_t group = out.num_wires() / classes;
      std::vector<std::vector<std::size_t>> s(classes, std::vector<std::size_t>(x.num_samples(), 0));
      for (std::size_t o = 0; o < out.num_wires(); ++o) {
        for (std::size_t j = 0; j < x.num_samples(); ++j) s[o / group][j] += out.get(o, j) ? 1 : 0;
      }
      return s;
    };
    auto sum = scores(members[0]);
    for (std::size_t m = 1; m < count; ++m) {
      const auto more = scores(members[m]);
      for (std::size_t c = 0; c < classes; ++c) {
        for (std::size_t j = 0; j < x.num_samples(); ++j) sum[c][j] += more[c][j];
      }
    }
    CHECK(scores(merged) == sum);
    const auto predicted = compiled_gates(merged.net).predict_groups(x, classes, {.threads = 1});
    for (std::size_t j = 0; j < x.num_samples(); ++j) {
      std::uint32_t best = 0;
      for (std::uint32_t c = 1; c < classes; ++c) best = sum[c][j] > sum[best][j] ? c : best;
      REQUIRE(predicted[j] == best);
    }
  }
  const gate_classifier a{make_gate_layers(5, {.layers = 2, .width = 4}), 2}, b{make_gate_layers(6, {.layers = 2, .width = 4}), 2};
  CHECK_THROWS_WITH(merge_gate_classifiers(std::vector<gate_classifier>{a, b}), Catch::Contains("member 1 has 6 inputs"));
  CHECK_THROWS(merge_gate_classifiers(std::vector<gate_classifier>{}));
}
