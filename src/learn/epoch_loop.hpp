// The loop the two gate-network trainers share (the flip rule, gate_train.cpp, and the relaxation,
// gate_relax.cpp): epochs of shuffled batches until the budget is spent, a progress event every
// report_every samples (or at each epoch's end), a stop when the callback says so, and — with
// several processes — every decision that could differ between them (the clock, a callback's stop)
// agreed, so that all of them take the same steps and make the same collective calls.
#pragma once

#include "bitlens/learn/process_group.hpp"
#include "bitlens/learn/training.hpp"

#include <cstdint>
#include <functional>
#include <random>
#include <span>

namespace bitlens::detail {

/// What one step did.
struct epoch_step {
  std::size_t samples = 0;  // samples it trained on
  std::size_t correct = 0;  // of them, predicted right before its update
  std::size_t changes = 0;  // parameter entries it changed
};

struct epoch_loop {
  std::size_t items = 0;              // what is shuffled: samples, or words of 64 samples
  std::size_t batch_items = 1;        // items per step (the last step of an epoch may have fewer)
  std::size_t samples_per_epoch = 0;  // training samples in all the items
  train_budget budget;
  std::size_t report_every = 0;       // samples between progress events; 0: one per epoch
  bool needs_fraction = false;        // whether step() reads the budget fraction (a schedule)
  process_group* group = nullptr;     // several processes (nullptr or size 1: this one alone)
  std::function<void(std::mt19937_64&)> start_epoch = {};  // after the shuffle (e.g. draws augmentations)
  /// One step on a batch of items, at this fraction of the budget (0 unless needs_fraction).
  std::function<epoch_step(std::span<const std::uint32_t> batch, double fraction)> step;
  /// Completes an event (fields the loop does not know) before it is sent to on_event.
  std::function<void(train_event&)> complete_event = {};
  train_callback on_event = {};
};

/// Runs the loop (std::invalid_argument when the budget sets no limit or there is nothing to train
/// on). Returns the last event sent (steps 0 when none was).
train_event run_epochs(const epoch_loop& loop, std::mt19937_64& rng);

}  // namespace bitlens::detail
