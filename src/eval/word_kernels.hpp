// Word kernels of straight-line bit code (internal): the tape's and compiled gate inference's
// (eval/bit_instr.hpp). The bodies are plain loops; word_kernels.cpp compiles them three times — for the baseline target, with AVX2 and POPCNT, and with AVX-512 — and the
// runner picks one per call (eval_params::kernels), so each is tested against the reference on a
// machine that has it.
#pragma once

#include "bitlens/eval/tape.hpp"

#include <bit>
#include <cstddef>
#include <cstdint>
#include <span>

namespace bitlens::kernels {

/// Executes every instruction over `words` words of each register; dst may equal an operand.
/// `all_ops` false: the code holds only the tape's xor_, and_ and not_. Tiles can be a few words
/// long (a wide circuit's slots must fit in cache), so the dispatch costs: measured, the tape ran
/// 6–13% slower when its loop also carried the cases of or_ and andn, so it gets a loop without them.
template <bool all_ops>
inline void run_body(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) {
  for (const auto& in : code) {
    std::uint64_t* d = regs[in.dst];
    const std::uint64_t* a = regs[in.a];
    const std::uint64_t* b = regs[in.b];
    switch (in.op) {
      case bit_op::xor_:
        for (std::size_t i = 0; i < words; ++i) d[i] = a[i] ^ b[i];
        break;
      case bit_op::and_:
        for (std::size_t i = 0; i < words; ++i) d[i] = a[i] & b[i];
        break;
      case bit_op::not_:
        for (std::size_t i = 0; i < words; ++i) d[i] = ~a[i];
        break;
      default:
        if constexpr (all_ops) {
          if (in.op == bit_op::or_) {
            for (std::size_t i = 0; i < words; ++i) d[i] = a[i] | b[i];
          } else {
            for (std::size_t i = 0; i < words; ++i) d[i] = a[i] & ~b[i];
          }
        }
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
  /// Runs tape code (xor_, and_, not_ only).
  void (*run)(std::span<const bit_instr>, std::uint64_t* const*, std::size_t);
  /// Runs code of all five operations (compiled gate networks).
  void (*run_all)(std::span<const bit_instr>, std::uint64_t* const*, std::size_t);
  std::uint64_t (*popcount)(const std::uint64_t*, std::size_t);
};

/// The variant for a request (automatic: the widest this CPU runs). Throws std::invalid_argument
/// when a variant the CPU lacks is requested.
variant select(kernel_variant requested);

}  // namespace bitlens::kernels
