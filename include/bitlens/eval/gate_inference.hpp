// compiled_gates: a trained gate_network compiled for inference. Each gate is specialised to the
// function its table computes — constants and pass-throughs disappear into their readers, negations
// ride along as operand polarity, and only and / or / xor / and-not remain as word operations —
// gates no output needs are dropped, and registers are reused by liveness. Runs are tiled, with
// threads over tiles, like the tape; the group-sum head counts each class's wires bit-sliced.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/eval/bit_instr.hpp"
#include "bitlens/eval/gate_network.hpp"
#include "bitlens/eval/tape.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

class compiled_gates {
 public:
  explicit compiled_gates(const gate_network& net);

  std::size_t num_inputs() const noexcept { return num_inputs_; }
  std::size_t num_outputs() const noexcept { return outputs_.size(); }
  /// Word operations per tile word after specialisation and dead-gate removal.
  std::size_t num_ops() const noexcept { return code_.size(); }
  std::size_t num_slots() const noexcept { return num_slots_; }
  std::span<const bit_instr> instructions() const noexcept { return code_; }
  /// Register of output k: 0 zeros, 1 ones, [2, 2 + inputs) inputs, then slots.
  std::uint32_t output_register(std::size_t k) const { return outputs_.at(k); }

  /// Every output for every sample. Throws std::invalid_argument on a wrong number of input wires.
  bit_batch evaluate(const bit_batch& inputs, eval_params ep = {}) const;

  /// The group-sum prediction: outputs are `classes` groups of equal size; a sample's class is the
  /// group with the most ones (ties: the lowest class). Throws std::invalid_argument when the
  /// outputs do not split into `classes` groups.
  std::vector<std::uint32_t> predict_groups(const bit_batch& inputs, std::size_t classes, eval_params ep = {}) const;

 private:
  std::size_t tile_words(const eval_params& ep) const noexcept;
  template <class Sink>
  void run(const bit_batch& inputs, eval_params ep, Sink&& make_sink) const;

  std::size_t num_inputs_ = 0;
  std::size_t num_slots_ = 0;
  std::vector<bit_instr> code_;
  std::vector<std::uint32_t> outputs_;
};

}  // namespace bitlens
