// Training a gate_network classifier with a group-sum head, bit-parallel: difflogic's architecture,
// learned by counting instead of by relaxation.
//
// The last layer's gates form `classes` equal groups; a sample's score for class c is the number of
// ones in group c, and its prediction the class of highest score (ties: the lowest). The loss lens
// is a hinge over those scores: a sample whose true score does not beat every other score by
// `margin` bits makes its true group's bits want 1 and its strongest rival's bits want 0 (output
// adjoints δ = wrong bits, m = those two groups); samples won by less than `protect_margin` keep m
// without δ, so flips that would lose them count against; samples won by more send nothing.
// A step runs the fused pass (gate_pass) over the batch's tiles on every thread (a team started
// once), then each thread takes whole layers: it sums every thread's counts for the layer exactly
// and flips the layer's table entries of highest net gain — at most flip_fraction × gates / layers
// per layer and step, each with gain ≥ min_gain, none making a table constant (optionally ranked
// by gains accumulated over steps). Counts are integers and ties are broken by entry index, so
// training is bit-identical for any number of threads.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/eval/gate_network.hpp"
#include "bitlens/eval/gate_pass.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/eval/thread_team.hpp"
#include "bitlens/learn/process_group.hpp"
#include "bitlens/learn/training.hpp"

#include <barrier>
#include <cstdint>
#include <functional>
#include <memory>
#include <span>
#include <vector>

namespace bitlens {

/// Samples with one class label each, as the gate-network trainers read them (a view: the data
/// must outlive the call).
struct class_samples {
  const bit_batch& inputs;
  std::span<const std::uint32_t> labels;
};

struct gate_train_params {
  /// Groups of the group-sum head: the classes (the sum of `tasks` when there are several).
  std::size_t classes = 10;
  /// Multitask (one shared network, a head per task): the class count of each task, empty for one
  /// task of `classes` classes. The outputs split into groups task after task (task t's classes
  /// follow task t − 1's); a label holds a sample's class in every task in mixed radix, label =
  /// y0 + tasks[0]·(y1 + tasks[1]·(y2 + …)), and each task has its own hinge over its own groups.
  /// `classes` must equal the sum of `tasks`. An event's errors are the first task's.
  std::vector<std::uint32_t> tasks = {};
  /// Samples per step, rounded up to whole 256s. 1024 with flip_fraction 0.002 (the same flips per
  /// sample as 512 with 0.001) scored higher on validation in every comparison of 2026-12-07
  /// (binarised MNIST 6 × 8000: 94.67% against 94.32% after 60 epochs on 1 thread, 96.68% against
  /// 96.40% after 150 s on 2 threads; Fashion-MNIST 85.15% against 82.75% after 1,000 epochs;
  /// bench/studies/mnist_study.md), and on 2 threads its steps fill the AVX-512 kernels' 8-word tiles.
  std::size_t batch = 1024;
  /// When training ends (at least one limit must be set).
  train_budget budget = {.epochs = 1};
  /// Hinge margin, in bits of a group's score. 32 (with protect_margin 128) scored best on the
  /// validation split of binarised MNIST at 6 × 8000 gates (bench/compare/mnist_study.sh).
  std::uint32_t margin = 32;
  /// Samples won by less than this (≥ margin) are protected: their m stays set without δ, so a
  /// flip that would lose them counts against it. Without it, discrete flips erode the samples
  /// already won and training collapses.
  std::uint32_t protect_margin = 128;
  /// At most ceil(flip_fraction × gates / layers) table entries of each layer flip per step…
  double flip_fraction = 0.002;
  /// … annealed geometrically to this fraction by the end of the budget (train_budget::fraction),
  /// as a learning rate is decayed; ≤ 0 keeps flip_fraction throughout.
  double final_flip_fraction = 0;
  /// …each with a net gain of at least this (of the accumulated gain when gain_decay > 0).
  std::int64_t min_gain = 1;
  /// 0: each step flips by the gains counted on its own batch. In (0, 1): every table entry keeps
  /// an accumulated gain, decayed by this factor per step before the step's gain is added (the
  /// momentum of the Bop optimiser for binary weights), and entries flip by it; a flipped entry's
  /// accumulator restarts at 0. It averages the batches' noisy gains over about 1 / (1 − decay) steps.
  double gain_decay = 0;
  /// false: no flip makes a table constant (0 or 1). A constant gate sends no adjoint back, so the
  /// gates feeding only it stop learning, and its output carries nothing; allowed, the rule made a
  /// fifth of the tables constant and binarised MNIST stalled at 92–93% (bench/studies/mnist_study.md).
  bool allow_constant = false;
  /// Worker threads (0: one per hardware thread).
  unsigned threads = 0;
  /// Words (64 samples each) of the tile a thread runs at once. 0 chooses: 8 when the AVX-512
  /// kernels run and a step has at least one 8-word tile for every thread (of every process), else
  /// 4. The tile changes only the speed: a step's samples are p.batch rounded up to whole 256s
  /// whatever the tile, and its counts are exact sums, so the trained tables are the same.
  std::size_t tile_words = 0;
  kernel_variant kernels = kernel_variant::automatic;
  /// Seeds the order of samples (shuffled per epoch, in blocks of 64).
  std::uint64_t seed = 1;
  /// Data parallelism (process_group.hpp): when set, every process of the group runs the same
  /// training on the same data; each step's tiles are shared out between the processes, their
  /// counts summed exactly, and each process chooses the flips of its own block of layers, which
  /// all of them then apply — so each ends with the tables one process alone trains. Time limits
  /// and report callbacks are agreed between them (a stop anywhere stops all). At most 65,535
  /// samples per step (the counts travel in 16 bits). nullptr: this process alone.
  process_group* processes = nullptr;
  /// Keep-best: when set, class accuracy on these samples is measured at the start and at every
  /// event (event.valid_errors), and the network is left with the tables that scored best there
  /// (the earliest of equals) — the model is chosen on validation data, never on test data. One
  /// task only.
  const class_samples* valid = nullptr;
  /// A progress event every this many samples (0: once per epoch) …
  std::size_t report_every = 0;
  /// … to this callback; returning false stops training. An event's errors count the samples
  /// since the previous event (of the first task), judged before their steps' flips.
  train_callback on_event;
};

/// What a gate-network training measured.
struct gate_train_stats {
  train_event last;    // the run's last event
  /// With params.valid: the event after which the returned tables were measured (steps 0: the
  /// start); chosen.valid_accuracy() is their class accuracy on the validation samples.
  train_event chosen;
};
/// What one step saw.
struct gate_step_stats {
  std::size_t samples = 0;
  std::size_t correct = 0;  // predicted right before the step's flips
  std::size_t flips = 0;
};

/// The training state of a network over a dataset: the per-thread passes and the dataset stored
/// word-major (one row of input words per 64 samples) so that a tile gathers contiguous memory.
/// Built once; each step allocates nothing.
class gate_trainer {
 public:
  /// `net` must outlive the trainer and keep its wiring. labels[s] < p.classes for every sample.
  /// Throws std::invalid_argument on mismatched sizes, a label out of range, or outputs that do not
  /// split into p.classes groups.
  gate_trainer(gate_network& net, const bit_batch& inputs, std::span<const std::uint32_t> labels, const gate_train_params& p);
  ~gate_trainer();

  std::size_t num_words() const noexcept { return num_words_; }
  /// Dataset words in a step of p.batch samples: rounded up to a multiple of 4 (256 samples).
  std::size_t batch_words() const noexcept;
  /// Words per tile: p.tile_words, or the one it chose when that was 0.
  std::size_t tile_words() const noexcept;
  /// One step over the samples of the given dataset words (std::invalid_argument unless each < num_words()).
  gate_step_stats step(std::span<const std::uint32_t> words);
  /// Changes the flip fraction of the following steps (a schedule).
  void set_flip_fraction(double f) noexcept { p_.flip_fraction = f; }

 private:
  struct worker;
  struct candidate {
    std::int64_t gain;
    std::uint32_t entry;  // 4 × gate + table entry
  };
  void run_tiles(worker& w, std::span<const std::uint32_t> words, std::size_t first_tile, std::size_t stride);
  void head(worker& w, std::span<const std::uint32_t> tile_words);
  /// Chooses and flips layer `layer`'s entries from its counts: summed over the first `threads`
  /// workers' passes, or read from `reduced` (gates × 8 counts) when it is not null. Each flipped
  /// entry is also appended to `flipped_entries` when it is not null.
  std::size_t update_layer(std::size_t layer, std::size_t threads, std::span<std::uint32_t> sums, const std::uint32_t* reduced,
                           std::vector<std::uint32_t>* flipped_entries);
  gate_step_stats distributed_step(std::span<const std::uint32_t> words, std::size_t num_tiles);

  gate_network& net_;
  gate_train_params p_;
  std::size_t num_inputs_, num_words_, num_samples_, group_;
  word_vector rows_;                    // num_words × num_inputs, word-major
  std::vector<std::uint64_t> valid_;    // per word: mask of real samples
  std::vector<std::uint32_t> labels_;   // padded to whole words
  std::vector<std::unique_ptr<worker>> workers_;
  thread_team team_;
  std::unique_ptr<std::barrier<>> counted_;  // the end of the tile phase, for counted_threads_ threads
  std::size_t counted_threads_ = 0;
  std::vector<std::vector<candidate>> candidates_;  // per layer (a layer is one thread's in a step)
  std::vector<float> accumulated_;                  // 4 per gate when p_.gain_decay > 0
  // Shared steps (p_.processes): gates × 8 counts, this process's sums, then (its own layers) the
  // sums over every process; the same in 16 bits for the reduce-scatter; its block of the result;
  // the reduce-scatter's block sizes; the entries it flipped.
  std::vector<std::uint32_t> reduced_;
  std::vector<std::uint16_t> packed_, own_;
  std::vector<int> block_sizes_;
  std::vector<std::uint32_t> flipped_;
  // The tasks of the head: each task's first group and class count (one task: {0, classes}).
  std::vector<std::uint32_t> task_first_, task_classes_;
};

/// Trains `net`'s tables on the data by the flip rule until p.budget is spent (or p.on_event says
/// stop); with p.valid, leaves the tables that scored best there. Throws std::invalid_argument on
/// mismatched sizes, no samples, a label out of range, outputs that do not split into p.classes
/// groups, a budget with no limit, or p.valid with p.tasks.
void train(gate_network& net, const class_samples& data, const gate_train_params& p, gate_train_stats* stats = nullptr);

}  // namespace bitlens
