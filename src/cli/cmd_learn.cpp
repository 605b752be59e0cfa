// bitlens learn [TABLE]: learns a circuit for a truth table or labelled bit data, writes it, and
// verifies it (own evaluation, and ABC's cec where berkeley-abc is installed).
#include "abc.hpp"
#include "bitlens/algebra/error.hpp"
#include "bitlens/algebra/row_split.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/io/netlist.hpp"
#include "bitlens/io/truth_table.hpp"
#include "bitlens/ir/compose.hpp"
#include "bitlens/learn/decision_diagram.hpp"
#include "bitlens/learn/linear_threshold.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_network.hpp"
#include "bitlens/models/portfolio.hpp"
#include "bitlens/models/rda_models.hpp"
#include "commands.hpp"
#include "default_table.hpp"
#include "learn_support.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <limits>
#include <optional>
#include <random>
#include <sstream>
#include <unistd.h>

namespace bitlens::cli {

const command_spec& learn_spec() {
  static const command_spec spec{
      "learn", "[TABLE]",
      "Learn a circuit that computes a truth table (or fits labelled bit data), write it, and verify it.", 0, 1,
      {{"out", "FILE", "write the learned circuit: .aig, .aag, .blif, .v, .circ or .dot"},
       {"arch", "K:W1,W2,...", "LUT network: K-input LUTs, hidden layer widths (default: automatic search)", any_text(), {"Z2"}},
       {"method", "HOW", "auto (default): for a complete table, a decision diagram and the learned network, keeping the smaller; for one-output samples with validation rows, decision trees (pruned, a forest of 9, one distilled from a forest of up to 101, and with at most 20 inputs that forest tabulated), a linear threshold unit and LUT networks, keeping the best on validation; search: the LUT network only; diagram: the diagram only; gates: a gate network with a group-sum head; tree: the trees only; linear: the threshold unit only", one_of({"auto", "diagram", "search", "gates", "tree", "linear"}), {"Z2"}},
       {"max-ands", "N", "keep no candidate with more than N AND nodes (after ABC); fail when none is within N (IWLS 2020: 5000)", integer_in(1, INT64_MAX), {"Z2"}},
       {"decompose", "HOW", "auto (default): a joint network, then one per output if needed; outputs; none", one_of({"auto", "outputs", "none"}), {"Z2"}},
       {"wiring", "KIND", "cover (every source used; default) or random", one_of({"cover", "random"}), {"Z2"}},
       {"skip", "", "let LUTs read any earlier layer and the inputs (residual wiring)", any_text(), {"Z2"}},
       {"optimizer", "NAME", "vote (default), parity or rda; with --field: gd (default) or momentum"},
       {"flips", "K", "vote: bits flipped per proposal (default 1)", integer_in(1, 1 << 20), {"Z2"}},
       {"threshold", "T", "vote: flip every bit with gain >= T x best gain (0 < T <= 1)", real_in(0, 1), {"Z2"}},
       {"temperature", "T", "vote: draw proposals with probability ~ exp(gain / (T x best))", real_in(0, 1e6), {"Z2"}},
       {"decay", "D", "vote: rank by decayed vote accumulators (0 < D < 1; momentum)", real_in(0, 0.999999), {"Z2"}},
       {"batch", "N", "samples per step (default: all; with --field 1)", integer_in(0, std::int64_t{1} << 40)},
       {"seed", "N", "random seed (default 1); the same seed gives the same circuit", integer_in(0, INT64_MAX)},
       {"time-limit", "S", "seconds for the whole command: diagram, training and ABC (default 10)", real_in(0, 1e7)},
       {"steps", "N", "step budget (default: none); with --steps the run is reproducible", integer_in(0, INT64_MAX)},
       {"valid", "FILE", "validation data: selects the returned parameters (keep-best)", any_text(), {"Z2"}},
       {"valid-split", "F", "hold out a fraction F of the rows for validation", real_in(0, 0.9), {"Z2"}},
       {"threads", "N", "worker threads (default: all); results do not depend on it", integer_in(0, 1024)},
       {"metrics", "FILE", "write metrics as JSON lines (for 'bitlens plot')", any_text(), {"Z2"}},
       {"save-params", "FILE", "save the learned parameters (resumable)", any_text(), {"Z2"}},
       {"resume", "FILE", "start from saved parameters (their architecture and seed are reused)", any_text(), {"Z2"}},
       {"field", "F", "learn over a finite field: GF(p), GF(2^k), GF(p^k) (DATA is a CSV of integers)"},
       {"outputs", "M", "with --field: the last M values of each row are outputs (default 1)", integer_in(1, 1 << 16), {"field"}},
       {"model", "KIND", "lut (default: LUT networks), memoriser (one lookup table per output over all inputs) or pseudo-linear (y = Wx + b over Z2); with --field: linear (default), affine, poly:D, or a .circ file"},
       {"rate", "KIND", "with --field: constant (eta, default) or normalized (1/<x,x>, a Kaczmarz step)", one_of({"constant", "normalized"}), {"field"}},
       {"eta", "N", "with --field: the constant learning rate (default 1)", integer_in(0, INT64_MAX), {"field"}},
       {"momentum", "MU", "with --field and --optimizer momentum: the decay (default 1)", integer_in(0, INT64_MAX), {"field"}},
       {"optimize", "HOW", "abc (default when berkeley-abc is installed): optimise the AIG with ABC (rounds of dc2, dch, 6- and 4-LUT mapping and mfs2, while they shrink it); none", one_of({"abc", "none"}), {"Z2"}},
       {"no-verify", "", "skip verification", any_text(), {"Z2"}},
       {"quiet", "", "no progress on standard error"}},
      "TABLE is a .truth file (ABC read_truth -xf, IWLS 2022) or a PLA file (.type f, fr, fd). Without\n"
      "TABLE, the 2-bit adder of circuits/ (embedded in the binary) is learned and verified.\n"
      "The model is a network of learnable K-input lookup tables trained by generalized gradient\n"
      "descent: reverse derivatives computed as circuits, evaluated bit-parallel. The result is\n"
      "specialised (parameters become constants), simplified and lowered to an AIG whose AND count\n"
      "is reported. Exit status: 0 when a complete table is learned exactly and verified (or, for\n"
      "sample data, when training finished), 1 otherwise, 2 for bad usage.\n"
      "With --field F, DATA is a CSV of field elements (integer codes), inputs then outputs, and the\n"
      "model is trained by gradient descent over F; --out writes it as .circ. Exit status 0 when every\n"
      "row is fitted exactly.\n"
      "Examples: bitlens learn circuits/adder3.truth --out adder3.aig --time-limit 30\n"
      "          bitlens learn data.csv --field 'GF(65537)' --outputs 2 --model affine --rate normalized",
      [](const parsed_args& a) { return std::string(a.value("field") ? "field" : "Z2"); },
      [](const std::string& mode) { return std::string(mode == "field" ? "with --field" : "without --field"); }};
  return spec;
}

namespace {

struct loaded_data {
  std::string name;
  bit_dataset train;
  std::optional<bit_dataset> valid;
  std::optional<std::string> truth_path;  // a .truth file ABC can read directly
};

// The rows of d where some output is cared for.
bit_dataset cared_rows(const bit_dataset& d) {
  bitvec any(d.num_samples());
  for (std::size_t o = 0; o < d.num_outputs(); ++o) any |= d.care.wire(o);
  std::vector<std::size_t> rows;
  for (std::size_t s = 0; s < d.num_samples(); ++s) {
    if (any.get(s)) rows.push_back(s);
  }
  return d.subset(rows);
}

loaded_data load_data(const parsed_args& args, std::uint64_t seed) {
  loaded_data d;
  if (args.positionals().empty()) {
    d.name = std::string(default_table_name) + " (embedded)";
    d.train = parse_truth(default_table_text, default_table_name);
  } else {
    d.name = args.positionals()[0];
    d.train = read_table(d.name);
    if (has_extension(d.name, ".truth") && d.name.find_first_of(" ;'\"") == std::string::npos) d.truth_path = d.name;
  }
  // With validation rows the data are samples: a PLA of few inputs, which reads as a complete table
  // whose unlisted rows are don't-cares, becomes its listed rows, so that every sample model
  // (the trees, the threshold unit, the gate network) can learn it and a split splits them.
  if ((args.value("valid") || args.value("valid-split")) && d.train.is_complete_table() && !d.train.fully_specified()) {
    d.train = cared_rows(d.train);
    d.truth_path.reset();
  }
  if (const auto v = args.value("valid")) {
    d.valid = read_table(*v);
    if (d.valid->num_inputs() != d.train.num_inputs() || d.valid->num_outputs() != d.train.num_outputs()) {
      throw input_error(*v, 0, "validation data has a different number of inputs or outputs than the training data");
    }
  } else if (args.value("valid-split")) {
    const double f = args.real("valid-split", 0);
    std::mt19937_64 rng(seed ^ 0x5eedULL);
    const row_split rows = split_rows(d.train.num_samples(), f, rng);
    d.valid = d.train.subset(rows.held);
    d.train = d.train.subset(rows.rest);
    d.truth_path.reset();
  }
  if (d.valid && d.valid->is_complete_table() && !d.valid->fully_specified()) d.valid = cared_rows(*d.valid);
  return d;
}

train_params make_train_params(const parsed_args& args) {
  train_params tp;
  const std::string opt = args.value_or("optimizer", "vote");
  const auto kind = parse_optimizer(opt);
  if (!kind) throw usage_error("--optimizer must be vote, parity or rda, got '" + opt + "'");
  tp.optimizer = *kind;
  tp.vote.flips = static_cast<std::size_t>(args.integer("flips", 1));
  tp.vote.threshold = args.real("threshold", 0);
  tp.vote.temperature = args.real("temperature", 0);
  tp.vote.decay = args.real("decay", 0);
  tp.batch = static_cast<std::size_t>(args.integer("batch", 0));
  tp.seed = static_cast<std::uint64_t>(args.integer("seed", 1));
  tp.budget.seconds = args.real("time-limit", 10);
  tp.budget.steps = static_cast<std::uint64_t>(args.integer("steps", 0));
  if (tp.budget.steps != 0 && !args.value("time-limit")) tp.budget.seconds = 0;  // a step budget alone is reproducible
  tp.threads = static_cast<unsigned>(args.integer("threads", 0));
  return tp;
}

// The model options of Boolean learning, checked.
struct model_choice {
  lut_network_params fixed;            // the architecture of --arch or --resume
  bool auto_arch = true;               // neither given: the architecture search
  decompose_mode mode = decompose_mode::automatic;
  std::string kind;                    // lut, memoriser or pseudo-linear
  std::optional<saved_params> resumed;
};

model_choice choose_model(const parsed_args& args, std::uint64_t seed) {
  model_choice m;
  if (const auto r = args.value("resume")) m.resumed = load_params(*r);
  m.auto_arch = !args.value("arch") && !m.resumed;
  if (m.resumed) {
    m.fixed = m.resumed->trained.network;
  } else {
    if (const auto a = args.value("arch")) {
      try {
        m.fixed = parse_architecture(*a);
      } catch (const std::invalid_argument& e) {
        throw usage_error(e.what());
      }
    }
    const std::string w = args.value_or("wiring", "cover");
    m.fixed.wiring = w == "cover" ? wiring_kind::cover : wiring_kind::random;
    m.fixed.skip = args.flag("skip");
    m.fixed.seed = seed;
  }
  const std::string dec = args.value_or("decompose", "auto");
  m.mode = dec == "auto" ? decompose_mode::automatic : dec == "outputs" ? decompose_mode::outputs : decompose_mode::none;
  m.kind = args.value_or("model", "lut");
  if (m.kind != "lut" && m.kind != "memoriser" && m.kind != "pseudo-linear") {
    throw usage_error("--model must be lut, memoriser or pseudo-linear (without --field), got '" + m.kind + "'");
  }
  return m;
}

// A candidate circuit after lowering and ABC's post-optimisation.
struct optimized {
  aig lowered, final_aig;
  std::string abc_note;  // what ABC did, for the report
};

optimized optimize(const circuit<z2>& c, bool use_abc, double seconds) {
  optimized o{lower_to_aig(c), aig{}, ""};
  o.final_aig = o.lowered;
  if (!use_abc) return o;
  auto opt = abc_optimize(o.lowered, seconds);
  if (opt.ran && opt.result.num_ands() < o.lowered.num_ands()) o.final_aig = std::move(opt.result);
  o.abc_note = opt.ran ? "; after " + opt.message + ": " + std::to_string(o.final_aig.num_ands()) + " AND nodes"
                       : "; not optimised (" + opt.message + ")";
  return o;
}

// The options that decide what is done, checked before any work starts.
struct learn_plan {
  portfolio_plan learners;
  bool use_abc = true;
};

learn_plan plan_learning(const parsed_args& args, const bit_dataset& tr, bool has_valid, bool user_model) {
  const std::string method = args.value_or("method", "auto");
  const std::string how = args.value_or("optimize", "abc");
  if (const auto o = args.value("out")) {
    if (!is_circuit_file(*o)) throw usage_error(*o + ": unknown output format (expected .aig, .aag, .blif, .v, .circ or .dot)");
    check_output_directory(*o);
  }
  const bool complete = diagram_accepts(tr) && !has_valid;
  if (method == "diagram" && (!complete || user_model)) {
    throw usage_error("--method diagram needs a complete truth table (at most " + std::to_string(max_diagram_inputs) +
                      " inputs and 2^28 rows x outputs), and no --valid, --valid-split, --arch, --resume or --model");
  }
  if (args.value("save-params") && (method == "diagram" || args.value_or("decompose", "auto") == "outputs")) {
    throw usage_error("--save-params needs a single network: use it with --method search or auto, and --decompose none or auto");
  }
  // The sample models (trees, threshold unit, gate network) read one-output samples and are chosen
  // on validation rows.
  const bool samples_fit = !complete && has_valid && tr.num_outputs() == 1 && tr.fully_specified() && !user_model;
  const bool sample_method = method == "gates" || method == "tree" || method == "linear";
  if (sample_method && !samples_fit) {
    throw usage_error("--method " + method + " needs one-output samples with validation rows (--valid or --valid-split), and no --arch, --resume or --model");
  }
  learn_plan p;
  p.learners.diagram = complete && !user_model && (method == "auto" || method == "diagram");
  p.learners.search = method == "auto" || method == "search";
  // A gate network has no parameter file: with --save-params, auto keeps to the LUT network.
  if (sample_method && args.value("save-params")) {
    throw usage_error("--save-params saves a LUT network; --method " + method + " makes none");
  }
  // The gate network is trained only when asked for: in the portfolio it was kept on none of the
  // 90 IWLS 2020 benchmarks, and its share of the budget does more for the LUT networks
  // (bench/studies/iwls2020_portfolio.md).
  const bool portfolio = samples_fit && method == "auto" && !args.value("save-params");
  p.learners.gates = samples_fit && method == "gates";
  p.learners.focus = portfolio;
  p.learners.tree = samples_fit && (method == "tree" || portfolio);
  p.learners.linear = samples_fit && (method == "linear" || portfolio);
  p.use_abc = how == "abc";
  return p;
}

// Lowers every candidate, post-optimises with ABC those that can be kept, and returns the index of
// the one to keep: for a complete table exact first, for samples the fewest validation errors
// (training errors without validation rows); then the fewest ANDs; on a tie the one listed last.
// Candidates over `max_ands` come after all others. ABC keeps the function, so it changes a
// candidate's size but never its errors: for a complete table it runs on the exact candidates (or
// the only one); for samples on those with the fewest errors, and on those with the next fewest
// only while none of the first fits `max_ands`. ABC's `seconds` are shared by the candidates it
// runs on (negative: no budget, 5 s each).
std::size_t shape_and_choose(const std::vector<learned_circuit>& candidates, bool complete, bool use_abc, double seconds,
                             std::size_t max_ands, std::vector<optimized>& shaped) {
  const auto start = std::chrono::steady_clock::now();
  const std::size_t n = candidates.size();
  const auto errors = [&](std::size_t k) {
    const auto& st = candidates[k].stats;
    return st.valid_errors.value_or(st.train_errors);
  };
  // A candidate that measured nothing (its search had no time for one attempt) is never optimised.
  const auto measured_something = [&](std::size_t k) { return candidates[k].stats.train_cared_bits != 0 || candidates[k].attempts != 0; };
  // The groups ABC may run on, in order: all exact candidates of a complete table (or the only
  // candidate), or the sample candidates tier by tier of errors.
  std::vector<std::vector<std::size_t>> tiers;
  if (complete || n == 1) {
    tiers.emplace_back();
    for (std::size_t k = 0; k < n; ++k) {
      if (candidates[k].stats.exact || n == 1) tiers.back().push_back(k);
    }
  } else {
    std::vector<std::size_t> order;
    for (std::size_t k = 0; k < n; ++k) {
      if (measured_something(k)) order.push_back(k);
    }
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return errors(a) < errors(b); });
    for (std::size_t i = 0; i < order.size(); ++i) {
      if (i == 0 || errors(order[i]) != errors(order[i - 1])) tiers.emplace_back();
      tiers.back().push_back(order[i]);
    }
  }
  std::vector<std::optional<optimized>> done(n);
  for (const auto& tier : tiers) {
    bool fits = false;
    for (std::size_t t = 0; t < tier.size(); ++t) {
      const double spent = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      const double share = seconds >= 0 ? std::max(0.0, seconds - spent) / double(tier.size() - t) : 5.0;
      done[tier[t]] = optimize(candidates[tier[t]].circuit_, use_abc, share);
      fits = fits || done[tier[t]]->final_aig.num_ands() <= max_ands;
    }
    if (fits) break;  // the candidates with more errors cannot be kept
  }
  std::size_t chosen = 0;
  for (std::size_t k = 0; k < n; ++k) {
    shaped.push_back(done[k] ? std::move(*done[k]) : optimize(candidates[k].circuit_, false, 0));
    const auto key = [&](std::size_t i) {
      const auto& st = candidates[i].stats;
      // A candidate that measured nothing comes last, one over --max-ands just before it. Of the
      // inexact ones on a complete table, the fewest errors come first, as for samples.
      const std::uint64_t wrong = !measured_something(i)                        ? std::numeric_limits<std::uint64_t>::max()
                                  : shaped[i].final_aig.num_ands() > max_ands ? std::numeric_limits<std::uint64_t>::max() - 1
                                  : complete                                   ? (st.exact ? 0 : 1 + std::min<std::uint64_t>(errors(i), std::numeric_limits<std::uint64_t>::max() - 3))
                                                                               : errors(i);
      return std::make_pair(wrong, shaped[i].final_aig.num_ands());
    };
    if (key(k) <= key(chosen)) chosen = k;
  }
  return chosen;
}

// The model, result and circuit lines of `learn`, and the candidates when there were several.
void print_result(const std::vector<learned_circuit>& candidates, const std::vector<optimized>& shaped, std::size_t chosen,
                  const train_params& base) {
  const learned_circuit& out = candidates[chosen];
  const auto& st = out.stats;
  std::cout << "model: " << out.description;
  if (out.steps > 0 || out.network) std::cout << ", optimizer " << optimizer_name(base.optimizer) << ", seed " << base.seed;
  std::cout << "\n";
  std::cout << "result: " << (st.exact ? "exact" : "not exact") << " (" << st.train_errors << " of " << st.train_cared_bits
            << " cared bits wrong, accuracy " << percent(st.train_cared_bits - st.train_errors, st.train_cared_bits) << ")";
  if (st.valid_errors) {
    std::cout << "; validation accuracy " << percent(st.valid_cared_bits - *st.valid_errors, st.valid_cared_bits);
  }
  std::cout << "\n  " << out.steps << " steps, " << out.attempts << " attempt(s), " << st.restarts << " restarts, "
            << st.perturbations << " perturbations, " << fixed_seconds(out.seconds) << "\n";
  std::cout << "circuit: " << out.circuit_.count(op::add) << " XOR + " << out.circuit_.count(op::mul)
            << " AND gates; AIG: " << shaped[chosen].lowered.num_ands() << " AND nodes" << shaped[chosen].abc_note << "\n";
  if (candidates.size() < 2) return;
  std::cout << "candidates:";
  for (std::size_t k = 0; k < candidates.size(); ++k) {
    const auto& d = candidates[k].description;  // its first two items name it
    const auto& cs = candidates[k].stats;
    const std::string ands = std::to_string(shaped[k].final_aig.num_ands()) + " AND nodes";
    std::cout << (k ? ";" : "") << ' ' << d.substr(0, d.find(',', d.find(',') + 1)) << ": "
              << (cs.valid_errors ? "validation accuracy " + percent(cs.valid_cared_bits - *cs.valid_errors, cs.valid_cared_bits) + ", " + ands
                  : cs.exact      ? ands
                                  : "not exact")
              << (k == chosen ? " (kept)" : "");
  }
  std::cout << "\n";
}

}  // namespace

int run_learn(const parsed_args& args, results& result) {
  if (args.value("field")) return run_learn_field(args, result);
  const auto started = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  auto base = make_train_params(args);
  const model_choice mc = choose_model(args, base.seed);
  const auto& [fixed, auto_arch, mode, model_kind, resumed] = mc;
  const auto data = load_data(args, base.seed);
  const bool quiet = args.flag("quiet");
  const auto& tr = data.train;
  if (model_kind == "memoriser" && tr.num_inputs() > 16) throw usage_error("--model memoriser needs at most 16 inputs");
  if (resumed) {
    const std::size_t need = make_lut_network(tr.num_inputs(), tr.num_outputs(), fixed).num_params;
    if (resumed->trained.bits.size() != need) {
      throw input_error(resumed->source, resumed->params_line,
                        "params has " + std::to_string(resumed->trained.bits.size()) + " bits; architecture " + architecture_string(fixed) +
                            " on a table of " + std::to_string(tr.num_inputs()) + " inputs and " + std::to_string(tr.num_outputs()) +
                            " outputs has " + std::to_string(need));
    }
  }
  const learn_plan plan = plan_learning(args, tr, data.valid.has_value(), resumed || !auto_arch || model_kind != "lut");
  // Metrics are written when the command ends, so a failed command leaves the file as it was.
  metrics_log metrics(args.value("metrics"));
  std::cout << std::unitbuf;  // keep results and progress (standard error) in order
  std::cout << "table: " << data.name << " (" << tr.num_inputs() << " inputs, " << tr.num_outputs() << " outputs, "
            << tr.num_samples() << " rows" << (data.valid ? ", " + std::to_string(data.valid->num_samples()) + " validation rows" : "")
            << ")\n";
  progress_line line(quiet, base.budget.seconds > 0 ? std::max(0.001, base.budget.seconds - elapsed()) : 0);
  progress_printer progress(line, metrics);
  // The budget covers the whole command: the portfolio takes its shares of it (models/portfolio.hpp),
  // and what is left goes to ABC.
  const double budget = base.budget.seconds;
  const auto max_ands = static_cast<std::size_t>(args.integer("max-ands", std::numeric_limits<std::int64_t>::max()));
  portfolio_params pp;
  pp.plan = plan.learners;
  pp.base = base;
  pp.base.valid = data.valid ? &*data.valid : nullptr;
  if (!auto_arch) pp.fixed = fixed;
  pp.initial = resumed ? &resumed->trained.bits : nullptr;
  pp.mode = mode;
  std::optional<circuit<z2>> given;
  if (model_kind == "memoriser") {
    given = lut_memoriser(tr.num_inputs(), tr.num_outputs());
    pp.model_description = "LUT memoriser (one " + std::to_string(tr.num_inputs()) + "-input LUT per output)";
  } else if (model_kind == "pseudo-linear") {
    given = pseudo_linear(tr.num_inputs(), tr.num_outputs());
    pp.model_description = "pseudo-linear y = Wx + b";
  }
  pp.model = given ? &*given : nullptr;
  std::vector<learned_circuit> candidates = learn_portfolio(tr, pp, progress.observer());
  progress.finish();

  // A complete table is a function to learn exactly; with validation rows the data are samples
  // (a PLA of few inputs reads as a complete table whose unseen rows are don't-cares).
  const bool complete = tr.is_complete_table() && !data.valid;
  std::vector<optimized> shaped;
  const std::size_t chosen = shape_and_choose(candidates, complete, plan.use_abc, budget > 0 ? std::max(0.0, budget - elapsed()) : -1, max_ands, shaped);
  const learned_circuit& out = candidates[chosen];
  const circuit<z2>& specialised = out.circuit_;
  const aig& lowered = shaped[chosen].lowered;
  const aig& final_aig = shaped[chosen].final_aig;
  const auto& st = out.stats;
  print_result(candidates, shaped, chosen, base);
  // The circuit carries the table's input and output names (PLA .ilb/.ob) into every format.
  const circuit<z2> learned = renamed(final_aig.num_ands() < lowered.num_ands() ? to_circuit(final_aig) : specialised,
                                      std::span<const std::string>(tr.input_names), std::span<const std::string>(tr.output_names));
  bool ok = st.exact || !complete;
  if (!args.flag("no-verify")) ok = report_verification(learned, final_aig, tr, data.truth_path ? &*data.truth_path : nullptr) && ok;
  // Checked before anything is written, so that a refused --save-params leaves --out as it was.
  if (args.value("save-params") && !out.network) {
    throw usage_error("--save-params needs a single network; this table was learned one output at a time or by the diagram (use --decompose none --method search)");
  }
  // A complete table not learned exactly is a failure, and so is a circuit over --max-ands:
  // nothing is written as if it were the answer.
  const bool too_big = final_aig.num_ands() > max_ands;
  if (too_big) {
    std::cout << "result: no candidate has at most " << max_ands << " AND nodes (--max-ands); the smallest has " << final_aig.num_ands() << "\n";
  }
  if (const auto o = args.value("out")) {
    if (ok && !too_big) {
      save_z2_circuit(*o, learned, module_name_for(args.positionals().empty() ? default_table_name : args.positionals()[0]));
      std::cout << "wrote: " << *o << "\n";
    } else {
      std::cout << "not written: " << *o << (too_big ? " (over --max-ands)\n" : " (the circuit is not exact)\n");
    }
  }
  ok = ok && !too_big;
  if (const auto s = args.value("save-params")) save_params(*s, *out.network);
  const results summary{{"exact", st.exact},           {"train_errors", st.train_errors}, {"cared_bits", st.train_cared_bits},
                        {"steps", out.steps},          {"seconds", elapsed()},            {"ands", final_aig.num_ands()},
                        {"ands_lowered", lowered.num_ands()}, {"gates", learned.num_nodes()}};
  results record = summary;
  record["event"] = "result";
  metrics.add(record);
  metrics.save();
  result = summary;
  result["table"] = data.name;
  result["method"] = out.description;
  result["verified"] = ok;
  if (st.valid_errors) result["valid_errors"] = *st.valid_errors, result["valid_cared_bits"] = st.valid_cared_bits;
  if (candidates.size() > 1) {
    result["candidates"] = results::array();
    for (std::size_t k = 0; k < candidates.size(); ++k) {
      const auto& cs = candidates[k].stats;
      results c{{"method", candidates[k].description}, {"exact", cs.exact}, {"train_errors", cs.train_errors},
                {"ands", shaped[k].final_aig.num_ands()}, {"kept", k == chosen}};
      if (cs.valid_errors) c["valid_errors"] = *cs.valid_errors, c["valid_cared_bits"] = cs.valid_cared_bits;
      result["candidates"].push_back(std::move(c));
    }
  }
  if (const auto o = args.value("out"); o && ok) result["out"] = *o;
  return ok ? 0 : 1;
}

}  // namespace bitlens::cli
