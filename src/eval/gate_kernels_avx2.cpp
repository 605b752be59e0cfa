// The AVX2 gate kernels: 256-bit vectors, hardware popcount per 64-bit lane. This file alone is
// compiled with -mavx2 -mpopcnt (src/CMakeLists.txt); it is only called where the CPU has both.
#include "gate_kernels_body.hpp"

#include <immintrin.h>

namespace bitlens::gate_kernels {
namespace {

struct avx2_ops {
  using vec = __m256i;
  static constexpr std::size_t words = 4;
  static vec load(const std::uint64_t* p) { return _mm256_load_si256(reinterpret_cast<const __m256i*>(p)); }
  static void store(std::uint64_t* p, vec v) { _mm256_store_si256(reinterpret_cast<__m256i*>(p), v); }
  static vec loadu(const std::uint64_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static void storeu(std::uint64_t* p, vec v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static vec broadcast(std::uint64_t x) { return _mm256_set1_epi64x(static_cast<long long>(x)); }
  static vec and_(vec a, vec b) { return _mm256_and_si256(a, b); }
  static vec or_(vec a, vec b) { return _mm256_or_si256(a, b); }
  static vec xor_(vec a, vec b) { return _mm256_xor_si256(a, b); }
  static bool is_zero(vec a) { return _mm256_testz_si256(a, a) != 0; }
  static std::uint32_t popcount(vec a) {
    const __m128i lo = _mm256_castsi256_si128(a), hi = _mm256_extracti128_si256(a, 1);
    return static_cast<std::uint32_t>(
        _mm_popcnt_u64(static_cast<unsigned long long>(_mm_cvtsi128_si64(lo))) +
        _mm_popcnt_u64(static_cast<unsigned long long>(_mm_extract_epi64(lo, 1))) +
        _mm_popcnt_u64(static_cast<unsigned long long>(_mm_cvtsi128_si64(hi))) +
        _mm_popcnt_u64(static_cast<unsigned long long>(_mm_extract_epi64(hi, 1))));
  }
};

void forward_avx2(const tile_args& t) { forward_body<avx2_ops>(t); }
void reverse_avx2(const tile_args& t) { reverse_body<avx2_ops>(t); }
void run_ops_avx2(const gate_instr* code, std::size_t n, std::uint64_t* const* regs, std::size_t words) {
  run_ops_body<avx2_ops>(code, n, regs, words);
}

}  // namespace

variant avx2() { return {forward_avx2, reverse_avx2, run_ops_avx2}; }

}  // namespace bitlens::gate_kernels
