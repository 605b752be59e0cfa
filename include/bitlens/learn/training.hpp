// What every trainer in learn/ shares: one budget (how long a run may go), one event type (what a
// run reports as it goes, tagged by kind) and the callback that receives the events and may end the
// run. The trainers are overloads of one function,
//     train(model, data, params, stats*)
// whose params type names the method: train_params (a Z2 circuit: rda, parity, vote — train.hpp),
// field_train_params (a circuit over a field — field_train.hpp), gate_train_params (a gate network
// classifier by the flip rule — gate_train.hpp) and gate_relax_params (the same by relaxation —
// gate_relax.hpp). Each params struct holds a `train_budget budget` and a `train_callback on_event`.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace bitlens {

/// How long a training run may go. Every limit that is set applies and the first one reached ends
/// the run; 0 leaves a limit unset.
struct train_budget {
  double seconds = 0;       // wall-clock time since training began, the event callbacks included
  std::uint64_t steps = 0;  // parameter updates
  double epochs = 0;        // passes over the training samples (a fraction allowed)

  /// Whether any limit is set.
  bool limited() const noexcept { return seconds > 0 || steps > 0 || epochs > 0; }
  /// Whether a run that has taken these steps, epochs and seconds has reached a limit.
  bool spent(std::uint64_t steps_taken, double epochs_done, double seconds_taken) const noexcept;
  /// How far through the budget such a run is, in [0, 1]: the largest fraction of any limit that is
  /// set (0 when none is). Annealing schedules (a learning rate, a flip fraction) follow it.
  double fraction(std::uint64_t steps_taken, double epochs_done, double seconds_taken) const noexcept;
};

enum class train_event_kind : std::uint8_t {
  progress,  // a periodic report: every progress_every seconds (Z2 circuits), report_every samples or each epoch
  best,      // Z2 circuits: new best parameters (by validation errors when a validation set is given)
  perturb,   // Z2 circuits: random bits flipped to leave a local optimum
  restart,   // Z2 circuits: random parameters after perturbations found no new best
  done,      // the run ended (train over Z2 and over fields): its last event
};

/// "progress", "best", "perturb", "restart", "done".
std::string_view event_name(train_event_kind kind) noexcept;

/// What a run reports. Fields a trainer does not measure stay 0 (or empty).
struct train_event {
  train_event_kind kind = train_event_kind::progress;
  std::uint64_t steps = 0;    // steps taken so far
  double epochs = 0;          // passes over the training samples so far
  std::uint64_t samples = 0;  // training samples processed so far
  std::uint64_t changes = 0;  // gate trainers: table entries flipped (relaxation: gates whose function changed) so far
  /// Time so far. the circuit trainers: since the start; the gate trainers count their steps alone
  /// (not the callbacks' validation), so that samples / seconds is their training rate.
  double seconds = 0;
  /// Training errors: `errors` wrong of `checked` — Z2 circuits: cared target bits of the training
  /// set for the current parameters; field circuits: rows not exact; gate classifiers: samples since the
  /// previous event, judged before their steps' updates.
  std::uint64_t errors = 0, checked = 0;
  std::uint64_t best_errors = 0;  // Z2 circuits: the fewest training errors so far
  /// Validation errors of `valid_checked` (Z2 circuits: of the best parameters), when measured.
  std::optional<std::uint64_t> valid_errors;
  std::uint64_t valid_checked = 0;

  /// 1 − errors / checked (0 when nothing was checked).
  double train_accuracy() const noexcept;
  /// 1 − valid_errors / valid_checked, or −1 when not measured.
  double valid_accuracy() const noexcept;
};

/// Receives every event of a run; returning false ends the run (after the step that raised it; with
/// several processes, a stop on one stops all).
using train_callback = std::function<bool(const train_event&)>;

}  // namespace bitlens
