// aig: an And-Inverter Graph, the currency of logic tools (ABC, AIGER). Literals are 2·var + c
// (c = complemented); var 0 is constant false, vars 1..n the inputs, then one var per AND gate in
// topological order. and_() propagates constants and hashes structurally, so equal gates are built
// once; cleanup() removes gates no output reaches. Its AND count is the size measure of the field.
// Here too: lowering a Z2 circuit to an AIG (the LUT-to-AIG step of synthesis) and back. AIGER
// files: io/aig.hpp.
#pragma once

#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

namespace bitlens {

class aig {
 public:
  using lit = std::uint32_t;
  static constexpr lit false_lit = 0;
  static constexpr lit true_lit = 1;
  struct and_gate {
    lit a, b;  // a >= b after normalisation
  };

  explicit aig(std::size_t num_inputs = 0);

  std::size_t num_inputs() const noexcept { return num_inputs_; }
  std::size_t num_ands() const noexcept { return ands_.size(); }
  std::size_t num_outputs() const noexcept { return outputs_.size(); }
  /// Highest variable index (inputs + ANDs).
  std::size_t max_var() const noexcept { return num_inputs_ + ands_.size(); }

  lit input(std::size_t i) const noexcept { return static_cast<lit>(2 * (i + 1)); }
  static constexpr lit negate(lit x) noexcept { return x ^ 1U; }
  static constexpr std::size_t var_of(lit x) noexcept { return x >> 1; }

  /// AND with constant propagation (x·0, x·1, x·x, x·¬x) and structural hashing.
  lit and_(lit a, lit b);
  lit or_(lit a, lit b) { return negate(and_(negate(a), negate(b))); }
  /// XOR as three ANDs.
  lit xor_(lit a, lit b) { return or_(and_(a, negate(b)), and_(negate(a), b)); }
  /// s ? a : b as three ANDs.
  lit mux(lit s, lit a, lit b) { return or_(and_(s, a), and_(negate(s), b)); }

  void add_output(lit x, std::string name = {});
  std::span<const and_gate> ands() const noexcept { return ands_; }
  /// The AND gate defining variable v (v > num_inputs()).
  const and_gate& gate_of(std::size_t var) const { return ands_.at(var - num_inputs_ - 1); }
  std::span<const lit> outputs() const noexcept { return outputs_; }
  lit output(std::size_t k) const { return outputs_.at(k); }

  std::vector<std::string> input_names;   // empty or one per input
  std::vector<std::string> output_names;  // empty or one per output

  /// The same AIG without the gates no output depends on (dead-gate removal), renumbered.
  aig cleanup() const;
  /// The AIG of outputs `which` only (in that order, with their names), cleaned up.
  aig select_outputs(std::span<const std::size_t> which) const;
  /// Output values for one input assignment (bit i of the span = input i).
  std::vector<bool> evaluate(const std::vector<bool>& inputs) const;

 private:
  std::size_t num_inputs_;
  std::vector<and_gate> ands_;
  std::vector<lit> outputs_;
  std::unordered_map<std::uint64_t, lit> strash_;
};

/// Lowers a parameter-free Z2 circuit to an AIG: mul → AND, add → XOR (3 ANDs), add x 1 → inverter,
/// with the builder's MUX s(a+b)+b and OR (x+y)+xy shapes recognised (3 and 1 ANDs), constant
/// propagation, structural hashing and dead-gate removal. Throws std::invalid_argument when f has
/// parameters (specialise them first).
aig lower_to_aig(const circuit<z2>& f);

/// The Z2 circuit of an AIG: AND → mul, inverter → add 1.
circuit<z2> to_circuit(const aig& g);

}  // namespace bitlens
