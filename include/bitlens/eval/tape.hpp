// tape: a Z2 circuit compiled for bit-parallel evaluation — a linear list of word-level
// instructions over registers, with liveness-based reuse of scratch slots.
//
// Register file (per tile of samples): [0] all zeros, [1] all ones, then one register per input
// (pointing into the batch, never copied), one per parameter (pointing at the zeros or ones
// register: parameters are scalars broadcast to every sample), then the scratch slots.
// Runs are tiled (a tile of W words = 64·W samples, sized so the slots stay in L2) and split over
// threads by tile; reductions are integer sums, so results never depend on the thread count.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/algebra/cpu_features.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include "bitlens/eval/bit_instr.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

class thread_team;  // eval/thread_team.hpp

/// Options of the bit-parallel runs (and of the lane tape's and compiled gates' runs).
struct eval_params {
  /// Worker threads; 0 = one per hardware thread (or the team's size when `team` is set).
  unsigned threads = 0;
  /// Words per tile; 0 = chosen so that the scratch slots fit in about 256 KiB.
  std::size_t tile_words = 0;
  /// Which compiled kernels run (algebra/cpu_features.hpp; automatic: the widest this CPU runs).
  /// std::invalid_argument when this CPU cannot run the variant asked for.
  kernel_variant kernels = kernel_variant::automatic;
  /// The threads to run on (eval/tile_runner.hpp): a team the caller holds and reuses across runs,
  /// or nullptr to start threads for this run. A team runs one job at a time: do not share it
  /// between runs made at once.
  thread_team* team = nullptr;
};

/// A compiled Z2 circuit. Built once, run many times; immutable and safe to share between threads.
class tape {
 public:
  /// Compiles f. Nodes no output depends on produce no instruction.
  explicit tape(const circuit<z2>& f);

  std::size_t num_inputs() const noexcept { return num_inputs_; }
  std::size_t num_params() const noexcept { return num_params_; }
  std::size_t num_outputs() const noexcept { return outputs_.size(); }
  /// Scratch slots needed after liveness-based reuse (≤ the number of nodes).
  std::size_t num_slots() const noexcept { return num_slots_; }
  std::span<const bit_instr> instructions() const noexcept { return code_; }
  /// Register holding output k at the end of a tile.
  std::uint32_t output_register(std::size_t k) const { return outputs_.at(k); }
  /// First scratch register; registers below it are constants, inputs and parameters.
  std::uint32_t first_slot() const noexcept { return static_cast<std::uint32_t>(2 + num_inputs_ + num_params_); }
  /// Tile size (in words) used by default for this tape.
  std::size_t default_tile_words() const noexcept;

 private:
  std::size_t num_inputs_ = 0;
  std::size_t num_params_ = 0;
  std::size_t num_slots_ = 0;
  std::vector<bit_instr> code_;
  std::vector<std::uint32_t> outputs_;
};

/// Outputs of the tape for every sample: a batch with one wire per output.
/// `inputs` has one wire per tape input; `params` one bit per tape parameter.
/// Throws std::invalid_argument on mismatched sizes.
bit_batch evaluate(const tape& t, const bit_batch& inputs, const bitvec& params, eval_params ep = {});

/// For each output, the number of samples on which it is 1 — computed tile by tile without
/// storing any output: the reduction of a fused training step.
std::vector<std::uint64_t> count_ones(const tape& t, const bit_batch& inputs, const bitvec& params,
                                      eval_params ep = {});

}  // namespace bitlens
