// Decision trees grown best-first over bit masks of rows (see the header).
#include "bitlens/learn/decision_tree.hpp"

#include "bitlens/ir/builder.hpp"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <queue>
#include <random>
#include <stdexcept>

namespace bitlens {
namespace {

// Entropy of a node's labels times its row count, in bits: n·H(ones / n).
double weighted_entropy(double ones, double n) {
  if (ones <= 0 || ones >= n) return 0;
  const double p = ones / n;
  return -n * (p * std::log2(p) + (1 - p) * std::log2(1 - p));
}

// A node waiting to be split: the cared rows that reach it and the best split they offer.
struct frontier {
  std::uint32_t index = 0;  // in the tree
  std::size_t depth = 0;
  bitvec rows;              // cared training rows reaching it
  std::uint32_t input = decision_tree::leaf;
  double gain = 0;          // weighted entropy removed by splitting on `input`
};

struct grower {
  const bit_dataset& d;
  const bitvec& y;

  // The input whose split removes the most weighted entropy from `rows` (ties: the lower index).
  // An impure node is split even when no input gains anything on its own (parity of two inputs):
  // the split after it may. Such splits come last, as their gain is 0.
  void best_split(frontier& f) const {
    const double n = static_cast<double>(f.rows.popcount());
    const bitvec rows_y = f.rows & y;
    const double ones = static_cast<double>(rows_y.popcount());
    f.input = decision_tree::leaf;
    f.gain = 0;
    if (ones == 0 || ones == n) return;  // pure: nothing to gain
    const double parent = weighted_entropy(ones, n);
    double best = -1;
    for (std::size_t i = 0; i < d.num_inputs(); ++i) {
      const bitvec& x = d.inputs.wire(i);
      const double n1 = static_cast<double>(popcount_and(f.rows, x));
      if (n1 == 0 || n1 == n) continue;
      const double ones1 = static_cast<double>(popcount_and(rows_y, x));
      const double gain = parent - weighted_entropy(ones1, n1) - weighted_entropy(ones - ones1, n - n1);
      if (gain > best + 1e-9) best = gain, f.input = static_cast<std::uint32_t>(i);
    }
    f.gain = std::max(0.0, best);
  }
};

// The majority label of `rows` (ties: `fallback`).
bool majority(const bitvec& rows, const bitvec& y, bool fallback) {
  const std::size_t n = rows.popcount(), ones = popcount_and(rows, y);
  return 2 * ones == n ? fallback : 2 * ones > n;
}

}  // namespace

std::size_t decision_tree::decisions() const {
  return static_cast<std::size_t>(std::count_if(nodes.begin(), nodes.end(), [](const node& n) { return n.input != leaf; }));
}

std::size_t decision_tree::depth() const {
  std::vector<std::size_t> level(nodes.size(), 0);
  std::size_t deepest = 0;
  for (std::size_t i = 0; i < nodes.size(); ++i) {  // parents come before their children
    if (nodes[i].input == leaf) continue;
    deepest = std::max(deepest, level[i] + 1);
    level[nodes[i].lo] = level[nodes[i].hi] = level[i] + 1;
  }
  return deepest;
}

decision_tree grow_decision_tree(const bit_dataset& d, std::size_t max_depth, std::size_t max_decisions) {
  if (d.num_outputs() != 1) throw std::invalid_argument("grow_decision_tree: the data needs one output, it has " + std::to_string(d.num_outputs()));
  const bitvec& y = d.targets.wire(0);
  const grower g{d, y};
  decision_tree t;
  const auto by_gain = [](const frontier& a, const frontier& b) { return a.gain < b.gain || (a.gain == b.gain && a.index > b.index); };
  std::priority_queue<frontier, std::vector<frontier>, decltype(by_gain)> open(by_gain);
  frontier root{0, 0, d.care.wire(0)};
  t.nodes[0].value = majority(root.rows, y, false);
  if (max_depth > 0) g.best_split(root);
  open.push(std::move(root));
  std::size_t decisions = 0;
  while (!open.empty() && decisions < max_decisions) {
    frontier f = open.top();
    open.pop();
    if (f.input == decision_tree::leaf) continue;  // nothing left worth splitting here
    const bitvec& x = d.inputs.wire(f.input);
    bitvec hi_rows = f.rows & x, lo_rows = f.rows & ~x;
    const bool value = t.nodes[f.index].value;
    const auto child = [&](bitvec rows) {
      const auto index = static_cast<std::uint32_t>(t.nodes.size());
      t.nodes.push_back({decision_tree::leaf, 0, 0, majority(rows, y, value)});
      frontier c{index, f.depth + 1, std::move(rows)};
      if (c.depth < max_depth) g.best_split(c);
      open.push(std::move(c));
      return index;
    };
    const std::uint32_t lo = child(std::move(lo_rows));
    const std::uint32_t hi = child(std::move(hi_rows));
    t.nodes[f.index].input = f.input, t.nodes[f.index].lo = lo, t.nodes[f.index].hi = hi;
    ++decisions;
  }
  return t;
}

bitvec tree_predictions(const decision_tree& t, const bit_batch& inputs, std::size_t depth) {
  bitvec out(inputs.num_samples());
  struct item {
    std::uint32_t node;
    std::size_t level;
    bitvec rows;
  };
  std::vector<item> stack;
  stack.push_back({0, 0, bitvec(inputs.num_samples(), true)});
  while (!stack.empty()) {
    item it = std::move(stack.back());
    stack.pop_back();
    if (it.rows.none()) continue;
    const auto& n = t.nodes[it.node];
    if (n.input == decision_tree::leaf || it.level >= depth) {
      if (n.value) out |= it.rows;
      continue;
    }
    const bitvec& x = inputs.wire(n.input);
    stack.push_back({n.lo, it.level + 1, it.rows & ~x});
    stack.push_back({n.hi, it.level + 1, std::move(it.rows &= x)});
  }
  return out;
}

decision_tree learn_decision_tree(const bit_dataset& train, const tree_params& params, tree_report* report) {
  if (params.max_depth > 0) {
    if (report != nullptr) report->depth = params.max_depth;
    return grow_decision_tree(train, params.max_depth, params.max_decisions);
  }
  // Hold out a random share of the rows; grow on the rest to the deepest depth considered, and
  // count the held-out errors of that tree cut at each depth.
  std::vector<std::size_t> order(train.num_samples());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(params.seed);
  std::shuffle(order.begin(), order.end(), rng);
  const auto held = static_cast<std::size_t>(params.holdout * static_cast<double>(order.size()));
  std::vector<std::size_t> held_rows(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(held));
  std::vector<std::size_t> fit_rows(order.begin() + static_cast<std::ptrdiff_t>(held), order.end());
  std::sort(held_rows.begin(), held_rows.end());
  std::sort(fit_rows.begin(), fit_rows.end());
  const bit_dataset fit = train.subset(fit_rows), check = train.subset(held_rows);
  const decision_tree probe = grow_decision_tree(fit, params.deepest, params.max_decisions);
  const std::size_t reached = probe.depth();
  std::size_t best = 0, best_errors = SIZE_MAX;
  tree_report r;
  for (std::size_t depth = 0; depth <= reached; ++depth) {
    const bitvec wrong = (tree_predictions(probe, check.inputs, depth) ^ check.targets.wire(0)) & check.care.wire(0);
    const std::size_t errors = wrong.popcount();
    r.holdout_errors.push_back(errors);
    if (errors < best_errors) best = depth, best_errors = errors;
  }
  r.depth = best;
  if (report != nullptr) *report = std::move(r);
  return grow_decision_tree(train, best, params.max_decisions);
}

circuit<z2> decision_tree_circuit(const decision_tree& t, std::size_t num_inputs, const std::vector<std::string>& input_names) {
  circuit_builder<z2> b;
  std::vector<wire> x;
  for (std::size_t i = 0; i < num_inputs; ++i) x.push_back(b.input(i < input_names.size() && input_names.size() == num_inputs ? input_names[i] : "x" + std::to_string(i)));
  // Children come after their parents: build from the last node back. Each decision in the shape
  // that costs least: a constant arm makes it one AND or OR, equal arms make it that arm.
  std::vector<wire> w(t.nodes.size());
  const wire zero = b.zero(), one = b.one();
  for (std::size_t i = t.nodes.size(); i-- > 0;) {
    const auto& n = t.nodes[i];
    if (n.input == decision_tree::leaf) {
      w[i] = n.value ? one : zero;
      continue;
    }
    if (n.input >= num_inputs) throw std::invalid_argument("decision_tree_circuit: the tree tests input " + std::to_string(n.input) + " of " + std::to_string(num_inputs));
    const wire s = x[n.input], lo = w[n.lo], hi = w[n.hi];
    if (lo == hi) w[i] = lo;
    else if (lo == zero && hi == one) w[i] = s;
    else if (lo == one && hi == zero) w[i] = b.not_(s);
    else if (lo == zero) w[i] = b.and_(s, hi);
    else if (hi == zero) w[i] = b.and_(b.not_(s), lo);
    else if (hi == one) w[i] = b.or_(s, lo);
    else if (lo == one) w[i] = b.or_(b.not_(s), hi);
    else w[i] = b.mux(s, hi, lo);
  }
  b.output(w[0]);
  return b.build({.prune = true});
}

}  // namespace bitlens
