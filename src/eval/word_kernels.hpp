// Word kernels of the tape runner (internal). The bodies are plain loops; word_kernels.cpp compiles
// them three times — for the baseline target, with AVX2 and POPCNT, and with AVX-512 — and the
// runner picks one per call (eval_params::kernels), so each is tested against the reference on a
// machine that has it.
#pragma once

#include "bitlens/eval/tape.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace bitlens::kernels {

/// Executes every instruction over `words` words of each register. dst may equal an operand.
inline void run_body(std::span<const tape_instr> code, std::uint64_t* const* regs, std::size_t words) {
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
inline std::uint64_t popcount_body(const std::uint64_t* p, std::size_t words) {
  std::uint64_t n = 0;
  for (std::size_t i = 0; i < words; ++i) n += static_cast<std::uint64_t>(std::popcount(p[i]));
  return n;
}

/// A compiled variant of the kernels.
struct variant {
  void (*run)(std::span<const tape_instr>, std::uint64_t* const*, std::size_t);
  std::uint64_t (*popcount)(const std::uint64_t*, std::size_t);
};

/// The variant for a request (automatic: the widest this CPU runs). Throws std::invalid_argument
/// when a variant the CPU lacks is requested.
variant select(kernel_variant requested);

}  // namespace bitlens::kernels
