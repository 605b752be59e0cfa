// The instruction set of compiled gate inference (see gate_inference.hpp). Kept free of other
// includes: the AVX2 kernel translation unit includes it.
#pragma once

#include <cstdint>

namespace bitlens {

/// dst ← a op b, with andn = a ∧ ¬b and not_ = ¬a (b unused).
enum class gate_op : std::uint8_t { and_, or_, xor_, andn, not_ };

struct gate_instr {
  gate_op op;
  std::uint32_t dst, a, b;
};

}  // namespace bitlens
