// Training a parametrised Z2 circuit (a model P × A → B) on labelled bit data with one of the
// optimizer lenses of DESIGN.md §1:
//   rda     per sample: p ← p ⊕ R_P[f](p, x, f(p,x) ⊕ y)            (the RDA paper's rule)
//   parity  per batch:  p ← p ⊕ ⨁_s R_P[f](p, x_s, err_s)           (categorical batching)
//   vote    per batch:  count, per parameter bit, the samples a flip would fix and those it would
//           break (reverse passes with δy = error and δy = ¬error), and flip the bits of best net
//           gain — top-k, threshold, stochastic, or ranked by decayed accumulators (momentum).
// Escape from local optima: a proposal that makes the error worse is rejected and the next-ranked
// one tried; after `patience` proposals without progress, a few random bits are flipped
// (perturbation); after enough perturbations without a new best, a restart from random parameters.
// Every step is a fused tiled pass of the step circuit (lens.hpp) with exact integer reductions, so
// for a given seed and step budget the result does not depend on the thread count.
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"
#include "bitlens/learn/training.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bitlens {

enum class optimizer_kind : std::uint8_t { rda, parity, vote };

/// "rda", "parity", "vote".
std::string_view optimizer_name(optimizer_kind k) noexcept;
/// The inverse of optimizer_name.
std::optional<optimizer_kind> parse_optimizer(std::string_view name) noexcept;

/// Options of the vote optimizer.
struct vote_params {
  std::size_t flips = 1;   // top-k: bits flipped per proposal
  double threshold = 0;    // > 0: flip every bit whose gain is ≥ threshold × the best gain
  double temperature = 0;  // > 0: stochastic — draw the proposal with probability ∝ exp(gain / (T·best gain))
  double decay = 0;        // > 0: stateful — rank by accumulators a ← decay·a + gain (a discrete momentum)
};

struct train_params {
  optimizer_kind optimizer = optimizer_kind::vote;
  vote_params vote;
  std::size_t batch = 0;          // samples per step (rounded up to 64); 0 = the whole training set
  /// A step is one pass of the step circuit, an epoch as many steps' samples as the training set
  /// has. The finite default lets an unlearnable target still return.
  train_budget budget = {.seconds = 10};
  std::uint64_t seed = 1;
  unsigned threads = 0;           // 0 = all hardware threads
  std::size_t patience = 0;       // proposals without progress before a perturbation; 0 = automatic
  std::size_t perturb_flips = 0;  // bits flipped by a perturbation; 0 = automatic
  std::size_t restart_after = 0;  // perturbations without a new best before a restart; 0 = automatic
  bool stop_when_exact = true;    // stop as soon as every cared training bit is right
  bool stop_when_stalled = false; // return instead of restarting (lets a caller re-wire the model)
  std::uint64_t eval_every = 0;   // steps between validation evaluations; 0 = automatic
  double progress_every = 0.5;    // seconds between "progress" events
  /// Keep-best: when set, the returned parameters are those with the fewest errors on this data
  /// (training errors break ties), measured whenever training errors fall and every eval_every steps.
  const bit_dataset* valid = nullptr;
  /// Events: progress, best, perturb, restart, and done at the end; false ends the run.
  train_callback on_event;
};

struct train_stats {
  std::uint64_t steps = 0;
  std::uint64_t accepted = 0;
  std::uint64_t rejected = 0;
  std::uint64_t perturbations = 0;
  std::uint64_t restarts = 0;
  double seconds = 0;
  std::uint64_t train_errors = 0;  // of the returned parameters
  std::uint64_t train_cared_bits = 0;
  std::optional<std::uint64_t> valid_errors;
  std::uint64_t valid_cared_bits = 0;
  bool exact = false;              // train_errors == 0
  bool stalled = false;            // stopped because stop_when_stalled was set and the search stalled
};

/// Trains `model` (inputs = data inputs, outputs = data outputs) from `initial` parameters
/// (random from p.seed when null) until p.budget is spent, the training bits are all right (with
/// p.stop_when_exact) or p.on_event says stop. Returns the best parameters found (by p.valid's
/// errors when set); fills `stats` when not null. Throws std::invalid_argument when the shapes do
/// not match.
bitvec train(const circuit<z2>& model, const bit_dataset& data, const train_params& p, train_stats* stats = nullptr,
             const bitvec* initial = nullptr);

/// Number of cared target bits that `model` with `params` gets wrong on `data`.
std::uint64_t count_errors(const circuit<z2>& model, const bitvec& params, const bit_dataset& data, unsigned threads = 0);

}  // namespace bitlens
