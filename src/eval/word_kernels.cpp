// The three compiled variants of the tape kernels: the same source compiled for the baseline
// target, with AVX2 and POPCNT, and with AVX-512 (VPOPCNTDQ; 512-bit vectors preferred). The inline
// bodies are inlined into these functions and vectorised for each target; the runner chooses at run
// time (eval_params::kernels), so the portable build still uses the hardware.
#include "word_kernels.hpp"

namespace bitlens::kernels {
namespace {

void run_portable(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) { run_body<false>(code, regs, words); }
void run_all_portable(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) { run_body<true>(code, regs, words); }
std::uint64_t popcount_portable(const std::uint64_t* p, std::size_t words) { return popcount_body(p, words); }

__attribute__((target("avx2,popcnt"))) void run_avx2(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) {
  run_body<false>(code, regs, words);
}
__attribute__((target("avx2,popcnt"))) void run_all_avx2(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) {
  run_body<true>(code, regs, words);
}
__attribute__((target("avx2,popcnt"))) std::uint64_t popcount_avx2(const std::uint64_t* p, std::size_t words) {
  return popcount_body(p, words);
}

// GCC otherwise keeps 256-bit vectors for these loops; clang has no such target option (and
// ignores a target attribute that names one).
#if defined(__clang__)
#define BITLENS_AVX512 target("avx2,popcnt,avx512f,avx512bw,avx512vl,avx512vpopcntdq")
#else
#define BITLENS_AVX512 target("avx2,popcnt,avx512f,avx512bw,avx512vl,avx512vpopcntdq,prefer-vector-width=512")
#endif
__attribute__((BITLENS_AVX512)) void run_avx512(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) {
  run_body<false>(code, regs, words);
}
__attribute__((BITLENS_AVX512)) void run_all_avx512(std::span<const bit_instr> code, std::uint64_t* const* regs, std::size_t words) {
  run_body<true>(code, regs, words);
}
__attribute__((BITLENS_AVX512)) std::uint64_t popcount_avx512(const std::uint64_t* p, std::size_t words) {
  return popcount_body(p, words);
}
#undef BITLENS_AVX512

}  // namespace

variant select(kernel_variant requested) {
  switch (resolve(requested, "tape kernels")) {
    case kernel_variant::avx512: return {run_avx512, run_all_avx512, popcount_avx512};
    case kernel_variant::avx2: return {run_avx2, run_all_avx2, popcount_avx2};
    default: return {run_portable, run_all_portable, popcount_portable};
  }
}

}  // namespace bitlens::kernels
