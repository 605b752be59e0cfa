// What the two gate-network trainers share (the flip rule, gate_train.cpp, and the relaxation,
// gate_relax.cpp): the loop — epochs of shuffled batches until the budget is spent, a progress
// event every report_every samples (or at each epoch's end), a stop when the callback says so, and,
// with several processes, every decision that could differ between them (the clock, a callback's
// stop) agreed, so that all of them take the same steps and make the same collective calls — and
// keep-best on validation data around it.
#pragma once

#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/process_group.hpp"
#include "bitlens/learn/training.hpp"

#include <cstdint>
#include <functional>
#include <random>
#include <span>
#include <utility>

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

/// Keep-best on validation data, shared by the gate trainers: calls run(on_event'), where on_event'
/// is the callback run must pass its events to; at the start and at every event the network's class
/// accuracy on `valid` is measured (into the event, which then goes on to on_event), and `net` is
/// left with the tables that scored best (the earliest of equals). Fills stats when not null.
void select_on_validation(gate_network& net, const class_samples& valid, std::size_t num_inputs, std::size_t classes,
                          unsigned threads, const train_callback& on_event, const std::function<train_event(train_callback)>& run,
                          gate_train_stats* stats);

/// train(net, data, p, stats) of a gate trainer whose training without validation is `run`: run
/// alone, or inside select_on_validation when p.valid is set.
template <class Params, class Run>
void train_selected(gate_network& net, const class_samples& data, const Params& p, gate_train_stats* stats, Run run) {
  if (p.valid == nullptr) return run(net, data, p, stats);
  select_on_validation(
      net, *p.valid, data.inputs.num_wires(), p.classes, p.threads, p.on_event,
      [&](train_callback on_event) {
        Params q = p;
        q.valid = nullptr;
        q.on_event = std::move(on_event);
        gate_train_stats st;
        run(net, data, q, &st);
        return st.last;
      },
      stats);
}

}  // namespace bitlens::detail
