// What `bitlens learn` needs beside the library: progress printing, the portfolio's candidates
// measured alike, the gate-network and fixed-model candidates, and the parameter files.
#include "learn_support.hpp"

#include "abc.hpp"
#include "args.hpp"
#include "bitlens/algebra/error.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/ir/compose.hpp"
#include "bitlens/learn/decision_diagram.hpp"
#include "bitlens/learn/decision_tree.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/linear_threshold.hpp"
#include "bitlens/models/gate_classifier.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "bitlens/transform/simplify.hpp"
#include "bitlens/transform/specialize.hpp"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <limits>
#include <numeric>
#include <sstream>

namespace bitlens::cli {

std::string percent(std::uint64_t part, std::uint64_t whole) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << (whole == 0 ? 100.0 : 100.0 * double(part) / double(whole)) << "%";
  return s.str();
}

std::string fixed_seconds(double sec) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << sec << " s";
  return s.str();
}

std::vector<z2::element> to_elements(const bitvec& bits) {
  std::vector<z2::element> v(bits.size());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = bits.get(i) ? 1 : 0;
  return v;
}

void progress_printer::attempt(std::size_t index, const std::string& description) {
  attempt_ = index;
  description_ = description;
}

void progress_printer::event(const train_event& e) {
  nlohmann::json record{{"event", event_name(e.kind)}, {"attempt", attempt_}, {"arch", description_},
                        {"step", e.steps},              {"seconds", e.seconds}, {"errors", e.errors},
                        {"best_errors", e.best_errors}, {"cared_bits", e.checked}};
  if (outputs_ != 0) record["output"] = output_;
  if (e.valid_errors) record["valid_errors"] = *e.valid_errors;
  metrics_.add(record);
  if (e.kind == train_event_kind::perturb || e.kind == train_event_kind::restart) return;
  std::ostringstream text;
  if (outputs_ != 0) text << "output " << output_ << " of " << outputs_ << "  ";
  text << "attempt " << attempt_ << " [" << description_ << "] step " << e.steps << "  errors " << e.errors << "/"
       << e.checked << "  best " << e.best_errors;
  if (e.valid_errors) text << "  valid " << *e.valid_errors;
  line_.show(text.str());
}

namespace {

// Wrong output bits of f on the cared bits of d (f has d's inputs and one output).
std::uint64_t output_errors(const circuit<z2>& f, const bit_dataset& d) {
  const bit_batch got = evaluate(tape(f), d.inputs, bitvec(0));
  return popcount_and(got.wire(0) ^ d.targets.wire(0), d.care.wire(0));
}

// A candidate's circuit measured on the training and validation rows like every candidate.
learned_circuit measured(circuit<z2> c, std::string description, const bit_dataset& train, const bit_dataset& valid,
                         std::chrono::steady_clock::time_point start) {
  learned_circuit out{std::move(c), std::move(description), {}, 1, 0, 0, std::nullopt};
  out.stats.train_errors = output_errors(out.circuit_, train);
  out.stats.train_cared_bits = train.num_cared_bits();
  out.stats.valid_errors = output_errors(out.circuit_, valid);
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

std::vector<std::size_t> informative_inputs(const bit_dataset& d) {
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
                                   progress_printer& progress) {
  std::ostringstream desc;
  desc << "gate network, " << layers << " x " << width << " two-input gates with a group-sum head";
  progress.attempt(1, desc.str());
  const auto start = std::chrono::steady_clock::now();
  gate_classifier model{make_gate_layers(train.num_inputs(), {.layers = layers, .width = width, .seed = seed}), 2};
  gate_train_params p;
  p.classes = 2;
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
    progress.event(shown);
    return true;
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

learned_circuit learn_tree(const bit_dataset& train, const bit_dataset& valid, tree_pruning pruning, std::uint64_t seed, progress_printer& progress) {
  progress.attempt(1, "decision tree");
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

learned_circuit learn_forest(const bit_dataset& train, const bit_dataset& valid, std::size_t trees, std::uint64_t seed, progress_printer& progress) {
  progress.attempt(1, "forest of " + std::to_string(trees) + " bagged decision trees");
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
                                progress_printer& progress) {
  progress.attempt(1, "decision tree distilled from a forest");
  const auto start = std::chrono::steady_clock::now();
  const distill_params dp{.seed = seed};
  const decision_tree t = distilled_tree(teacher, train, dp);
  std::ostringstream desc;
  desc << "decision tree distilled from a forest, " << t.decisions() << " decisions, depth " << t.depth() << " (a forest of "
       << teacher.trees.size() << " bagged trees labels " << dp.synthetic_rows << " new rows)";
  return measured(decision_tree_circuit(t, train.num_inputs(), train.input_names), desc.str(), train, valid, start);
}

learned_circuit learn_tabulated_forest(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, double seconds,
                                       progress_printer& progress) {
  progress.attempt(1, "forest of " + std::to_string(teacher.trees.size()) + " bagged decision trees, tabulated");
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

learned_circuit learn_threshold(const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed, progress_printer& progress,
                                std::span<const std::size_t> parity) {
  progress.attempt(1, parity.empty() ? "linear threshold unit" : "linear threshold unit with a parity");
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

learned_circuit learn_diagram(const bit_dataset& table, double seconds, progress_printer& progress) {
  progress.attempt(1, "decision diagram");
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
                            const bit_dataset* valid, const train_params& base, progress_printer& progress) {
  progress.attempt(1, description);
  train_params tp = base;
  tp.valid = valid;
  tp.on_event = [&](const train_event& e) {
    progress.event(e);
    return true;
  };
  train_stats st;
  const bitvec params = bitlens::train(model, train, tp, &st);
  return learned_circuit{specialize<z2>(model, to_elements(params)), description, st, 1, st.steps, st.seconds, std::nullopt};
}

void save_params(const std::string& path, const trained_network& s) { write_file_atomic(path, format_trained_network(s)); }

saved_params load_params(const std::string& path) {
  auto parsed = parse_trained_network(read_text_file(path), path);
  saved_params s;
  static_cast<trained_network&>(s) = std::move(parsed.trained);
  s.source = path;
  s.params_line = parsed.params_line;
  return s;
}

void check_output_directory(const std::string& path) {
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir)) throw usage_error(path + ": the directory " + dir.string() + " does not exist");
}

bool report_verification(const circuit<z2>& f, const aig& lowered, const bit_dataset& table, const std::string* truth_path,
                         bool strict, std::uint64_t* right_bits) {
  // Own evaluation: the specialised circuit on the bit-parallel tape, compared with the cared targets.
  const bit_batch out = evaluate(tape(f), table.inputs, bitvec(0));
  std::uint64_t wrong = 0;
  for (std::size_t o = 0; o < table.num_outputs(); ++o) {
    wrong += popcount_and(out.wire(o) ^ table.targets.wire(o), table.care.wire(o));
  }
  const std::uint64_t cared = table.num_cared_bits();
  std::cout << "verify: own evaluation " << cared - wrong << "/" << cared << " cared bits right";
  if (right_bits != nullptr) *right_bits = cared - wrong;
  // The lowered AIG must compute the same function: check it on the first rows as a canary.
  bool ok = wrong == 0 || (!strict && !table.is_complete_table());
  const std::size_t rows = std::min<std::size_t>(table.num_samples(), 256);
  for (std::size_t s = 0; s < rows; ++s) {
    std::vector<bool> x(table.num_inputs());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = table.inputs.get(i, s);
    const auto y = lowered.evaluate(x);
    for (std::size_t o = 0; o < y.size(); ++o) {
      if (y[o] != out.get(o, s)) {
        std::cout << "; AIG lowering DISAGREES on row " << s << "\n";
        return false;
      }
    }
  }
  const auto abc = abc_cec(lowered, table, truth_path);
  std::cout << "; ABC cec: " << abc.message << "\n";
  if (abc.ran && !abc.equivalent) ok = false;
  return ok;
}

}  // namespace bitlens::cli
