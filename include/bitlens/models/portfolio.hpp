// The portfolio `bitlens learn` draws from: every way the library learns a table as a circuit
// besides the LUT-network search (lut_search.hpp), each returning a learned_circuit measured alike
// on the training and validation rows, and learn_portfolio, which runs those a plan names within
// one time budget. Choosing among the candidates (after optimisation by ABC, an external tool) is
// the caller's: the CLI's.
//
// The learners of one-output samples (trees, forests, threshold units, the gate network) need
// validation rows; the decision diagram needs a complete table.
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/ir/circuit.hpp"
#include "bitlens/learn/decision_tree.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_search.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bitlens {

/// The inputs of one-output data ranked by the information each carries about the output: the
/// mutual information I(x_i; y) over the cared rows, highest first (ties: lower index first).
std::vector<std::size_t> rank_inputs_by_information(const bit_dataset& d);

/// d with only the inputs `chosen`, in that order (targets, care and names kept).
bit_dataset with_inputs(const bit_dataset& d, std::span<const std::size_t> chosen);

/// For one-output samples with validation rows: a gate network of `layers` × `width` two-input
/// gates with a group-sum head (two classes: the output bit), trained by the flip rule and kept
/// where it scored best on the validation rows. Its circuit is the whole classifier: the network,
/// the popcounts and their comparison. It trains (batch 512, flip 0.001: what it was measured with
/// on IWLS 2020) for `seconds`, or, when seconds is 0, for `epochs` passes (reproducible). Its
/// events go to observer.event.
learned_circuit learn_gate_network(const bit_dataset& train, const bit_dataset& valid, std::size_t layers, std::size_t width,
                                   double seconds, std::size_t epochs, unsigned threads, std::uint64_t seed,
                                   const search_observer& observer = {});

/// For one-output samples: a decision tree (learn/decision_tree.hpp), regularised as `pruning` says
/// on a quarter of the training rows held out (`seed` picks them) and regrown on all of them — or,
/// when the rows cover half the input space or more, grown to fit them all.
learned_circuit learn_tree(const bit_dataset& train, const bit_dataset& valid, tree_pruning pruning, std::uint64_t seed,
                           const search_observer& observer = {});
/// The same for a forest of `trees` decision trees, each grown on a bootstrap sample of the rows
/// (bagging), answering by majority, cut at a depth chosen on held-out rows (or not cut, as above).
learned_circuit learn_forest(const bit_dataset& train, const bit_dataset& valid, std::size_t trees, std::uint64_t seed,
                             const search_observer& observer = {});
/// For one-output samples: a forest of up to `trees` bagged trees grown to fit their samples, fewer
/// when `seconds` (> 0) run out — a teacher for the two learners below.
decision_forest grow_teacher_forest(const bit_dataset& train, std::size_t trees, double seconds, std::uint64_t seed);
/// A decision tree distilled from `teacher` (learn/decision_tree.hpp, distilled_tree).
learned_circuit learn_distilled(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed,
                                const search_observer& observer = {});
/// For at most `max_tabulated_inputs` inputs: `teacher` tabulated over the whole input space
/// (forest_table) and the table turned into a decision-diagram circuit, its variable order searched
/// for about `seconds`. The circuit computes exactly the teacher's majority. std::invalid_argument
/// for more inputs.
inline constexpr std::size_t max_tabulated_inputs = 20;
learned_circuit learn_tabulated_forest(const decision_forest& teacher, const bit_dataset& train, const bit_dataset& valid, double seconds,
                                       const search_observer& observer = {});
/// A linear threshold unit (learn/linear_threshold.hpp): averaged-perceptron weights, the largest
/// kept and rounded to a few bits, as many and as wide as a quarter of the training rows held out
/// says; with `parity` inputs, the unit's output is added to their parity (a sum bit of an adder:
/// see find_parity_pair).
learned_circuit learn_threshold(const bit_dataset& train, const bit_dataset& valid, std::uint64_t seed, const search_observer& observer = {},
                                std::span<const std::size_t> parity = {});

/// The decision-diagram circuit of a complete table (learn/decision_diagram.hpp), its variable order
/// searched for about `seconds`, in whichever of its two shapes lowers to fewer AND nodes: exact on
/// every cared row by construction.
learned_circuit learn_diagram(const bit_dataset& table, double seconds, const search_observer& observer = {});

/// Trains one given parametrised model (e.g. the memoriser or the Z2-linear pseudo-linear model)
/// with base (and `valid` when not null), and specialises it.
learned_circuit learn_model(const circuit<z2>& model, const std::string& description, const bit_dataset& train,
                            const bit_dataset* valid, const train_params& base, const search_observer& observer = {});

/// Which learners learn_portfolio runs.
struct portfolio_plan {
  bool diagram = false;  // a complete table: its decision diagram
  bool tree = false;     // one-output samples: a tree, a forest of 9, a tree distilled from a larger forest (and, for few inputs, that forest tabulated)
  bool linear = false;   // one-output samples: a threshold unit, and one with a parity when some pair's parity makes the output far more linear
  bool gates = false;    // one-output samples: a gate network of 4 × 200 gates
  bool focus = false;    // one-output samples: LUT networks on the 12 inputs that carry the most information (with search, no fixed architecture, start or model)
  bool search = true;    // LUT networks on all inputs (learn_lut_circuit), or `model` when given
};

struct portfolio_params {
  portfolio_plan plan;
  /// The training of networks and models: its seed, threads and optimizer; budget.seconds is the
  /// whole portfolio's time (0: a step budget, and every learner runs to a reproducible end);
  /// valid, the validation rows the sample learners need.
  train_params base;
  std::optional<lut_network_params> fixed;  // the LUT architecture when it is not searched
  const bitvec* initial = nullptr;          // the first network's starting parameters (with fixed)
  decompose_mode mode = decompose_mode::automatic;
  /// A given model to train instead of LUT networks (search), and its description.
  const circuit<z2>* model = nullptr;
  std::string model_description;
};

/// The candidates of p.plan, in the order listed there (the diagram first, the LUT networks on
/// all inputs last). Shares of base.budget.seconds, counted from this call: the diagram's order
/// search a fifth, the teacher forest an eighth, the tabulated forest's order search a twentieth,
/// the gate network four fifths, the focused networks three tenths, and the networks on all inputs
/// what is left of four fifths (three fifths with a diagram) but at least a tenth. Throws
/// std::invalid_argument when a sample learner is planned without p.base.valid or for more than one
/// output.
std::vector<learned_circuit> learn_portfolio(const bit_dataset& train, const portfolio_params& p, const search_observer& observer = {});

}  // namespace bitlens
