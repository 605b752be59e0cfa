// Decision trees: the circuit, the bit-parallel predictions and a row-by-row walk agree on random
// trees and data; an unbounded tree fits any consistent sample exactly; the depth and decision
// limits hold; the depth chosen on held-out rows recovers a noisy function of few inputs well
// enough to generalise; bad input is refused.
#include "bitlens/eval/tape.hpp"
#include "bitlens/learn/decision_tree.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

// n random inputs over `rows` samples, labelled by `label` of the row (then flipped with
// probability `noise`).
template <class F>
bit_dataset random_samples(std::size_t n, std::size_t rows, double noise, rng& r, F label) {
  bit_dataset d = bit_dataset::zeros(n, 1, rows);
  std::bernoulli_distribution flip(noise);
  for (std::size_t s = 0; s < rows; ++s) {
    std::vector<bool> x(n);
    for (std::size_t i = 0; i < n; ++i) d.inputs.set(i, s, x[i] = (r() & 1U) != 0);
    d.targets.set(0, s, label(x) != flip(r));
  }
  return d;
}

// The reference twin of tree_predictions: each sample walks from the root.
bool walk(const decision_tree& t, const bit_batch& in, std::size_t s, std::size_t depth = SIZE_MAX) {
  std::uint32_t k = 0;
  for (std::size_t level = 0; t.nodes[k].input != decision_tree::leaf && level < depth; ++level) {
    k = in.get(t.nodes[k].input, s) ? t.nodes[k].hi : t.nodes[k].lo;
  }
  return t.nodes[k].value;
}

std::size_t errors(const bitvec& predicted, const bit_dataset& d) {
  return popcount_and(predicted ^ d.targets.wire(0), d.care.wire(0));
}

}  // namespace

TEST_CASE("a tree's circuit, its bit-parallel predictions and the walk agree", "[tree]") {
  for (std::uint64_t k = 0; k < 40; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 1 + r() % 12, rows = 1 + r() % 300;
    const std::uint64_t mask = r();
    // A noisy function of a few inputs, so that trees have every shape: leaves of both values,
    // constant arms, equal arms.
    const bit_dataset d = random_samples(n, rows, 0.1 * double(k % 3), r, [&](const std::vector<bool>& x) {
      std::size_t ones = 0;
      for (std::size_t i = 0; i < x.size(); ++i) ones += ((mask >> i) & 1U) != 0 && x[i] ? 1 : 0;
      return ones % 3 == 1;
    });
    const decision_tree t = grow_decision_tree(d, 1 + r() % 10, 1 + r() % 60);
    const circuit<z2> c = decision_tree_circuit(t, n);
    REQUIRE(c.num_inputs() == n);
    REQUIRE(c.num_outputs() == 1);
    const bitvec by_circuit = evaluate(tape(c), d.inputs, bitvec(0)).wire(0);
    const bitvec parallel = tree_predictions(t, d.inputs);
    CHECK(by_circuit == parallel);
    const std::size_t cut = r() % (t.depth() + 1);
    const bitvec parallel_cut = tree_predictions(t, d.inputs, cut);
    for (std::size_t s = 0; s < rows; ++s) {
      CHECK(parallel.get(s) == walk(t, d.inputs, s));
      CHECK(parallel_cut.get(s) == walk(t, d.inputs, s, cut));
    }
  }
}

TEST_CASE("an unbounded tree fits consistent samples exactly, within its limits otherwise", "[tree]") {
  for (std::uint64_t k = 0; k < 20; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    // Parity of three inputs: no single input gains anything at the root.
    const std::size_t n = 3 + r() % 10;
    const bit_dataset d = random_samples(n, 200, 0, r, [](const std::vector<bool>& x) { return x[0] != x[1] && x[1] == x[2]; });
    const decision_tree full = grow_decision_tree(d, 64, 100000);
    CHECK(errors(tree_predictions(full, d.inputs), d) == 0);
    const std::size_t depth = 1 + r() % 4, decisions = 1 + r() % 8;
    const decision_tree small = grow_decision_tree(d, depth, decisions);
    CHECK(small.depth() <= depth);
    CHECK(small.decisions() <= decisions);
    CHECK(grow_decision_tree(d, 0, 10).decisions() == 0);
  }
}

TEST_CASE("the depth chosen on held-out rows generalises on a noisy function of few inputs", "[tree]") {
  rng r(case_seed(7));
  INFO("seed " << case_seed(7));
  // Majority of x3, x5, x8 and x13 (ties: x3) among 40 inputs, 10% of the labels flipped.
  const auto label = [](const std::vector<bool>& x) {
    const int votes = int(x[3]) + int(x[5]) + int(x[8]) + int(x[13]);
    return votes > 2 || (votes == 2 && x[3]);
  };
  const bit_dataset train = random_samples(40, 3000, 0.1, r, label);
  const bit_dataset fresh = random_samples(40, 3000, 0, r, label);
  tree_report report;
  const decision_tree t = learn_decision_tree(train, {}, &report);
  INFO("depth " << report.depth << ", decisions " << t.decisions());
  CHECK(report.depth >= 4);
  CHECK(report.depth <= 8);  // a tree grown to the end memorises the noise
  CHECK(report.holdout_errors.size() > report.depth);
  CHECK(errors(tree_predictions(t, fresh.inputs), fresh) < 3000 / 50);  // over 98% on clean rows
  const decision_tree deep = grow_decision_tree(train, 24, 1600);
  CHECK(errors(tree_predictions(deep, fresh.inputs), fresh) > errors(tree_predictions(t, fresh.inputs), fresh));
}

TEST_CASE("decision trees refuse data of several outputs and trees of other inputs", "[tree]") {
  const bit_dataset two = bit_dataset::zeros(3, 2, 10);
  CHECK_THROWS_AS(grow_decision_tree(two, 4, 10), std::invalid_argument);
  rng r(case_seed(1));
  const bit_dataset d = random_samples(6, 100, 0, r, [](const std::vector<bool>& x) { return x[5]; });
  const decision_tree t = grow_decision_tree(d, 4, 10);
  REQUIRE(t.decisions() == 1);
  CHECK_THROWS_AS(decision_tree_circuit(t, 5), std::invalid_argument);
}
