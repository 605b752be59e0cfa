// The shared epoch loop and validation selection of the gate-network trainers (epoch_loop.hpp).
#include "epoch_loop.hpp"

#include "bitlens/eval/gate_inference.hpp"

#include <algorithm>
#include <chrono>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace bitlens::detail {

train_event run_epochs(const epoch_loop& loop, std::mt19937_64& rng) {
  if (!loop.budget.limited()) throw std::invalid_argument("training: the budget sets no limit (seconds, steps or epochs)");
  if (loop.items == 0 || loop.samples_per_epoch == 0 || loop.batch_items == 0) throw std::invalid_argument("training: no samples");
  process_group* const group = loop.group != nullptr && loop.group->size() > 1 ? loop.group : nullptr;
  const auto agreed = [&](bool here) { return group != nullptr ? group->any(here) : here; };
  std::vector<std::uint32_t> order(loop.items);
  std::iota(order.begin(), order.end(), 0U);
  train_event event;
  std::size_t seen = 0, correct = 0, next_report = loop.report_every;
  const auto epochs_done = [&] { return static_cast<double>(event.samples) / static_cast<double>(loop.samples_per_epoch); };
  // Sends a progress event; true when the run must stop (a callback's false anywhere stops all).
  const auto emit = [&] {
    event.epochs = epochs_done();
    event.errors = seen - correct;
    event.checked = seen;
    seen = correct = 0;
    if (loop.complete_event) loop.complete_event(event);
    return agreed(loop.on_event && !loop.on_event(event));
  };
  // The budget's clock is wall time from here, events and their callbacks (validation) included, so
  // that a caller's time limit bounds the whole training; event.seconds counts the steps alone.
  const auto started = std::chrono::steady_clock::now();
  const auto wall = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(); };
  const auto fraction = [&] {
    double seconds = loop.budget.seconds > 0 ? wall() : 0;
    if (group != nullptr && loop.budget.seconds > 0) {  // the processes' mean, in microseconds: the same number on each
      std::uint64_t us = static_cast<std::uint64_t>(seconds * 1e6);
      group->sum(std::span<std::uint64_t>(&us, 1));
      seconds = static_cast<double>(us) / 1e6 / group->size();
    }
    return loop.budget.fraction(event.steps, epochs_done(), seconds);
  };
  const auto spent = [&] {
    if (loop.budget.spent(event.steps, epochs_done(), 0)) return true;
    return loop.budget.seconds > 0 && agreed(wall() >= loop.budget.seconds);
  };
  for (;;) {
    std::shuffle(order.begin(), order.end(), rng);
    if (loop.start_epoch) loop.start_epoch(rng);
    for (std::size_t first = 0; first < order.size(); first += loop.batch_items) {
      const auto batch = std::span<const std::uint32_t>(order).subspan(first, std::min(loop.batch_items, order.size() - first));
      const double f = loop.needs_fraction ? fraction() : 0.0;
      const auto t0 = std::chrono::steady_clock::now();
      const epoch_step st = loop.step(batch, f);
      event.seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      ++event.steps;
      event.samples += st.samples;
      event.changes += st.changes;
      seen += st.samples;
      correct += st.correct;
      if (spent()) {
        emit();
        return event;
      }
      if (loop.report_every > 0 && event.samples >= next_report) {
        next_report += loop.report_every;
        if (emit()) return event;
      }
    }
    if (loop.report_every == 0 && emit()) return event;
  }
}

void select_on_validation(gate_network& net, const class_samples& valid, std::size_t num_inputs, std::size_t classes,
                          unsigned threads, const train_callback& on_event, const std::function<train_event(train_callback)>& run,
                          gate_train_stats* stats) {
  if (valid.inputs.num_wires() != num_inputs || valid.inputs.num_samples() != valid.labels.size() || valid.labels.empty()) {
    throw std::invalid_argument("validation data: needs samples with as many inputs as the training data, one label each");
  }
  const auto valid_errors = [&] {
    const compiled_gates cg(net);
    const auto predicted = cg.predict_groups(valid.inputs, classes, {.threads = threads});
    std::uint64_t wrong = 0;
    for (std::size_t s = 0; s < predicted.size(); ++s) wrong += predicted[s] != valid.labels[s] ? 1 : 0;
    return wrong;
  };
  train_event chosen;
  chosen.valid_errors = valid_errors();
  chosen.valid_checked = valid.labels.size();
  std::vector<std::uint8_t> best(net.luts().begin(), net.luts().end());
  const train_event last = run([&](const train_event& e) {
    train_event measured = e;
    measured.valid_errors = valid_errors();
    measured.valid_checked = valid.labels.size();
    if (*measured.valid_errors < *chosen.valid_errors) {
      chosen = measured;
      best.assign(net.luts().begin(), net.luts().end());
    }
    return !on_event || on_event(measured);
  });
  for (std::size_t g = 0; g < best.size(); ++g) net.set_lut(g, best[g]);
  if (stats != nullptr) {
    stats->last = last;
    stats->chosen = chosen;
  }
}

}  // namespace bitlens::detail
