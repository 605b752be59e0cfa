// The 256-bit basics of a gate-kernel policy (internal; see gate_kernels_body.hpp): loads, stores,
// broadcast and the logic of __m256i. Included by the AVX2 and the AVX-512 kernel files, whose
// policies derive from it and add their own counting (and, for AVX-512, VPTERNLOGQ). In an
// anonymous namespace, so that each file keeps its own copy compiled for its instruction set.
#pragma once

#include "../simd_intrinsics.hpp"

#include <cstddef>
#include <cstdint>

namespace bitlens::gate_kernels {
namespace {

struct vec256_ops {
  using vec = __m256i;
  static constexpr std::size_t words = 4;
  static vec load(const std::uint64_t* p) { return _mm256_load_si256(reinterpret_cast<const __m256i*>(p)); }
  static void store(std::uint64_t* p, vec v) { _mm256_store_si256(reinterpret_cast<__m256i*>(p), v); }
  static vec broadcast(std::uint64_t x) { return _mm256_set1_epi64x(static_cast<long long>(x)); }
  static vec and_(vec a, vec b) { return _mm256_and_si256(a, b); }
  static vec or_(vec a, vec b) { return _mm256_or_si256(a, b); }
  static vec xor_(vec a, vec b) { return _mm256_xor_si256(a, b); }
  static bool is_zero(vec a) { return _mm256_testz_si256(a, a) != 0; }
};

}  // namespace
}  // namespace bitlens::gate_kernels
