// gate_pass: the fused training pass of a gate_network over one tile of samples — forward through
// every layer, then (after the caller's loss head has written the output adjoints) reverse through
// every layer, adding per-gate counts. Nothing of size gates × batch is stored: a pass holds the
// tile's values (gates × tile words), the adjoints of two layers at a time, and the counts. One
// gate_pass per thread; summing the counts of several passes is exact, so a result never depends on
// how tiles were shared out.
//
// Two adjoint signals flow backwards, one bit per sample and gate:
//   δ — the Z2 reverse derivative (RD of the error, summed over paths mod 2), and
//   m — "matters": some output whose loss is active depends on this gate (OR over paths).
// A table entry e of gate g decides the output on the samples that select it (a + 2b = e); flipping
// it flips the output there. With fix_e = |select_e ∧ m ∧ δ| (samples it would correct) and
// matter_e = |select_e ∧ m|, its net gain is fix_e − (matter_e − fix_e) = 2·fix_e − matter_e.
#pragma once

#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/eval/gate_network.hpp"
#include "bitlens/eval/tape.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>

namespace bitlens {

namespace gate_kernels {
struct tile_args;  // the kernels' view of a pass (internal)
}  // namespace gate_kernels

/// Counts per gate, in the monomial basis over the gate's operands a, b:
/// [|δ|, |δ·a|, |δ·b|, |δ·a·b|, |m|, |m·a|, |m·b|, |m·a·b|] (δ ⊆ m: the head keeps δ inside m).
inline constexpr std::size_t gate_count_slots = 8;

/// Net gain (2·fix − matter) of flipping each of a gate's four table entries, from its counts.
std::array<std::int64_t, 4> entry_gains(std::span<const std::uint32_t, gate_count_slots> counts);

class gate_pass {
 public:
  /// A pass over tiles of `tile_words` words (rounded up to a multiple of 4; 64 samples per word).
  /// The network's wiring must not change while the pass exists; its tables may, between tiles.
  gate_pass(const gate_network& net, std::size_t tile_words = 4, kernel_variant kernels = kernel_variant::automatic);

  std::size_t tile_words() const noexcept { return words_; }
  std::size_t tile_samples() const noexcept { return 64 * words_; }

  /// The tile's words of input i (tile_words() of them), to be filled before forward().
  std::uint64_t* input(std::size_t i) { return values_.data() + i * words_; }
  /// Computes every gate's output for the tile.
  void forward();
  /// The tile's words of output k (last-layer gate k), valid after forward().
  const std::uint64_t* output(std::size_t k) const { return values_.data() + (net_.num_inputs() + out_first_ + k) * words_; }
  /// Where the loss head writes output k's adjoints before reverse(): δ (flip the output to fix
  /// the loss) and m (the loss of this sample depends on the output). δ must be a subset of m.
  std::uint64_t* output_delta(std::size_t k) { return output_rows_ + k * 2 * words_; }
  std::uint64_t* output_matters(std::size_t k) { return output_rows_ + k * 2 * words_ + words_; }
  /// How reverse() stores a tile's counts.
  enum class counting : std::uint8_t {
    add,      // added to the stored counts
    replace,  // replace them: the first tile of a new sum (there is no separate clear)
  };
  /// Propagates the adjoints back through every layer and adds (or stores) every gate's counts.
  void reverse(counting mode = counting::add);

  /// gate_count_slots counts per gate, summed over every reverse() since the last one with
  /// counting::replace (or since construction, which starts them at zero).
  std::span<const std::uint32_t> counts() const noexcept { return counts_; }
  /// Adds the counts of gates [first_gate, end_gate) to `sum` (gate_count_slots per gate, gate
  /// first_gate at sum[0]): one thread's share of merging several passes' counts.
  void add_counts_to(std::size_t first_gate, std::size_t end_gate, std::uint32_t* sum) const;

 private:
  gate_kernels::tile_args args();

  const gate_network& net_;
  std::size_t words_;
  std::size_t out_first_;
  kernel_variant kernels_;
  std::vector<std::size_t> layer_first_;
  word_vector values_;       // nodes × words: every input's and gate's value over the tile
  word_vector adjoints_[2];  // widest layer × 2 × words: δ and m rows of two adjacent layers
  std::uint64_t* output_rows_;
  std::vector<std::uint32_t> counts_;
};

}  // namespace bitlens
