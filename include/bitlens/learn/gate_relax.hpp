// Training a gate_network classifier through its real relaxation — difflogic's method, on the
// CPU: every gate holds 16 logits, one per two-input function; the relaxed gate is the expectation
// of those functions under their softmax, evaluated on real-valued inputs in [0, 1]; the
// group-sum scores divided by a temperature go through softmax cross-entropy; the reverse
// derivative of the whole relaxed network (over the reals) gives the logits' gradients, and Adam
// updates them. The trained network is the discretisation: each gate becomes its most likely
// function, and it is measured as the bit-parallel network it then is.
//
// This is the same gradient descent as the Z2 rule of gate_train.hpp, over the ring of reals
// instead of Z2 (DESIGN.md: the smooth case); it costs real arithmetic per gate and sample where
// the Z2 rule costs bit operations, and it learns what the Z2 rule does not (see the README's
// MNIST section and bench/studies/mnist_study.md).
//
// The samples of a step are cut into chunks of 32 whatever the thread count, each chunk's
// gradient is kept apart and the chunks are summed in order: training gives the same tables for
// any number of threads.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/eval/gate_network.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/input_views.hpp"

#include <cstdint>
#include <functional>
#include <span>

namespace bitlens {

/// The largest network the relaxation trains: each gate costs about 700 bytes while training (16
/// logits with Adam's two moments and their softmax, and 32-sample rows of activations and
/// gradients), so 2^21 gates take about 1.4 GiB.
inline constexpr std::size_t max_relaxed_gates = std::size_t{1} << 21;

struct gate_relax_params {
  std::size_t classes = 10;
  /// Samples per Adam step.
  std::size_t batch = 256;
  /// When training ends (at least one limit must be set).
  train_budget budget = {.epochs = 1};
  /// Adam's step size and moment decays (difflogic: 0.01).
  double learning_rate = 0.01;
  /// Annealed geometrically to this step size by the end of the budget (train_budget::fraction);
  /// ≤ 0 keeps learning_rate throughout.
  double final_learning_rate = 0;
  double beta1 = 0.9, beta2 = 0.999, epsilon = 1e-8;
  /// The group-sum temperature: a class's score is its group's sum divided by tau. 0: automatic,
  /// sqrt(gates per group / 8) — difflogic's 10 at 800 gates per group (8000 gates, 10 classes),
  /// and scores that still separate with small groups.
  double tau = 0;
  /// Standard deviation of the initial logits, drawn from a normal distribution (difflogic: 1).
  double init_scale = 1;
  /// Worker threads (0: one per hardware thread); the result does not depend on it.
  unsigned threads = 0;
  kernel_variant kernels = kernel_variant::automatic;
  /// Seeds the initial logits, the order of samples (shuffled per epoch) and the views drawn.
  std::uint64_t seed = 1;
  /// Augmentation: when not empty, every sample of every epoch is shown through one of these views
  /// (input_views.hpp), drawn uniformly at random; each view has one entry per input. Empty: the
  /// samples as they are. Validation (…_selected) sees the samples as they are.
  std::vector<input_view> input_views = {};
  /// Keep-best: when set, the discretised network's class accuracy on these samples is measured at
  /// the start and at every event, and `net` is left with the tables that scored best there.
  const class_samples* valid = nullptr;
  /// A progress event every this many samples (0: once per epoch) to on_event; false stops
  /// training. An event's `changes` counts the gates whose most likely function changed since the
  /// start; its errors are the relaxed network's over the samples since the previous event.
  std::size_t report_every = 0;
  train_callback on_event = {};
};

/// The relaxed network's mean softmax cross-entropy over the samples (scores: group sums / tau),
/// its gates given by the coefficients of their expected function, 4 per gate: gate g computes
/// alpha[4g] + alpha[4g+1]·a + alpha[4g+2]·b + alpha[4g+3]·a·b. When grad is not empty (4 per
/// gate) ∂loss/∂alpha is added to it: the reverse derivative the training uses. Throws
/// std::invalid_argument on mismatched sizes.
double relaxed_loss(const gate_network& net, std::span<const float> alpha, const bit_batch& inputs, std::span<const std::uint32_t> labels,
                    std::size_t classes, double tau, std::span<float> grad = {}, kernel_variant kernels = kernel_variant::automatic);

/// Trains `net`'s gates through the relaxation until p.budget is spent (or p.on_event says stop)
/// and leaves each gate's table at its most likely function — with p.valid, the tables that scored
/// best there. The wiring is `net`'s; its tables are ignored at the start. Throws
/// std::invalid_argument on mismatched sizes (or views), a label ≥ p.classes, outputs that do not
/// split into p.classes groups, more than max_relaxed_gates gates, a parameter out of range, no
/// samples, or a budget with no limit.
void train(gate_network& net, const class_samples& data, const gate_relax_params& p, gate_train_stats* stats = nullptr);

}  // namespace bitlens
