// Word kernels of the tape runner (internal). The portable versions are plain loops the compiler
// vectorises for the baseline target; faster variants are selected at run time elsewhere.
#pragma once

#include "bitlens/eval/tape.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace bitlens::kernels {

/// Executes every instruction over `words` words of each register. dst may equal an operand.
inline void run(std::span<const tape_instr> code, std::uint64_t* const* regs, std::size_t words) {
  for (const auto& in : code) {
    std::uint64_t* d = regs[in.dst];
    const std::uint64_t* a = regs[in.a];
    switch (in.op) {
      case tape_op::xor_: {
        const std::uint64_t* b = regs[in.b];
        for (std::size_t i = 0; i < words; ++i) d[i] = a[i] ^ b[i];
        break;
      }
      case tape_op::and_: {
        const std::uint64_t* b = regs[in.b];
        for (std::size_t i = 0; i < words; ++i) d[i] = a[i] & b[i];
        break;
      }
      case tape_op::not_:
        for (std::size_t i = 0; i < words; ++i) d[i] = ~a[i];
        break;
    }
  }
}

/// Number of set bits in words [0, words).
inline std::uint64_t popcount(const std::uint64_t* p, std::size_t words) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < words; ++i) n += static_cast<std::uint64_t>(std::popcount(p[i]));
  return n;
}

}  // namespace bitlens::kernels
