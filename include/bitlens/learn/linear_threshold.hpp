// Linear threshold units learned from one-output samples: y = [Σ w_i x_i ≥ t] with small integer
// weights. Trained by the averaged perceptron — stochastic gradient descent on the perceptron loss
// max(0, −y·(w·x + b)) — then made sparse and integral: the weights of largest magnitude are kept
// and rounded to a few bits, and the threshold is the one that makes the fewest training errors.
// How many weights and bits is chosen on rows held out from the training rows.
//
// Comparators (a < b is Σ 2^i (b_i − a_i) > 0), thresholds (at least t of k) and many image pairs
// are linear threshold functions, which a tree can only approximate. The circuit is an adder of the
// weighted inputs (full adders over bit columns) and a comparison with the threshold.
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

/// y = [Σ_i weights[i]·x_i ≥ threshold] ⊕ x_p ⊕ x_q ⊕ … for the inputs p, q, … in `parity`.
struct threshold_unit {
  std::vector<std::int64_t> weights;
  std::int64_t threshold = 0;
  std::vector<std::size_t> parity;  // inputs added (XOR) to the comparison; usually none

  /// Inputs with a non-zero weight.
  std::size_t support() const;
};

/// Options of learn_threshold_unit.
struct threshold_params {
  std::size_t epochs = 30;                         // perceptron passes over the rows
  std::vector<std::size_t> supports{0, 64, 32, 16};  // weights kept (0: all) — the choice considers each
  std::vector<unsigned> bits{2, 4, 6, 8, 10};      // magnitude bits of the rounded weights — likewise
  double holdout = 0.25;                           // share of the training rows held out for the choice
  std::vector<std::size_t> parity;                 // the unit's parity inputs: it learns y ⊕ their parity
  std::uint64_t seed = 1;                          // row order of the passes, held-out rows
};

/// What learn_threshold_unit chose.
struct threshold_report {
  std::size_t support = 0;  // weights kept (0: all)
  unsigned bits = 0;        // magnitude bits
  std::size_t holdout_errors = 0;
};

/// The unit's output on every sample of `inputs`.
bitvec threshold_predictions(const threshold_unit& u, const bit_batch& inputs);

/// Averaged-perceptron weights (real) and bias for output 0 of `d` (cared rows only), `epochs`
/// passes in an order drawn from `seed`. std::invalid_argument unless d has one output.
std::vector<double> perceptron_weights(const bit_dataset& d, std::size_t epochs, std::uint64_t seed);

/// Keeps the `support` weights of largest magnitude (0: all) of `real` (the last entry is the bias,
/// ignored), scales the largest to 2^bits − 1 and rounds, then sets the threshold that makes the
/// fewest errors on output 0 of `d`.
threshold_unit integer_unit(const std::vector<double>& real, std::size_t support, unsigned bits, const bit_dataset& d);

/// A unit for output 0 of `train`: perceptron weights on the rows not held out, the support and
/// bits that make the fewest held-out errors (ties: the smaller circuit), then retrained on all the
/// training rows and made integral with that choice.
threshold_unit learn_threshold_unit(const bit_dataset& train, const threshold_params& params, threshold_report* report = nullptr);

/// A pair of inputs whose parity, added to a function, makes it a threshold function — as a sum bit
/// a ⊕ b ⊕ carry of an adder is, its carry being one — found by Fourier weight: of all pairs (i, j),
/// the one that gives g = y ⊕ x_i ⊕ x_j the largest degree-1 weight Σ_k ĝ(k)², ĝ(k) being the
/// correlation of (−1)^g with (−1)^x_k over the rows (k ≠ i, j). A threshold function has much of
/// its weight at degree 1; a parity of inputs, and the sum bit itself, almost none.
struct parity_pair {
  std::vector<std::size_t> inputs;  // i < j; empty when d has under 3 inputs or no cared rows
  double weight = 0;                // degree-1 weight of y ⊕ x_i ⊕ x_j
  double plain_weight = 0;          // degree-1 weight of y itself
  std::size_t rows = 0;             // cared rows measured on (chance gives any function about n / rows)
};

/// The pair of parity_pair for output 0 of `d`, measured on its first `max_rows` cared rows
/// (n³/2 · max_rows / 64 word operations). std::invalid_argument unless d has one output.
parity_pair find_parity_pair(const bit_dataset& d, std::size_t max_rows = 2048);

/// The unit as a circuit of `num_inputs` inputs (named by `input_names` when it has one per input)
/// and one output. std::invalid_argument when the unit has another number of weights.
circuit<z2> threshold_circuit(const threshold_unit& u, std::size_t num_inputs, const std::vector<std::string>& input_names = {});

}  // namespace bitlens
