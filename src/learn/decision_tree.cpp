// Decision trees grown best-first over bit masks of rows (see the header).
#include "bitlens/learn/decision_tree.hpp"

#include "bitlens/algebra/row_split.hpp"
#include "bitlens/ir/builder.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
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
  std::mt19937_64* sampler = nullptr;  // when set, each split is chosen among `tried` random inputs
  std::size_t tried = 0;

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
    std::vector<std::size_t> inputs(d.num_inputs());
    std::iota(inputs.begin(), inputs.end(), std::size_t{0});
    if (sampler != nullptr && tried < inputs.size()) {  // a partial shuffle draws `tried` of them
      for (std::size_t k = 0; k < tried; ++k) std::swap(inputs[k], inputs[k + (*sampler)() % (inputs.size() - k)]);
      inputs.resize(tried);
      std::sort(inputs.begin(), inputs.end());
    }
    for (const std::size_t i : inputs) {
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

// Grows a tree best-first (see grow_decision_tree); with a sampler, splits among random inputs.
decision_tree grow(const bit_dataset& d, std::size_t max_depth, std::size_t max_decisions, std::mt19937_64* sampler, std::size_t tried) {
  if (d.num_outputs() != 1) throw std::invalid_argument("grow_decision_tree: the data needs one output, it has " + std::to_string(d.num_outputs()));
  const bitvec& y = d.targets.wire(0);
  const grower g{d, y, sampler, tried};
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

// The wire of tree t's output, built in b over the input wires x.
wire append_tree(circuit_builder<z2>& b, const std::vector<wire>& x, const decision_tree& t) {
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
    if (n.input >= x.size()) throw std::invalid_argument("decision_tree_circuit: the tree tests input " + std::to_string(n.input) + " of " + std::to_string(x.size()));
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
  return w[0];
}

std::vector<wire> named_inputs(circuit_builder<z2>& b, std::size_t num_inputs, const std::vector<std::string>& names) {
  std::vector<wire> x;
  for (std::size_t i = 0; i < num_inputs; ++i) x.push_back(b.input(names.size() == num_inputs ? names[i] : "x" + std::to_string(i)));
  return x;
}

// The depth (0 … deepest reached) at which `predict(depth)` makes the fewest errors on `check`.
template <class Predict>
tree_report choose_depth(const bit_dataset& check, std::size_t reached, Predict predict) {
  tree_report r;
  std::size_t best_errors = SIZE_MAX;
  for (std::size_t depth = 0; depth <= reached; ++depth) {
    const std::size_t errors = popcount_and(predict(depth) ^ check.targets.wire(0), check.care.wire(0));
    r.holdout_errors.push_back(errors);
    if (errors < best_errors) r.depth = depth, best_errors = errors;
  }
  return r;
}

// A forest of `trees` trees grown on bootstrap samples of d, `seed` drawing the samples and inputs.
decision_forest grow_forest(const bit_dataset& d, const forest_params& p, std::size_t max_depth, std::uint64_t seed) {
  const auto start = std::chrono::steady_clock::now();
  const auto out_of_time = [&] { return p.seconds > 0 && std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() >= p.seconds; };
  std::mt19937_64 rng(seed);
  const double n = static_cast<double>(d.num_inputs());
  const auto tried = std::max<std::size_t>(1, static_cast<std::size_t>(std::lround(p.input_share > 0 ? std::min(1.0, p.input_share) * n : std::sqrt(n))));
  decision_forest f;
  for (std::size_t k = 0; k < p.trees; ++k) {
    if (k % 2 == 1 && out_of_time()) break;  // an odd number of trees so far: the majority has no ties
    std::vector<std::size_t> rows(d.num_samples());
    for (auto& r : rows) r = d.num_samples() == 0 ? 0 : rng() % d.num_samples();
    std::sort(rows.begin(), rows.end());
    f.trees.push_back(grow(d.subset(rows), max_depth, std::max<std::size_t>(1, p.max_decisions / p.trees), &rng, tried));
  }
  return f;
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
  return grow(d, max_depth, max_decisions, nullptr, 0);
}

namespace {

// The tree's output on every sample, a node answering with its value where it is a leaf or
// `stop(node, level)` says so.
template <class Stop>
bitvec predictions(const decision_tree& t, const bit_batch& inputs, Stop stop) {
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
    if (n.input == decision_tree::leaf || stop(it.node, it.level)) {
      if (n.value) out |= it.rows;
      continue;
    }
    const bitvec& x = inputs.wire(n.input);
    stack.push_back({n.lo, it.level + 1, it.rows & ~x});
    stack.push_back({n.hi, it.level + 1, std::move(it.rows &= x)});
  }
  return out;
}

}  // namespace

bitvec tree_predictions(const decision_tree& t, const bit_batch& inputs, std::size_t depth) {
  return predictions(t, inputs, [depth](std::uint32_t, std::size_t level) { return level >= depth; });
}

std::vector<double> pruning_costs(const decision_tree& t, const bit_dataset& d) {
  if (d.num_outputs() != 1) throw std::invalid_argument("pruning_costs: the data needs one output, it has " + std::to_string(d.num_outputs()));
  // The training errors of each node were it a leaf: its rows whose label is not its value.
  const std::size_t m = t.nodes.size();
  std::vector<double> as_leaf(m, 0);
  std::vector<bitvec> rows(m);
  rows[0] = d.care.wire(0);
  for (std::size_t i = 0; i < m; ++i) {  // parents come before their children
    const auto& n = t.nodes[i];
    const std::size_t ones = popcount_and(rows[i], d.targets.wire(0)), all = rows[i].popcount();
    as_leaf[i] = static_cast<double>(n.value ? all - ones : ones);
    if (n.input != decision_tree::leaf) {
      if (n.input >= d.num_inputs()) throw std::invalid_argument("pruning_costs: the tree tests input " + std::to_string(n.input) + " of " + std::to_string(d.num_inputs()));
      rows[n.lo] = rows[i] & ~d.inputs.wire(n.input);
      rows[n.hi] = rows[i] & d.inputs.wire(n.input);
    }
    rows[i] = bitvec();
  }
  const double total = std::max(1.0, static_cast<double>(d.care.wire(0).popcount()));
  // Weakest link: while decisions are left, the one whose subtree saves the fewest errors per
  // extra leaf, g = (errors as a leaf − errors of its leaves) / (leaves − 1), becomes a leaf.
  constexpr double unset = std::numeric_limits<double>::infinity();
  std::vector<double> cost(m, unset);
  std::vector<char> decision(m);
  for (std::size_t i = 0; i < m; ++i) decision[i] = t.nodes[i].input != decision_tree::leaf;
  std::vector<double> sub_errors(m);
  std::vector<std::size_t> leaves(m);
  for (;;) {
    double weakest = unset;
    for (std::size_t i = m; i-- > 0;) {  // children first
      if (!decision[i]) {
        sub_errors[i] = as_leaf[i], leaves[i] = 1;
        continue;
      }
      const auto& n = t.nodes[i];
      sub_errors[i] = sub_errors[n.lo] + sub_errors[n.hi], leaves[i] = leaves[n.lo] + leaves[n.hi];
      weakest = std::min(weakest, (as_leaf[i] - sub_errors[i]) / static_cast<double>(leaves[i] - 1));
    }
    if (weakest == unset) break;
    for (std::size_t i = 0; i < m; ++i) {
      if (!decision[i]) continue;
      const double g = (as_leaf[i] - sub_errors[i]) / static_cast<double>(leaves[i] - 1);
      if (g <= weakest + 1e-9) cost[i] = std::max(0.0, weakest) / total, decision[i] = 0;
    }
    // The decisions under a new leaf are gone with it (their cost is set below, from the leaf's).
    for (std::size_t i = 0; i < m; ++i) {
      const auto& n = t.nodes[i];
      if (!decision[i] && n.input != decision_tree::leaf) decision[n.lo] = decision[n.hi] = 0;
    }
  }
  // A decision pruned with its ancestor goes when the ancestor goes; leaves cost nothing.
  for (std::size_t i = 0; i < m; ++i) {
    const auto& n = t.nodes[i];
    if (n.input == decision_tree::leaf) {
      cost[i] = 0;
      continue;
    }
    if (n.lo < m && t.nodes[n.lo].input != decision_tree::leaf) cost[n.lo] = std::min(cost[n.lo], cost[i]);
    if (n.hi < m && t.nodes[n.hi].input != decision_tree::leaf) cost[n.hi] = std::min(cost[n.hi], cost[i]);
  }
  return cost;
}

decision_tree pruned(const decision_tree& t, const std::vector<double>& costs, double alpha) {
  decision_tree out;
  out.nodes[0] = t.nodes[0];
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack{{0, 0}};  // (node of t, node of out)
  while (!stack.empty()) {
    const auto [from, to] = stack.back();
    stack.pop_back();
    const auto& n = t.nodes[from];
    if (n.input == decision_tree::leaf || costs[from] <= alpha) {
      out.nodes[to] = {decision_tree::leaf, 0, 0, n.value};
      continue;
    }
    const auto lo = static_cast<std::uint32_t>(out.nodes.size());
    out.nodes.push_back(t.nodes[n.lo]);
    out.nodes.push_back(t.nodes[n.hi]);
    out.nodes[to].lo = lo, out.nodes[to].hi = lo + 1;
    stack.push_back({n.lo, lo});
    stack.push_back({n.hi, lo + 1});
  }
  return out;
}

decision_tree learn_decision_tree(const bit_dataset& train, const tree_params& params, tree_report* report) {
  if (params.max_depth > 0) {
    if (report != nullptr) *report = tree_report{params.max_depth, 0, {}};
    return grow_decision_tree(train, params.max_depth, params.max_decisions);
  }
  // Grow on the rows not held out to the deepest depth considered; count the held-out errors of
  // that tree at each depth or pruning.
  std::mt19937_64 rng(params.seed);
  const row_split rows = split_rows(train.num_samples(), params.holdout, rng);
  const bit_dataset check = train.subset(rows.held), fit = train.subset(rows.rest);
  const decision_tree probe = grow_decision_tree(fit, params.deepest, params.max_decisions);
  if (params.pruning == tree_pruning::depth) {
    tree_report r = choose_depth(check, probe.depth(), [&](std::size_t depth) { return tree_predictions(probe, check.inputs, depth); });
    decision_tree t = grow_decision_tree(train, r.depth, params.max_decisions);
    if (report != nullptr) *report = std::move(r);
    return t;
  }
  // Cost-complexity: the distinct costs at which the probe loses decisions, from the whole tree
  // (cost 0) to the root alone; each candidate alpha is the geometric middle of its interval, as
  // the same tree is pruned anywhere in it. Ties go to the larger alpha, the smaller tree.
  const std::vector<double> costs = pruning_costs(probe, fit);
  std::vector<double> steps{0};
  for (std::size_t i = 0; i < costs.size(); ++i) {
    if (probe.nodes[i].input != decision_tree::leaf) steps.push_back(costs[i]);
  }
  std::sort(steps.begin(), steps.end());
  steps.erase(std::unique(steps.begin(), steps.end()), steps.end());
  tree_report r;
  std::size_t best_errors = SIZE_MAX;
  for (std::size_t k = 0; k < steps.size(); ++k) {
    const double lo = steps[k], hi = k + 1 < steps.size() ? steps[k + 1] : 2 * std::max(lo, 1e-6);
    const double alpha = lo > 0 ? std::sqrt(lo * hi) : hi / 2;
    const bitvec got = predictions(probe, check.inputs, [&](std::uint32_t node, std::size_t) { return costs[node] <= alpha; });
    const std::size_t errors = popcount_and(got ^ check.targets.wire(0), check.care.wire(0));
    r.holdout_errors.push_back(errors);
    if (errors <= best_errors) best_errors = errors, r.alpha = alpha;
  }
  const decision_tree full = grow_decision_tree(train, params.deepest, params.max_decisions);
  decision_tree t = pruned(full, pruning_costs(full, train), r.alpha);
  r.depth = t.depth();
  if (report != nullptr) *report = std::move(r);
  return t;
}

bitvec forest_predictions(const decision_forest& f, const bit_batch& inputs, std::size_t depth) {
  // Bit-sliced counters of the trees saying 1, then the comparison with half of them.
  std::vector<bitvec> count;
  for (const auto& t : f.trees) {
    bitvec carry = tree_predictions(t, inputs, depth);
    for (auto& digit : count) {
      bitvec next = digit & carry;
      digit ^= carry;
      carry = std::move(next);
    }
    if (carry.any()) count.push_back(std::move(carry));
  }
  // count > trees / 2, most significant digit first: greater where the first differing digit is 1.
  const std::size_t half = f.trees.size() / 2;
  bitvec greater(inputs.num_samples()), equal(inputs.num_samples(), true);
  for (std::size_t k = std::max<std::size_t>(count.size(), std::bit_width(half)); k-- > 0;) {
    const bitvec digit = k < count.size() ? count[k] : bitvec(inputs.num_samples());
    if (((half >> k) & 1U) != 0) equal &= digit;
    else greater |= equal & digit, equal &= ~digit;
  }
  return greater;
}

namespace {

// std::invalid_argument naming `what` when a tree of f tests an input past num_inputs.
void check_forest_inputs(const decision_forest& f, std::size_t num_inputs, const char* what) {
  for (const auto& t : f.trees) {
    for (const auto& n : t.nodes) {
      if (n.input != decision_tree::leaf && n.input >= num_inputs) {
        throw std::invalid_argument(std::string(what) + ": a tree tests input " + std::to_string(n.input) + " of " + std::to_string(num_inputs));
      }
    }
  }
}

}  // namespace

bit_dataset forest_table(const decision_forest& f, std::size_t num_inputs, std::size_t depth) {
  if (num_inputs > max_forest_table_inputs) {
    throw std::invalid_argument("forest_table: " + std::to_string(num_inputs) + " inputs; at most " + std::to_string(max_forest_table_inputs));
  }
  check_forest_inputs(f, num_inputs, "forest_table");
  bit_dataset table = bit_dataset::complete_table(num_inputs, 1);
  table.targets.wire(0) = forest_predictions(f, table.inputs, depth);
  return table;
}

decision_forest learn_decision_forest(const bit_dataset& train, const forest_params& params, tree_report* report) {
  if (params.trees % 2 == 0) throw std::invalid_argument("learn_decision_forest: the majority needs an odd number of trees, got " + std::to_string(params.trees));
  std::mt19937_64 rng(params.seed);
  if (params.max_depth > 0) {
    if (report != nullptr) *report = tree_report{params.max_depth, 0, {}};
    return grow_forest(train, params, params.max_depth, rng());
  }
  const row_split rows = split_rows(train.num_samples(), params.holdout, rng);
  const bit_dataset check = train.subset(rows.held);
  const decision_forest probe = grow_forest(train.subset(rows.rest), params, params.deepest, rng());
  std::size_t reached = 0;
  for (const auto& t : probe.trees) reached = std::max(reached, t.depth());
  tree_report r = choose_depth(check, reached, [&](std::size_t depth) { return forest_predictions(probe, check.inputs, depth); });
  decision_forest f = grow_forest(train, params, r.depth, rng());
  if (report != nullptr) *report = std::move(r);
  return f;
}

decision_tree distilled_tree(const decision_forest& teacher, const bit_dataset& train, const distill_params& params) {
  if (train.num_outputs() != 1) throw std::invalid_argument("distilled_tree: the data needs one output, it has " + std::to_string(train.num_outputs()));
  check_forest_inputs(teacher, train.num_inputs(), "distilled_tree");
  // The cared rows only: a don't-care row teaches nothing.
  std::vector<std::size_t> cared;
  for (std::size_t s = 0; s < train.num_samples(); ++s) {
    if (train.care.get(0, s)) cared.push_back(s);
  }
  const bit_dataset rows = train.subset(cared);
  const std::size_t n = rows.num_inputs(), m = rows.num_samples(), extra = m == 0 ? 0 : params.synthetic_rows;
  std::mt19937_64 rng(params.seed);
  std::bernoulli_distribution flip(params.flip);
  // The training rows, then the synthetic ones, which the teacher labels.
  bit_dataset all = bit_dataset::zeros(n, 1, m + extra);
  all.input_names = rows.input_names, all.output_names = rows.output_names;
  for (std::size_t s = 0; s < m; ++s) all.targets.set(0, s, rows.targets.get(0, s));
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t s = 0; s < m; ++s) all.inputs.set(i, s, rows.inputs.get(i, s));
  }
  for (std::size_t k = 0; k < extra; ++k) {
    const std::size_t s = m + k, source = rng() % m;
    for (std::size_t i = 0; i < n; ++i) all.inputs.set(i, s, k % 2 == 0 ? (rng() & 1U) != 0 : rows.inputs.get(i, source) != flip(rng));
  }
  if (extra > 0) {
    const bitvec taught = forest_predictions(teacher, all.inputs);
    for (std::size_t k = 0; k < extra; ++k) all.targets.set(0, m + k, taught.get(m + k));
  }
  return grow_decision_tree(all, std::numeric_limits<std::size_t>::max(), params.max_decisions);
}

circuit<z2> decision_tree_circuit(const decision_tree& t, std::size_t num_inputs, const std::vector<std::string>& input_names) {
  circuit_builder<z2> b;
  const std::vector<wire> x = named_inputs(b, num_inputs, input_names);
  b.output(append_tree(b, x, t));
  return b.build({.prune = true});
}

circuit<z2> decision_forest_circuit(const decision_forest& f, std::size_t num_inputs, const std::vector<std::string>& input_names) {
  circuit_builder<z2> b;
  const std::vector<wire> x = named_inputs(b, num_inputs, input_names);
  // at_least[j]: at least j of the trees so far say 1 (a threshold built one tree at a time).
  const std::size_t need = f.trees.size() / 2 + 1;
  std::vector<wire> at_least(need + 1, b.zero());
  at_least[0] = b.one();
  for (const auto& t : f.trees) {
    const wire says = append_tree(b, x, t);
    for (std::size_t j = need; j > 0; --j) at_least[j] = b.or_(at_least[j], b.and_(says, at_least[j - 1]));
  }
  b.output(at_least[need]);
  return b.build({.prune = true});
}

}  // namespace bitlens
