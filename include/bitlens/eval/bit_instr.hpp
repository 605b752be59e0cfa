// The one instruction set of straight-line bit code in bitlens: the tape (a compiled Z2 circuit
// uses xor_, and_ and not_) and compiled gate-network inference (all five) are both lists of these,
// run by the same word kernels (src/eval/word_kernels.hpp) over registers of tile words.
#pragma once

#include <cstdint>

namespace bitlens {

/// dst ← a op b, with andn = a ∧ ¬b and not_ = ¬a (b unused). The tape's three come first: the
/// word kernels dispatch in this order.
enum class bit_op : std::uint8_t { xor_, and_, not_, or_, andn };

/// One instruction; registers are indices into the register file of a run.
struct bit_instr {
  bit_op op;
  std::uint32_t dst, a, b;
};

}  // namespace bitlens
