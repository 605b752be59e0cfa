// The learners of the portfolio of `bitlens learn` and the portfolio itself (portfolio.hpp).
#include "bitlens/models/portfolio.hpp"

#include "bitlens/eval/tape.hpp"
#include "bitlens/ir/aig.hpp"
#include "bitlens/ir/compose.hpp"
#include "bitlens/learn/decision_diagram.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/linear_threshold.hpp"
#include "bitlens/models/gate_classifier.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "bitlens/transform/specialize.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>
#include <stdexcept>

namespace bitlens {

namespace {

// A candidate's circuit measured on the training and validation rows like every candidate.
learned_circuit measured(circuit<z2> c, std::string description, const bit_dataset& train, const bit_dataset& valid,
                         std::chrono::steady_clock::time_point start) {
  learned_circuit out{std::move(c), std::move(description), {}, 1, 0, 0, std::nullopt};
  out.stats.train_errors = count_errors(out.circuit_, bitvec(0), train);
  out.stats.train_cared_bits = train.num_cared_bits();
  out.stats.valid_errors = count_errors(out.circuit_, bitvec(0), valid);
  out.stats.valid_cared_bits = valid.num_cared_bits();
  out.stats.exact = out.stats.train_errors == 0;
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  out.stats.seconds = out.seconds;
  return out;
}

std::vector<std::uint32_t> output_labels(const bit_dataset& d) {
  std::vector<std::uint32_t> labels(d.num_samples());
  for (std::size_t s = 0; s < labels.size(); ++s) labels[s] = d.targets.get(0, s) ? 1 : 0;
  return labels;
}

}  // namespace

std::vector<std::size_t> rank_inputs_by_information(const bit_dataset& d) {
  const bitvec& y = d.targets.wire(0);
  const bitvec& care = d.care.wire(0);
  const double n = static_cast<double>(care.popcount());
  const double ones = static_cast<double>(popcount_and(y, care));
  const auto h = [](double p) { return p <= 0 || p >= 1 ? 0.0 : -p * std::log2(p) - (1 - p) * std::log2(1 - p); };
  std::vector<double> information(d.num_inputs());
  for (std::size_t i = 0; i < d.num_inputs(); ++i) {
    // I(x; y) = H(y) − Σ_v P(x = v) H(y | x = v), from four counts.
    const bitvec x_cared = d.inputs.wire(i) & care;
    const double x1 = static_cast<double>(x_cared.popcount()), x1y1 = static_cast<double>(popcount_and(x_cared, y));
    const double x0 = n - x1, x0y1 = ones - x1y1;
    information[i] = n == 0 ? 0 : h(ones / n) - (x1 / n) * (x1 > 0 ? h(x1y1 / x1) : 0) - (x0 / n) * (x0 > 0 ? h(x0y1 / x0) : 0);
  }
  std::vector<std::size_t> order(d.num_inputs());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return information[a] > information[b]; });
  return order;
}

bit_dataset with_inputs(const bit_dataset& d, std::span<const std::size_t> chosen) {
  bit_dataset out{bit_batch(chosen.size(), d.num_samples()), d.targets, d.care, {}, d.output_names};
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    out.inputs.wire(k) = d.inputs.wire(chosen[k]);
    if (!d.input_names.empty()) out.input_names.push_back(d.input_names[chosen[k]]);
  }
  return out;
}

learned_circuit learn_gate_network(const bit_dataset& train, const bit_dataset& valid, std::size_t layers, std::size_t width,
                                   double seconds, std::size_t epochs, unsigned threads, std::uint64_t seed,
                                   const search_observer& observer) {
  std::ostringstream desc;
  desc << "gate network, " << layers << " x " << width << " two-input gates with a group-sum head";
  if (observer.attempt) observer.attempt(1, desc.str());
  const auto start = std::chrono::steady_clock::now();
  gate_classifier model{make_gate_layers(train.num_inputs(), {.layers = layers, .width = width, .seed = seed}), 2};
  gate_train_params p;
  p.classes = 2;
  // The batch and flips this candidate was measured with on IWLS 2020 (bench/studies/iwls2020_portfolio.md):
  // its few thousand rows make a step of 1024 a sixth of an epoch.
  p.batch = 512;
  p.flip_fraction = 0.001;
  p.budget = seconds > 0 ? train_budget{.seconds = seconds} : train_budget{.epochs = static_cast<double>(epochs)};
  p.threads = threads;
  p.seed = seed;
  const std::vector<std::uint32_t> train_labels = output_labels(train), valid_labels = output_labels(valid);
  const class_samples valid_set{valid.inputs, valid_labels};
  p.valid = &valid_set;
  std::uint64_t best = UINT64_MAX;
  p.on_event = [&](const train_event& e) {
    train_event shown = e;  // errors: the samples since the last event; best: the fewest so far
    best = std::min(best, e.errors);
    shown.best_errors = best;
    return !observer.event || observer.event(shown);
  };
  gate_train_stats sel;
  bitlens::train(model.net, {train.inputs, train_labels}, p, &sel);
  learned_circuit out = measured(gate_classifier_decision_circuit(model), desc.str(), train, valid, start);
  out.steps = out.stats.steps = sel.last.steps;
  return out;
}

namespace {

// Whether the (distinct) rows cover at least half of the input space: rows met later mostly repeat
// them (the reader merges repeated rows), so a tree that fits every row beats one pruned on a share
// held out, which measures rows never seen.
bool rows_cover_input_space(const bit_dataset& d) {
  return d.num_inputs() < 40 && 2 * d.num_samples() >= (std::size_t{1} << d.num_inputs());
}

// The circuit of the diagram of `table` for `order`, in whichever shape lowers to fewer ANDs, and
// whether that is the balanced cubes.
std::pair<circuit<z2>, bool> smaller_diagram(const bit_dataset& table, std::span<const std::size_t> order) {
  circuit<z2> chains = diagram_circuit(table, order, diagram_shape::chains);
  circuit<z2> cubes = diagram_circuit(table, order, diagram_shape::balanced_cubes);
  const bool balanced = lower_to_aig(cubes).num_ands() < lower_to_aig(chains).num_ands();
  return {balanced ? std::move(cubes) : std::move(chains), balanced};
}

}  // namespace

learned_circuit learn_tree(const bit_dataset& train, const bit_dataset& valid, tree_pruning pruning, std::uint64_t seed, const search_observer& observer) {
  if (observer.attempt) observer.attempt(1, "decision tree");
  const auto start = std::chrono::steady_clock::now();
  tree_report report;
  const bool dense = rows_cover_input_space(train);
  const decision_tree t = learn_decision_tree(train, {.pruning = pruning, .max_depth = dense ? train.num_inputs() : 0, .seed = seed}, &report);
  std::ostringstream desc;
  desc << "decision tree, " << t.decisions() << " decisions, depth " << t.depth();
  if (dense) desc << " (grown to fit the rows: they cover most of the input space)";
  else if (pruning == tree_pruning::depth) desc << " (chosen on a quarter of the training rows held out)";
  else desc << ", pruned at cost " << report.alpha << " per leaf (chosen on a quarter of the training rows held out)";
  return measured(decision_tree_circuit(t, train.num_inputs(), train.input_names), desc.str(), train, valid, start);
}

learned_circuit learn_forest(const bit_dataset& train, const bit_dataset& valid, std::size_t trees, std::uint64_t seed, const search_observer& observer) {
  if (observer.attempt) observer.attempt(1, "forest of " + std::to_string(trees) + " bagged decision trees");
  const auto start = std::chrono::steady_clock::now();
  tree_report report;
  const bool dense = rows_cover_input_space(train);
  const decision_forest f = learn_decision_forest(train, {.trees = trees, .max_depth = dense ? train.num_inputs() : 0, .seed = seed}, &report);
  std::size_t decisions = 0;
  for (const auto& t : f.trees) decisions += t.decisions();
  std::ostringstream desc;
  desc << "forest of " << trees << " bagged decision trees, " << decisions << " decisions, cut at depth " << report.depth
       << (dense ? " (the rows cover most of the input space)" : " (chosen on a quarter of the training rows held out)") << ", majority";
  return measured(decision_forest_circuit(f, train.num_inputs(), train.input_names), desc.str(), train, valid, start);
}

decision_forest grow_teacher_forest(const bit_dataset& train, std::size_t trees, double seconds, std::uint64_t seed) {
  constexpr std::size_t unlimited = std::numeric_limits<std::size_t>::max();
  return learn_decision_forest(train, {.trees = trees, .max_depth = unlimited, .max_decisions = unlimited, .seconds = seconds, .seed = seed});
}

learned_circuit learn_distilled(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed,
                                const search_observer& observer) {
  if (observer.attempt) observer.attempt(1, "decision tree distilled from a forest");
  const auto start = std::chrono::steady_clock::now();
  const distill_params dp{.seed = seed};
  const decision_tree t = distilled_tree(teacher, train, dp);
  std::ostringstream desc;
  desc << "decision tree distilled from a forest, " << t.decisions() << " decisions, depth " << t.depth() << " (a forest of "
       << teacher.trees.size() << " bagged trees labels " << dp.synthetic_rows << " new rows)";
  return measured(decision_tree_circuit(t, train.num_inputs(), train.input_names), desc.str(), train, valid, start);
}

learned_circuit learn_tabulated_forest(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, double seconds,
                                       const search_observer& observer) {
  if (observer.attempt) observer.attempt(1, "forest of " + std::to_string(teacher.trees.size()) + " bagged decision trees, tabulated");
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = train.num_inputs();
  if (n > max_tabulated_inputs) throw std::invalid_argument("learn_tabulated_forest: " + std::to_string(n) + " inputs, at most " + std::to_string(max_tabulated_inputs));
  std::size_t decisions = 0;
  for (const auto& t : teacher.trees) decisions += t.decisions();
  const bit_dataset table = forest_table(teacher, n);
  const diagram_stats d = search_diagram_order(table, {.seconds = seconds});
  auto [net, balanced] = smaller_diagram(table, d.order);
  std::ostringstream desc;
  desc << "forest of " << teacher.trees.size() << " bagged decision trees, tabulated over the 2^" << n << " inputs: " << decisions
       << " decisions, as a decision diagram of " << d.nodes << " nodes" << (balanced ? " with balanced cubes" : "") << " ("
       << d.orders_tried << " variable orders tried)";
  return measured(std::move(net), desc.str(), train, valid, start);
}

learned_circuit learn_threshold(const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed, const search_observer& observer,
                                std::span<const std::size_t> parity) {
  if (observer.attempt) observer.attempt(1, parity.empty() ? "linear threshold unit" : "linear threshold unit with a parity");
  const auto start = std::chrono::steady_clock::now();
  threshold_report report;
  const threshold_unit u = learn_threshold_unit(train, {.parity = {parity.begin(), parity.end()}, .seed = seed}, &report);
  std::ostringstream desc;
  desc << "linear threshold unit";
  if (!parity.empty()) {
    desc << " with a parity";
    for (const auto i : parity) desc << " + " << (i < train.input_names.size() ? train.input_names[i] : "x" + std::to_string(i));
  }
  desc << ", " << u.support() << " weights of " << report.bits
       << " bits, averaged perceptron (how many weights and bits chosen on a quarter of the training rows held out)";
  return measured(threshold_circuit(u, train.num_inputs(), train.input_names), desc.str(), train, valid, start);
}

learned_circuit learn_diagram(const bit_dataset& table, double seconds, const search_observer& observer) {
  if (observer.attempt) observer.attempt(1, "decision diagram");
  const auto start = std::chrono::steady_clock::now();
  const diagram_stats d = search_diagram_order(table, {.seconds = seconds});
  // Both shapes of the same diagram; the one whose AIG is smaller goes on (to ABC).
  auto [net, balanced] = smaller_diagram(table, d.order);
  learned_circuit out{std::move(net), "", {}, 1, 0, 0, std::nullopt};
  out.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ostringstream desc;
  desc << "decision diagram, " << d.nodes << " nodes" << (balanced ? " with balanced cubes" : "") << " ("
       << d.orders_tried << " variable orders tried), order";
  for (auto v : d.order) desc << ' ' << (v < table.input_names.size() ? table.input_names[v] : "x" + std::to_string(v));
  out.description = desc.str();
  out.stats.exact = true;  // by construction; verified below like every other result
  out.stats.train_cared_bits = table.num_cared_bits();
  out.stats.seconds = out.seconds;
  return out;
}

learned_circuit learn_model(const circuit<z2>& model, const std::string& description, const bit_dataset& train,
                            const bit_dataset* valid, const train_params& base, const search_observer& observer) {
  if (observer.attempt) observer.attempt(1, description);
  train_params tp = base;
  tp.valid = valid;
  tp.on_event = observer.event;
  train_stats st;
  const bitvec params = bitlens::train(model, train, tp, &st);
  return learned_circuit{specialize<z2>(model, to_elements(params)), description, st, 1, st.steps, st.seconds, std::nullopt};
}

namespace {

// The sample learners of the plan (trees, threshold units, the gate network, the focused networks).
void learn_from_samples(const bit_dataset& tr, const portfolio_params& p, double budget, const search_observer& observer,
                        std::vector<learned_circuit>& candidates) {
  const bit_dataset& valid = *p.base.valid;
  const std::uint64_t seed = p.base.seed;
  if (p.plan.tree) {
    candidates.push_back(learn_tree(tr, valid, tree_pruning::cost_complexity, seed, observer));
    candidates.push_back(learn_forest(tr, valid, 9, seed, observer));
    // The teacher: a forest grown without a size limit, up to 101 trees or an eighth of the budget.
    const decision_forest teacher = grow_teacher_forest(tr, 101, budget > 0 ? 0.125 * budget : 0, seed);
    candidates.push_back(learn_distilled(teacher, tr, valid, seed, observer));
    if (tr.num_inputs() <= max_tabulated_inputs) {
      candidates.push_back(learn_tabulated_forest(teacher, tr, valid, budget > 0 ? 0.05 * budget : 1.0, observer));
    }
  }
  if (p.plan.linear) {
    candidates.push_back(learn_threshold(tr, valid, seed, observer));
    // A threshold unit plus the parity of two inputs, when some pair's parity turns the output into
    // something much closer to a threshold function than it is, by degree-1 Fourier weight. Chance
    // gives about n / rows to any function (n inputs, each correlation's variance 1 / rows); the
    // best of n²/2 pairs, a few hundredths more.
    const parity_pair pair = find_parity_pair(tr);
    const double chance = static_cast<double>(tr.num_inputs()) / static_cast<double>(std::max<std::size_t>(1, pair.rows));
    if (!pair.inputs.empty() && pair.weight - chance > std::max(0.15, 2 * (pair.plain_weight - chance))) {
      candidates.push_back(learn_threshold(tr, valid, seed, observer, pair.inputs));
    }
  }
  if (p.plan.gates) {
    // Under a step budget (no time limit) the gate network trains for 20 epochs: reproducible too.
    candidates.push_back(learn_gate_network(tr, valid, 4, 200, budget > 0 ? 0.8 * budget : 0, 20, p.base.threads, seed, observer));
  }
  constexpr std::size_t focus = 12;
  if (p.plan.focus && p.plan.search && !p.fixed && p.initial == nullptr && p.model == nullptr && tr.num_inputs() > focus) {
    const auto ranked = rank_inputs_by_information(tr);
    const std::vector<std::size_t> chosen(ranked.begin(), ranked.begin() + static_cast<std::ptrdiff_t>(focus));
    train_params tp = p.base;
    if (budget > 0) tp.budget.seconds = 0.3 * budget;
    const bit_dataset tr_focus = with_inputs(tr, chosen), valid_focus = with_inputs(valid, chosen);
    tp.valid = &valid_focus;
    learned_circuit c = learn_lut_circuit(tr_focus, tp, std::nullopt, nullptr, p.mode, observer);
    // Read the chosen inputs of the whole row: the projection, then the network.
    c.circuit_ = then(projection(z2{}, tr.num_inputs(), std::span<const std::size_t>(chosen)), c.circuit_);
    c.description = "on the " + std::to_string(focus) + " most informative inputs: " + c.description;
    c.network.reset();  // its parameter file would describe the 12-input network
    candidates.push_back(std::move(c));
  }
}

}  // namespace

std::vector<learned_circuit> learn_portfolio(const bit_dataset& tr, const portfolio_params& p, const search_observer& observer) {
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  const bool samples = p.plan.tree || p.plan.linear || p.plan.gates || p.plan.focus;
  if (samples && (p.base.valid == nullptr || tr.num_outputs() != 1)) {
    throw std::invalid_argument("learn_portfolio: trees, threshold units, gate networks and focused networks learn one-output samples with validation rows");
  }
  const double budget = p.base.budget.seconds;
  std::vector<learned_circuit> candidates;
  // Without a time limit (a step budget) the order search runs to its end: the result is reproducible.
  if (p.plan.diagram) candidates.push_back(learn_diagram(tr, budget > 0 ? 0.2 * budget : std::numeric_limits<double>::infinity(), observer));
  if (samples) learn_from_samples(tr, p, budget, observer, candidates);
  // The LUT networks on all inputs get what is left of four fifths of the budget; after the other
  // candidates (which may overrun on a slow machine) they keep at least a tenth.
  if (p.plan.search) {
    train_params base = p.base;
    if (p.plan.diagram && budget > 0) base.budget.seconds = std::max(0.001, 0.6 * budget - elapsed());
    else if (budget > 0) base.budget.seconds = std::max(candidates.empty() ? 0.001 : 0.1 * budget, 0.8 * budget - elapsed());
    if (p.model != nullptr) {
      candidates.push_back(learn_model(*p.model, p.model_description, tr, p.base.valid, base, observer));
    } else {
      candidates.push_back(learn_lut_circuit(tr, base, p.fixed, p.initial, p.mode, observer));
    }
  }
  return candidates;
}

}  // namespace bitlens
