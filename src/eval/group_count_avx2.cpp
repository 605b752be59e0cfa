// Bit-sliced group counting for AVX2: five operations per carry-save step on 256-bit vectors, the
// chunk's tail under VPMASKMOVQ. This file alone is compiled with -mavx2 (src/CMakeLists.txt).
#include "group_count_body.hpp"

#include <immintrin.h>

namespace bitlens::group_count_kernels {
namespace {

struct avx2_ops {
  using vec = __m256i;
  static constexpr std::size_t words = 4;
  [[gnu::always_inline]] static __m256i mask(std::size_t n) {
    return _mm256_cmpgt_epi64(_mm256_set1_epi64x(static_cast<long long>(n)), _mm256_setr_epi64x(0, 1, 2, 3));
  }
  [[gnu::always_inline]] static vec zero() { return _mm256_setzero_si256(); }
  [[gnu::always_inline]] static vec load(std::size_t n, const std::uint64_t* p) {
    if (n == words) return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p));
    return _mm256_maskload_epi64(reinterpret_cast<const long long*>(p), mask(n));
  }
  [[gnu::always_inline]] static void store(std::size_t n, std::uint64_t* p, vec v) {
    _mm256_maskstore_epi64(reinterpret_cast<long long*>(p), mask(n), v);
  }
  [[gnu::always_inline]] static void csa(vec& high, vec& low, vec a, vec b, vec c) {
    const vec u = _mm256_xor_si256(a, b);
    high = _mm256_or_si256(_mm256_and_si256(a, b), _mm256_and_si256(u, c));
    low = _mm256_xor_si256(u, c);
  }
  [[gnu::always_inline]] static vec and_(vec a, vec b) { return _mm256_and_si256(a, b); }
  [[gnu::always_inline]] static vec xor_(vec a, vec b) { return _mm256_xor_si256(a, b); }
  [[gnu::always_inline]] static bool is_zero(vec a) { return _mm256_testz_si256(a, a) != 0; }
};

}  // namespace

void count_avx2(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes) {
  count_vec_body<avx2_ops>(wires, words, planes);
}

}  // namespace bitlens::group_count_kernels
