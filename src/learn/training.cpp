// The shared budget and events of the trainers (training.hpp).
#include "bitlens/learn/training.hpp"

#include <algorithm>

namespace bitlens {

bool train_budget::spent(std::uint64_t steps_taken, double epochs_done, double seconds_taken) const noexcept {
  return (steps > 0 && steps_taken >= steps) || (epochs > 0 && epochs_done >= epochs) || (seconds > 0 && seconds_taken >= seconds);
}

double train_budget::fraction(std::uint64_t steps_taken, double epochs_done, double seconds_taken) const noexcept {
  double f = 0;
  if (steps > 0) f = std::max(f, static_cast<double>(steps_taken) / static_cast<double>(steps));
  if (epochs > 0) f = std::max(f, epochs_done / epochs);
  if (seconds > 0) f = std::max(f, seconds_taken / seconds);
  return std::min(1.0, f);
}

std::string_view event_name(train_event_kind kind) noexcept {
  switch (kind) {
    case train_event_kind::progress: return "progress";
    case train_event_kind::best: return "best";
    case train_event_kind::perturb: return "perturb";
    case train_event_kind::restart: return "restart";
    case train_event_kind::done: return "done";
  }
  return "?";
}

double train_event::train_accuracy() const noexcept {
  return checked == 0 ? 0.0 : 1.0 - static_cast<double>(errors) / static_cast<double>(checked);
}

double train_event::valid_accuracy() const noexcept {
  if (!valid_errors || valid_checked == 0) return -1.0;
  return 1.0 - static_cast<double>(*valid_errors) / static_cast<double>(valid_checked);
}

}  // namespace bitlens
