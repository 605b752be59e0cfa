// The two compiled variants of the tape kernels. The AVX2 variant is the same source compiled with
// AVX2 and POPCNT enabled (the inline bodies are inlined into these functions and vectorised for
// that target); the runner chooses at run time, so the portable build still uses the hardware.
#include "word_kernels.hpp"

#include <stdexcept>

namespace bitlens::kernels {
namespace {

void run_portable(std::span<const tape_instr> code, std::uint64_t* const* regs, std::size_t words) { run_body(code, regs, words); }
std::uint64_t popcount_portable(const std::uint64_t* p, std::size_t words) { return popcount_body(p, words); }

__attribute__((target("avx2,popcnt"))) void run_avx2(std::span<const tape_instr> code, std::uint64_t* const* regs, std::size_t words) {
  run_body(code, regs, words);
}
__attribute__((target("avx2,popcnt"))) std::uint64_t popcount_avx2(const std::uint64_t* p, std::size_t words) {
  return popcount_body(p, words);
}

const bool cpu_has_avx2 = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");

}  // namespace

variant select(tape_kernels requested) {
  if (requested == tape_kernels::avx2 && !cpu_has_avx2) throw std::invalid_argument("tape kernels: this CPU has no AVX2/POPCNT");
  if (requested == tape_kernels::portable || !cpu_has_avx2) return {run_portable, popcount_portable};
  return {run_avx2, popcount_avx2};
}

}  // namespace bitlens::kernels
