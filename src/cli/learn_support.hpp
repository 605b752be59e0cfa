// The parts of `bitlens learn` and `bitlens verify` that are more than argument handling: progress
// and metrics output, the portfolio's other models, saved parameters, and verification. The search
// over LUT architectures and the per-output decomposition are the library's (models/lut_search.hpp).
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/learn/decision_tree.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_network.hpp"
#include "bitlens/models/lut_search.hpp"
#include "bitlens/ir/circuit.hpp"
#include "progress.hpp"

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bitlens::cli {

/// The progress of `learn` (attempt, output k of m, errors, best so far) on a progress_line, and
/// each training event as a metrics record.
class progress_printer {
 public:
  progress_printer(progress_line& line, metrics_log& metrics) : line_(line), metrics_(metrics) {}
  void attempt(std::size_t index, const std::string& description);
  /// Training output `index` (from 1) of `count` on its own; index 0: all outputs together.
  void output(std::size_t index, std::size_t count) { output_ = index, outputs_ = count; }
  void event(const train_event& e);
  void finish() { line_.finish(); }
  /// This printer as a search's observer (models/lut_search.hpp).
  search_observer observer() {
    return {[this](std::size_t i, const std::string& d) { attempt(i, d); }, [this](std::size_t o, std::size_t m) { output(o, m); },
            [this](const train_event& e) {
              event(e);
              return true;
            }};
  }

 private:
  progress_line& line_;
  metrics_log& metrics_;
  std::size_t attempt_ = 0, output_ = 0, outputs_ = 0;
  std::string description_;
};

/// Parameters saved by --save-params: the architecture (with its wiring seed) and the bits, and
/// where they were read from (for messages).
struct saved_params : trained_network {
  std::string source;           // the file read
  std::size_t params_line = 0;  // the line of its `params`
};

/// For one-output sample data with validation rows, the other model of the portfolio: a gate
/// network of `layers` x `width` two-input gates with a group-sum head (two classes: the output
/// bit), trained as `classify` trains and kept where it scored best on the validation rows. Its
/// circuit is the whole classifier: the network, the popcounts and their comparison.
/// It trains for `seconds`, or, when seconds is 0, for `epochs` passes (reproducible: a step budget).
learned_circuit learn_gate_network(const bit_dataset& train, const bit_dataset& valid, std::size_t layers, std::size_t width,
                                   double seconds, std::size_t epochs, unsigned threads, std::uint64_t seed,
                                   progress_printer& progress);

/// For one-output sample data with validation rows, a decision tree (learn/decision_tree.hpp),
/// regularised as `pruning` says on a quarter of the training rows held out (`seed` picks them) and
/// regrown on all of them — or, when the rows cover half the input space or more, grown to fit them
/// all; measured on the training and validation rows like every candidate.
learned_circuit learn_tree(const bit_dataset& train, const bit_dataset& valid, tree_pruning pruning, std::uint64_t seed, progress_printer& progress);
/// The same for a forest of `trees` decision trees, each grown on a bootstrap sample of the rows
/// (bagging), answering by majority, cut at a depth chosen on held-out rows (or not cut, as above).
learned_circuit learn_forest(const bit_dataset& train, const bit_dataset& valid, std::size_t trees, std::uint64_t seed, progress_printer& progress);
/// For one-output samples: a forest of up to `trees` bagged trees grown to fit their samples, fewer
/// when `seconds` (> 0) run out — a teacher for the two candidates below.
decision_forest grow_teacher_forest(const bit_dataset& train, std::size_t trees, double seconds, std::uint64_t seed);
/// A decision tree distilled from `teacher` (learn/decision_tree.hpp, distilled_tree), measured on
/// the training and validation rows like every candidate.
learned_circuit learn_distilled(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed,
                                progress_printer& progress);
/// For at most `max_tabulated_inputs` inputs: `teacher` tabulated over the whole input space
/// (forest_table) and the table turned into a decision-diagram circuit, its variable order searched
/// for about `seconds`. The circuit computes exactly the teacher's majority.
inline constexpr std::size_t max_tabulated_inputs = 20;
learned_circuit learn_tabulated_forest(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, double seconds,
                                       progress_printer& progress);
/// The same for a linear threshold unit (learn/linear_threshold.hpp): averaged-perceptron weights,
/// the largest kept and rounded to a few bits, as many and as wide as a quarter of the training
/// rows held out says; with `parity` inputs, the unit's output is added to their parity (a sum bit
/// of an adder: see find_parity_pair).
learned_circuit learn_threshold(const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed, progress_printer& progress,
                                std::span<const std::size_t> parity = {});

/// The inputs of one-output data ranked by the information each carries about the output: the
/// mutual information I(x_i; y) over the cared rows, highest first (ties: lower index first).
std::vector<std::size_t> informative_inputs(const bit_dataset& d);

/// d with only the inputs `chosen`, in that order (targets, care and names kept).
bit_dataset with_inputs(const bit_dataset& d, std::span<const std::size_t> chosen);

/// The decision-diagram circuit of a complete table (learn/decision_diagram.hpp), its variable order
/// searched for about `seconds`: exact on every cared row by construction.
learned_circuit learn_diagram(const bit_dataset& table, double seconds, progress_printer& progress);

/// Trains one given parametrised model (e.g. the memoriser or the Z2-linear pseudo-linear model)
/// and specialises it.
learned_circuit learn_model(const circuit<z2>& model, const std::string& description, const bit_dataset& train,
                            const bit_dataset* valid, const train_params& base, progress_printer& progress);


void save_params(const std::string& path, const trained_network& s);
/// Reads a parameter file (models/trained_network.hpp); errors name the file and line.
saved_params load_params(const std::string& path);

std::vector<z2::element> to_elements(const bitvec& bits);
std::string percent(std::uint64_t part, std::uint64_t whole);
std::string fixed_seconds(double s);

/// Throws usage_error when the directory `path` would be written in does not exist: checked before
/// any work, so that a run is not lost for a typo in --out.
void check_output_directory(const std::string& path);

/// Checks `f` against `table` (own evaluation; ABC cec when possible), prints the verdicts, and
/// returns whether nothing failed. Wrong cared bits of sample data (not a complete table) fail only
/// when `strict` (verify: every cared bit must be right; learn: a fit to samples need not be exact).
/// When `right_bits` is given, it receives the cared bits the circuit gets right (of num_cared_bits()).
bool report_verification(const circuit<z2>& f, const aig& lowered, const bit_dataset& table, const std::string* truth_path,
                         bool strict = false, std::uint64_t* right_bits = nullptr);

}  // namespace bitlens::cli
