// gate_network: a layered network of two-input learnable gates — difflogic's architecture — in the
// flat form the fused training kernel (gate_pass) and the compiled inference (compiled_gates) read:
// the compiled form of the gate-layers model family (models/gate_layers.hpp, whose model is a
// lut_network of 2-LUTs in strict layers; compile_gate_layers and to_lut_network convert).
//
// Nodes are numbered [0, num_inputs) for the inputs, then gate by gate, layer by layer. A gate of
// layer 0 reads two inputs; a gate of layer l > 0 reads two gates of layer l − 1. Each gate is a
// 2-input LUT: a 4-bit truth table whose bit (a + 2b) is the output on inputs a, b — the same entry
// order as circuit_builder::lut, so gate g's table is parameters 4g … 4g+3 of the equivalent
// lut_network. The outputs are the gates of the last layer.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

/// Truth tables of common gates in the 4-bit encoding (bit a + 2b).
namespace gate_lut {
inline constexpr std::uint8_t zero = 0x0, and_ = 0x8, xor_ = 0x6, or_ = 0xE, pass_a = 0xA, pass_b = 0xC, one = 0xF;
}

/// One layer's wiring: gate j reads nodes a[j] and b[j] of the previous layer, counted from 0
/// within that layer (within the inputs for layer 0).
struct gate_layer {
  std::vector<std::uint32_t> a, b;
};

class gate_network {
 public:
  gate_network() = default;
  /// Validates the wiring (operands in range, a.size() == b.size() > 0) and sets every table to
  /// pass_a. Throws std::invalid_argument naming the layer and gate on a bad operand.
  gate_network(std::size_t num_inputs, std::vector<gate_layer> layers);

  std::size_t num_inputs() const noexcept { return num_inputs_; }
  std::size_t num_layers() const noexcept { return layer_first_.size(); }
  std::size_t num_gates() const noexcept { return luts_.size(); }
  std::size_t num_nodes() const noexcept { return num_inputs_ + luts_.size(); }
  std::size_t num_outputs() const noexcept { return num_layers() == 0 ? 0 : width(num_layers() - 1); }
  /// Gates in layer l.
  std::size_t width(std::size_t l) const { return layer_end(l) - layer_first_.at(l); }
  /// Index of layer l's first gate (gates are numbered from 0; its node is num_inputs() + gate).
  std::size_t first_gate(std::size_t l) const { return layer_first_.at(l); }

  /// Operand nodes of every gate (global node numbers).
  std::span<const std::uint32_t> operand_a() const noexcept { return a_; }
  std::span<const std::uint32_t> operand_b() const noexcept { return b_; }

  /// The truth tables, one per gate (values 0…15).
  std::span<const std::uint8_t> luts() const noexcept { return luts_; }
  std::uint8_t lut(std::size_t g) const { return luts_.at(g); }
  /// Sets gate g's table (std::invalid_argument when table > 15).
  void set_lut(std::size_t g, std::uint8_t table);
  /// Flips entry e (0…3) of gate g's table.
  void flip_entry(std::size_t g, unsigned e) { luts_.at(g) ^= static_cast<std::uint8_t>(1U << (e & 3U)); }

  friend bool operator==(const gate_network&, const gate_network&) = default;

 private:
  std::size_t layer_end(std::size_t l) const { return l + 1 < layer_first_.size() ? layer_first_[l + 1] : luts_.size(); }

  std::size_t num_inputs_ = 0;
  std::vector<std::size_t> layer_first_;
  std::vector<std::uint32_t> a_, b_;
  std::vector<std::uint8_t> luts_;
};

/// Every gate's output for one sample (scalar reference evaluation): node values, inputs first.
std::vector<std::uint8_t> evaluate_gates_reference(const gate_network& net, std::span<const std::uint8_t> input_bits);

}  // namespace bitlens
