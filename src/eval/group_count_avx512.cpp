// Bit-sliced group counting for AVX-512: two VPTERNLOGQ per carry-save step on 512-bit vectors,
// the chunk's tail under a mask. This file alone is compiled for AVX-512 (src/CMakeLists.txt).
#include "group_count_body.hpp"

#include "../simd_intrinsics.hpp"

namespace bitlens::group_count_kernels {
namespace {

struct avx512_ops {
  using vec = __m512i;
  static constexpr std::size_t words = 8;
  [[gnu::always_inline]] static __mmask8 mask(std::size_t n) { return static_cast<__mmask8>((1U << n) - 1); }
  [[gnu::always_inline]] static vec zero() { return _mm512_setzero_si512(); }
  [[gnu::always_inline]] static vec load(std::size_t n, const std::uint64_t* p) {
    return _mm512_maskz_loadu_epi64(mask(n), p);
  }
  [[gnu::always_inline]] static void store(std::size_t n, std::uint64_t* p, vec v) {
    _mm512_mask_storeu_epi64(p, mask(n), v);
  }
  [[gnu::always_inline]] static void csa(vec& high, vec& low, vec a, vec b, vec c) {
    high = _mm512_ternarylogic_epi64(a, b, c, 0xe8);
    low = _mm512_ternarylogic_epi64(a, b, c, 0x96);
  }
  [[gnu::always_inline]] static vec and_(vec a, vec b) { return _mm512_and_si512(a, b); }
  [[gnu::always_inline]] static vec xor_(vec a, vec b) { return _mm512_xor_si512(a, b); }
  [[gnu::always_inline]] static bool is_zero(vec a) { return _mm512_test_epi64_mask(a, a) == 0; }
};

}  // namespace

void count_avx512(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes) {
  count_vec_body<avx512_ops>(wires, words, planes);
}

// Each word's 64 counts as two vectors of 32 16-bit lanes: plane k adds 2^k to the lanes its bits
// select (a masked add), so a word costs two adds per plane whatever its bits are.
void unpack_avx512(const std::uint64_t* planes, std::size_t num_planes, std::size_t words, std::uint16_t* out) {
  for (std::size_t i = 0; i < words; ++i) {
    __m512i lo = _mm512_setzero_si512(), hi = lo;
    for (std::size_t k = 0; k < num_planes; ++k) {
      const std::uint64_t bits = planes[k * words + i];
      const __m512i weight = _mm512_set1_epi16(static_cast<short>(1U << k));
      lo = _mm512_mask_add_epi16(lo, static_cast<__mmask32>(bits), lo, weight);
      hi = _mm512_mask_add_epi16(hi, static_cast<__mmask32>(bits >> 32), hi, weight);
    }
    _mm512_storeu_si512(out + 64 * i, lo);
    _mm512_storeu_si512(out + 64 * i + 32, hi);
  }
}

}  // namespace bitlens::group_count_kernels
