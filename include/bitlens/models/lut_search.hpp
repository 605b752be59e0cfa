// Learning a truth table (or labelled bit data) with LUT networks when the architecture is not
// given: a schedule of growing architectures that share one budget, and the split of a
// multi-output table into one network per output. This is what `bitlens learn` runs by default;
// the command line only parses, calls this and prints (through the observer).
//
// It sits in models/ rather than learn/ because it searches over a model family (lut_network) and
// the layer rule lets models use learn, not the reverse (DESIGN.md §2).
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/ir/circuit.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_network.hpp"
#include "bitlens/models/trained_network.hpp"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace bitlens {

/// Parameter bits as Z2 elements (what specialize takes).
std::vector<z2::element> to_elements(const bitvec& bits);

/// The architectures tried for n inputs and m outputs, from small to large, alternating 4-input and
/// 6-input LUTs (skip wiring from the second on); wiring seeds from `seed`.
std::vector<lut_network_params> architecture_schedule(std::size_t n, std::size_t m, std::uint64_t seed);

/// What a search reports as it goes. Every callback may be empty.
struct search_observer {
  /// A new attempt (from 1) and its architecture, described.
  std::function<void(std::size_t attempt, const std::string& description)> attempt;
  /// The decomposition trains output `output` (from 1) of `outputs` alone; (0, 0) when it is done.
  std::function<void(std::size_t output, std::size_t outputs)> output;
  /// Every training event of every attempt (train_params::on_event); false ends the attempt.
  train_callback event;
};

struct search_outcome {
  lut_network model;
  lut_network_params model_params;
  bitvec params;      // its trained parameters
  train_stats stats;  // what their training measured
  std::string description;
  std::size_t attempts = 0;
  std::uint64_t total_steps = 0;
  double seconds = 0;
};

/// Trains LUT networks on `train`: the fixed architecture when given (re-wired on each attempt),
/// else round the schedule, attempts sharing base.budget's time and steps and each ending when its
/// search stalls; stops at the first exact one (and exact on base.valid). `initial` seeds the first
/// attempt's parameters. Returns the best attempt (by validation errors when base.valid is set,
/// then training errors).
search_outcome search_lut_networks(const bit_dataset& train, const train_params& base,
                                   std::optional<lut_network_params> fixed, const bitvec* initial, const search_observer& observer = {});

/// How a multi-output table is split: one network for all outputs (none), one per output (outputs),
/// or a joint attempt with a third of the budget followed by per-output learning (automatic).
enum class decompose_mode : std::uint8_t { none, outputs, automatic };

/// What learning produced: a circuit without parameters and how it was found.
struct learned_circuit {
  circuit<z2> circuit_;  // specialised: parameters are constants
  std::string description;
  train_stats stats;     // summed over the parts when decomposed
  std::size_t attempts = 0;
  std::uint64_t steps = 0;
  double seconds = 0;
  std::optional<trained_network> network;  // the network and its bits, when one network did it all
};

/// Learns `train` with LUT networks: one search when the table has one output, an architecture is
/// fixed, parameters are given or mode is none; else by `mode`. Per-output parts share what is
/// left of the budget equally and are retried, while budget remains, until each is exact; the
/// combined circuit names its outputs after the table's.
learned_circuit learn_lut_circuit(const bit_dataset& train, const train_params& base,
                                  std::optional<lut_network_params> fixed, const bitvec* initial, decompose_mode mode,
                                  const search_observer& observer = {});

}  // namespace bitlens
