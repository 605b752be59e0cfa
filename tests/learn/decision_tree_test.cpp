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
  const decision_tree t = learn_decision_tree(train, {.pruning = tree_pruning::depth}, &report);
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

TEST_CASE("a forest's circuit and its bit-parallel majority agree with the trees' votes (bagging and random inputs)", "[tree]") {
  for (std::uint64_t k = 0; k < 12; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 2 + r() % 20, rows = 50 + r() % 400;
    const bit_dataset d = random_samples(n, rows, 0.15, r, [](const std::vector<bool>& x) { return x[0] != (x[1] && x[x.size() - 1]); });
    const std::size_t trees = 1 + 2 * (r() % 6);
    const decision_forest f = learn_decision_forest(d, {.trees = trees, .max_decisions = 20 + r() % 200, .input_share = k % 2 == 0 ? 1.0 : 0.0, .seed = r()});
    REQUIRE(f.trees.size() == trees);
    const std::size_t cut = r() % 6;
    const bitvec majority = forest_predictions(f, d.inputs), majority_cut = forest_predictions(f, d.inputs, cut);
    CHECK(evaluate(tape(decision_forest_circuit(f, n)), d.inputs, bitvec(0)).wire(0) == majority);
    for (std::size_t s = 0; s < rows; ++s) {
      std::size_t votes = 0, votes_cut = 0;
      for (const auto& t : f.trees) votes += walk(t, d.inputs, s) ? 1 : 0, votes_cut += walk(t, d.inputs, s, cut) ? 1 : 0;
      CHECK(majority.get(s) == (2 * votes > trees));
      CHECK(majority_cut.get(s) == (2 * votes_cut > trees));
    }
  }
  CHECK_THROWS_AS(learn_decision_forest(bit_dataset::zeros(3, 1, 10), {.trees = 4}), std::invalid_argument);
}

TEST_CASE("a forest's table is its trees' majority on every input, and its circuit's truth table", "[tree]") {
  for (std::uint64_t k = 0; k < 6; ++k) {
    const auto seed = case_seed(40 + k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 1 + r() % 12, rows = 20 + r() % 300;
    const bit_dataset d = random_samples(n, rows, 0.1, r, [](const std::vector<bool>& x) { return x[0] != x[x.size() / 2]; });
    const std::size_t trees = 1 + 2 * (r() % 8);
    const decision_forest f = learn_decision_forest(d, {.trees = trees, .max_depth = n, .max_decisions = SIZE_MAX, .seed = r()});
    const std::size_t cut = r() % 4 == 0 ? 1 + r() % 3 : SIZE_MAX;
    const bit_dataset table = forest_table(f, n, cut);
    REQUIRE(table.is_complete_table());
    REQUIRE(table.fully_specified());
    for (std::size_t s = 0; s < table.num_samples(); ++s) {
      std::size_t votes = 0;
      for (const auto& t : f.trees) votes += walk(t, table.inputs, s, cut) ? 1 : 0;
      REQUIRE(table.targets.get(0, s) == (2 * votes > trees));
    }
    if (cut == SIZE_MAX) CHECK(evaluate(tape(decision_forest_circuit(f, n)), table.inputs, bitvec(0)).wire(0) == table.targets.wire(0));
  }
  decision_forest f;
  f.trees.resize(1);
  f.trees[0].nodes = {{3, 1, 2, false}, {decision_tree::leaf, 0, 0, false}, {decision_tree::leaf, 0, 0, true}};
  CHECK_THROWS_AS(forest_table(f, 3), std::invalid_argument);  // input 3 of 3
  CHECK(forest_table(f, 4).targets.wire(0).popcount() == 8);
  CHECK_THROWS_AS(forest_table(f, max_forest_table_inputs + 1), std::invalid_argument);
}

TEST_CASE("a forest out of time stops at an odd number of trees", "[tree]") {
  rng r(case_seed(60));
  const bit_dataset d = random_samples(10, 300, 0.1, r, [](const std::vector<bool>& x) { return x[0] && x[3]; });
  const decision_forest quick = learn_decision_forest(d, {.trees = 51, .max_depth = 10, .seconds = 1e-9, .seed = 3});
  CHECK(quick.trees.size() == 1);
  const decision_forest all = learn_decision_forest(d, {.trees = 51, .max_depth = 10, .seconds = 0, .seed = 3});
  CHECK(all.trees.size() == 51);
}

TEST_CASE("a tree distilled from a forest: its size limit, its teacher's function, and the plain tree without new rows", "[tree]") {
  const auto seed = case_seed(61);
  INFO("seed " << seed);
  rng r(seed);
  // A noisy function of 3 of 12 inputs, 400 rows: the teacher (a bagged forest grown to fit) and
  // the tree distilled from it generalise to fresh rows.
  const auto f = [](const std::vector<bool>& x) { return (x[1] && x[4]) || (x[7] && !x[1]); };
  const bit_dataset train = random_samples(12, 400, 0.1, r, f), fresh = random_samples(12, 4000, 0, r, f);
  const std::size_t unlimited = SIZE_MAX;
  const decision_forest teacher = learn_decision_forest(train, {.trees = 31, .max_depth = unlimited, .max_decisions = unlimited, .seed = r()});
  const decision_tree student = distilled_tree(teacher, train, {.synthetic_rows = 6000, .max_decisions = 40, .seed = r()});
  CHECK(student.decisions() <= 40);
  const double n = static_cast<double>(fresh.num_samples());
  const double teacher_right = 1 - static_cast<double>(errors(forest_predictions(teacher, fresh.inputs), fresh)) / n;
  const double student_right = 1 - static_cast<double>(errors(tree_predictions(student, fresh.inputs), fresh)) / n;
  INFO("fresh rows right: teacher " << teacher_right << ", student " << student_right);
  CHECK(teacher_right > 0.9);
  CHECK(student_right > 0.9);
  // Without new rows the student is the tree grown on the training rows.
  const decision_tree plain = distilled_tree(teacher, train, {.synthetic_rows = 0, .max_decisions = 25});
  const decision_tree grown = grow_decision_tree(train, unlimited, 25);
  REQUIRE(plain.nodes.size() == grown.nodes.size());
  for (std::size_t k = 0; k < plain.nodes.size(); ++k) {
    CHECK(plain.nodes[k].input == grown.nodes[k].input);
    CHECK(plain.nodes[k].value == grown.nodes[k].value);
  }
  CHECK_THROWS_AS(distilled_tree(teacher, bit_dataset::zeros(12, 2, 10)), std::invalid_argument);
  CHECK_THROWS_AS(distilled_tree(teacher, random_samples(5, 50, 0, r, [](const std::vector<bool>& x) { return x[0]; })), std::invalid_argument);
}

namespace {

// The reference twin of weakest-link pruning: the least of (training errors / rows + alpha · leaves)
// over all prunings of the subtree at `node`, by dynamic programming.
double least_cost(const decision_tree& t, const bit_dataset& d, double alpha, std::uint32_t node, const bitvec& rows) {
  const double total = static_cast<double>(d.care.wire(0).popcount());
  const auto& n = t.nodes[node];
  const std::size_t ones = popcount_and(rows, d.targets.wire(0)), all = rows.popcount();
  const double as_leaf = static_cast<double>(n.value ? all - ones : ones) / total + alpha;
  if (n.input == decision_tree::leaf) return as_leaf;
  const bitvec& x = d.inputs.wire(n.input);
  return std::min(as_leaf, least_cost(t, d, alpha, n.lo, rows & ~x) + least_cost(t, d, alpha, n.hi, rows & x));
}

}  // namespace

TEST_CASE("weakest-link pruning gives the least errors plus alpha per leaf at every alpha", "[tree]") {
  for (std::uint64_t k = 0; k < 25; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 2 + r() % 10;
    const bit_dataset d = random_samples(n, 100 + r() % 300, 0.2, r, [](const std::vector<bool>& x) { return x[0] || (x[1] && x.back()); });
    const decision_tree t = grow_decision_tree(d, 1 + r() % 12, 1 + r() % 100);
    const std::vector<double> costs = pruning_costs(t, d);
    REQUIRE(costs.size() == t.nodes.size());
    for (std::size_t i = 0; i < t.nodes.size(); ++i) {
      const auto& node = t.nodes[i];
      if (node.input == decision_tree::leaf) {
        CHECK(costs[i] == 0);
        continue;
      }
      CHECK(costs[node.lo] <= costs[i]);
      CHECK(costs[node.hi] <= costs[i]);
    }
    const double total = static_cast<double>(d.num_samples());
    for (const double alpha : {0.0, 0.5 / total, 2.0 / total, 7.0 / total, 0.01 * double(r() % 30), 1.0}) {
      INFO("alpha " << alpha);
      const decision_tree p = pruned(t, costs, alpha);
      CHECK(p.decisions() <= t.decisions());
      const double errors = static_cast<double>(popcount_and(tree_predictions(p, d.inputs) ^ d.targets.wire(0), d.care.wire(0)));
      const double objective = errors / total + alpha * double(p.decisions() + 1);
      CHECK(objective == Approx(least_cost(t, d, alpha, 0, d.care.wire(0))).margin(1e-9));
    }
    CHECK(pruned(t, costs, 2.0).decisions() == 0);
  }
}

TEST_CASE("cost-complexity pruning chosen on held-out rows generalises on a noisy function", "[tree]") {
  rng r(case_seed(8));
  INFO("seed " << case_seed(8));
  const auto label = [](const std::vector<bool>& x) { return (x[2] && x[9]) || (x[4] && !x[20]) || (x[30] && x[31] && x[32]); };
  const bit_dataset train = random_samples(40, 3000, 0.1, r, label);
  const bit_dataset fresh = random_samples(40, 3000, 0, r, label);
  tree_report report;
  const decision_tree t = learn_decision_tree(train, {.pruning = tree_pruning::cost_complexity}, &report);
  INFO("alpha " << report.alpha << ", decisions " << t.decisions());
  CHECK(report.alpha > 0);
  CHECK(t.decisions() >= 5);
  CHECK(t.decisions() <= 60);  // the noise is pruned away
  CHECK(errors(tree_predictions(t, fresh.inputs), fresh) < 3000 / 50);
}
