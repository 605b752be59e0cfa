// Decision trees learned from one-output samples, bit-parallel: the rows that reach a node are a
// bit mask, so the two counts a split needs for every input (rows with the input at 1, and those of
// them labelled 1) are two AND-popcounts over the words of the mask. Splits maximise information
// gain; the tree is regularised — CART's cost-complexity pruning, or one depth for every path — by
// the choice that does best on rows held out from the training rows, then regrown on all of them
// and regularised the same way. The tree becomes a Z2 circuit of multiplexers, one per decision;
// bagged trees (a forest) answer by majority.
//
// A tree is the model that generalises best on many small-sample functions of IWLS 2020 (comparisons,
// thresholds, functions of a few inputs), where a network of LUTs trained by the vote search
// overfits or stays constant; `bitlens learn` trains one beside its networks and keeps the model
// that is right on the most validation rows.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bitlens {

/// A binary decision tree over the inputs of a dataset. Node 0 is the root.
struct decision_tree {
  static constexpr std::uint32_t leaf = 0xFFFFFFFFU;
  struct node {
    std::uint32_t input = leaf;  // the input tested, or `leaf`
    std::uint32_t lo = 0, hi = 0;  // children for input = 0 and = 1 (decisions only)
    bool value = false;          // the majority label of the training rows that reach the node
  };
  std::vector<node> nodes{node{}};

  /// Number of decision (non-leaf) nodes.
  std::size_t decisions() const;
  /// Length of the longest path from the root to a leaf, in decisions.
  std::size_t depth() const;
};

/// How learn_decision_tree regularises a tree, choosing on held-out training rows.
enum class tree_pruning : std::uint8_t {
  depth,            // every path cut at one depth
  cost_complexity,  // CART's weakest-link pruning: the subtrees that buy the fewest errors per leaf go first
};

/// Options of grow_decision_tree and learn_decision_tree.
struct tree_params {
  tree_pruning pruning = tree_pruning::cost_complexity;
  std::size_t max_depth = 0;     // 0: chosen on held-out training rows (learn_decision_tree)
  std::size_t max_decisions = 1600;  // a decision costs at most 3 ANDs: 1600 stay under IWLS's 5000
  std::size_t deepest = 24;      // the largest depth the choice considers
  double holdout = 0.25;         // share of the training rows held out to choose the depth
  std::uint64_t seed = 1;        // which rows are held out
};

/// Grows a tree on output 0 of `d` (its cared rows only), splitting a node on the input of most
/// information gain while its rows have both labels and some input tells them apart, it is at depth
/// < max_depth, and the tree has fewer than max_decisions decisions. Nodes are split in order of the
/// gain they offer (counted in rows), so a tree cut short by max_decisions has made its most useful
/// splits. std::invalid_argument unless d has one output.
decision_tree grow_decision_tree(const bit_dataset& d, std::size_t max_depth, std::size_t max_decisions);

/// The tree's output on every sample of `inputs` (one bit per sample), with the tree cut at
/// `depth` (a decision at that depth answers with its majority value).
bitvec tree_predictions(const decision_tree& t, const bit_batch& inputs, std::size_t depth = SIZE_MAX);

/// What learn_decision_tree measured while choosing the depth or the pruning.
struct tree_report {
  std::size_t depth = 0;                    // the depth chosen (tree_pruning::depth)
  double alpha = 0;                         // the cost per leaf chosen, in errors per row (cost_complexity)
  std::vector<std::size_t> holdout_errors;  // errors on the held-out rows at depth 0, 1, … or at each alpha
};

/// For each node of `t`, the cost per leaf (in training errors per row of `d`, the rows t was grown
/// on) above which CART's weakest-link pruning turns the node into a leaf; leaves get 0. A node's
/// cost is never above its parent's. std::invalid_argument unless d has one output.
std::vector<double> pruning_costs(const decision_tree& t, const bit_dataset& d);

/// t with every node whose pruning cost is at most `alpha` made a leaf, and the nodes under it
/// dropped.
decision_tree pruned(const decision_tree& t, const std::vector<double>& costs, double alpha);

/// A tree for output 0 of `train`: at params.max_depth, or, when it is 0, regularised as
/// params.pruning says by the choice that makes the fewest errors on a held-out share of the
/// training rows when grown on the rest (ties: the smaller tree), then regrown on all the training
/// rows and regularised the same way. Trees grow to params.deepest at most.
decision_tree learn_decision_tree(const bit_dataset& train, const tree_params& params, tree_report* report = nullptr);

/// A forest: trees grown on bootstrap samples of the rows (bagging), each split chosen among all the
/// inputs or a random share of them (a random forest), answering by majority (an odd number of trees).
struct decision_forest {
  std::vector<decision_tree> trees;
};

/// Options of learn_decision_forest.
struct forest_params {
  std::size_t trees = 9;             // odd
  std::size_t max_depth = 0;         // 0: chosen on held-out training rows
  std::size_t max_decisions = 3000;  // all trees together (up to 3 ANDs each, before optimisation)
  double input_share = 1;            // share of the inputs each split chooses among (1: all); 0: √n of the n
  std::size_t deepest = 24;          // the largest depth the choice considers
  double holdout = 0.25;             // share of the training rows held out to choose the depth
  double seconds = 0;                // > 0: stop adding trees after this long (at least one, an odd number)
  std::uint64_t seed = 1;            // bootstrap samples, input shares and held-out rows
};

/// The forest's majority output on every sample of `inputs`, its trees cut at `depth`.
bitvec forest_predictions(const decision_forest& f, const bit_batch& inputs, std::size_t depth = SIZE_MAX);

/// A forest for output 0 of `train`: params.trees trees (fewer when params.seconds runs out), each of at most max_decisions / trees
/// decisions, grown on a bootstrap sample with each split chosen among params.input_share of the inputs;
/// the depth they are cut at is params.max_depth or, when it is 0, chosen on held-out rows as in
/// learn_decision_tree, then the forest is regrown on all the training rows. std::invalid_argument for an even number of trees.
decision_forest learn_decision_forest(const bit_dataset& train, const forest_params& params, tree_report* report = nullptr);

/// Largest number of inputs forest_table accepts.
inline constexpr std::size_t max_forest_table_inputs = 24;

/// The forest's majority over every input of `num_inputs` inputs: the complete table (row r has
/// input i = bit i of r, every target cared). A forest too large for a circuit of its own can be
/// tabulated this way and the table given to an exact synthesis (a decision diagram) that finds
/// the function's structure. std::invalid_argument when num_inputs > max_forest_table_inputs or a
/// tree tests an input past num_inputs. Trees are cut at `depth` as in forest_predictions.
bit_dataset forest_table(const decision_forest& f, std::size_t num_inputs, std::size_t depth = SIZE_MAX);

/// Options of distilled_tree.
struct distill_params {
  std::size_t synthetic_rows = 60000;  // rows the teacher labels: half uniform, half training rows with bits flipped
  double flip = 0.05;                  // probability each bit of a copied training row is flipped
  std::size_t max_decisions = 400;     // of the student tree (a decision costs at most 3 ANDs)
  std::uint64_t seed = 1;
};

/// A single tree distilled from a forest (model compression). A forest of bagged trees grown to fit
/// their samples generalises better than one tree on small samples but is far too large as a
/// circuit; it labels params.synthetic_rows new rows (half drawn uniformly, half copies of cared
/// training rows with each bit flipped with probability params.flip), and one tree of at most
/// params.max_decisions decisions, split best-first, is grown on the cared training rows and the
/// labelled ones together. std::invalid_argument unless `train` has one output and the teacher's
/// trees test only its inputs.
decision_tree distilled_tree(const decision_forest& teacher, const bit_dataset& train, const distill_params& params = {});

/// The forest as a circuit: its trees' circuits and their majority.
circuit<z2> decision_forest_circuit(const decision_forest& f, std::size_t num_inputs, const std::vector<std::string>& input_names = {});

/// The tree as a circuit of `num_inputs` inputs (named by `input_names` when it has one per input)
/// and one output: a multiplexer per decision.
circuit<z2> decision_tree_circuit(const decision_tree& t, std::size_t num_inputs, const std::vector<std::string>& input_names = {});

}  // namespace bitlens
