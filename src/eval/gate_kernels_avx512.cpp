// The AVX-512 gate kernels: VPOPCNTQ counts and VPTERNLOGQ logic. Two policies share this file:
// 512-bit vectors for tiles of a multiple of 8 words, and 256-bit vectors (AVX-512VL) for the
// other tiles (4 words: 256 samples), which keep both new instructions. This file alone is compiled
// with -mavx512f -mavx512bw -mavx512vl -mavx512vpopcntdq (src/CMakeLists.txt); it is only called
// where the CPU has them (cpu().avx512).
#include "gate_kernels_body.hpp"
#include "gate_kernels_vec256.hpp"

#include "../simd_intrinsics.hpp"

namespace bitlens::gate_kernels {
namespace {

// VPTERNLOGQ truth tables over (x, y, z) = (0xf0, 0xcc, 0xaa).
constexpr int xor_and_table = 0xf0 ^ (0xcc & 0xaa);
constexpr int or_and_table = 0xf0 | (0xcc & 0xaa);

struct avx512_ops {
  using vec = __m512i;
  static constexpr std::size_t words = 8;
  static vec load(const std::uint64_t* p) { return _mm512_load_si512(p); }
  static void store(std::uint64_t* p, vec v) { _mm512_store_si512(p, v); }
  static vec broadcast(std::uint64_t x) { return _mm512_set1_epi64(static_cast<long long>(x)); }
  static vec and_(vec a, vec b) { return _mm512_and_si512(a, b); }
  static vec or_(vec a, vec b) { return _mm512_or_si512(a, b); }
  static vec xor_(vec a, vec b) { return _mm512_xor_si512(a, b); }
  static vec xor_and(vec x, vec y, vec z) { return _mm512_ternarylogic_epi64(x, y, z, xor_and_table); }
  static vec or_and(vec x, vec y, vec z) { return _mm512_ternarylogic_epi64(x, y, z, or_and_table); }
  static bool is_zero(vec a) { return _mm512_test_epi64_mask(a, a) == 0; }
  // Eight popcounts. VPOPCNTQ gives each vector's eight lane counts (≤ 64 each); four vectors'
  // counts are packed into 16-bit fields of one vector (shifts and ORs, which run on several ports),
  // so the horizontal sum is of two vectors, not eight: fewer shuffles, which on Intel cores all
  // issue on one port beside VPOPCNTQ itself. A field's sum over eight lanes is ≤ 512: no carry.
  [[gnu::always_inline]] static void count8(const vec* x, std::uint32_t* acc, bool add) {
    vec packed[2];  // packed[h], 64-bit lane j: x[4h + f]'s lane j count in bits 16f … 16f + 15
    for (int h = 0; h < 2; ++h) {
      const vec c0 = _mm512_popcnt_epi64(x[4 * h]), c1 = _mm512_popcnt_epi64(x[4 * h + 1]);
      const vec c2 = _mm512_popcnt_epi64(x[4 * h + 2]), c3 = _mm512_popcnt_epi64(x[4 * h + 3]);
      constexpr int or3 = 0xf0 | 0xcc | 0xaa;
      packed[h] = _mm512_or_si512(_mm512_ternarylogic_epi64(c0, _mm512_slli_epi64(c1, 16), _mm512_slli_epi64(c2, 32), or3),
                                  _mm512_slli_epi64(c3, 48));
    }
    // Per 128-bit block: (packed[0] lanes 2j + 2j+1, packed[1] lanes 2j + 2j+1); then the four
    // blocks added, leaving packed[0]'s total in lane 0 and packed[1]'s in lane 1.
    vec sum = _mm512_add_epi64(_mm512_unpacklo_epi64(packed[0], packed[1]), _mm512_unpackhi_epi64(packed[0], packed[1]));
    sum = _mm512_add_epi64(sum, _mm512_shuffle_i64x2(sum, sum, _MM_SHUFFLE(2, 3, 0, 1)));
    sum = _mm512_add_epi64(sum, _mm512_shuffle_i64x2(sum, sum, _MM_SHUFFLE(1, 0, 3, 2)));
    // The low 128 bits hold the eight counts as 16-bit fields, in order.
    const __m256i counts = _mm256_cvtepu16_epi32(_mm512_castsi512_si128(sum));
    auto* out = reinterpret_cast<__m256i*>(acc);
    _mm256_storeu_si256(out, add ? _mm256_add_epi32(_mm256_loadu_si256(out), counts) : counts);
  }
};

struct avx512vl_ops : vec256_ops {
  static vec xor_and(vec x, vec y, vec z) { return _mm256_ternarylogic_epi64(x, y, z, xor_and_table); }
  static vec or_and(vec x, vec y, vec z) { return _mm256_ternarylogic_epi64(x, y, z, or_and_table); }
  // Eight popcounts: pairs of 256-bit vectors joined into one 512-bit VPOPCNTQ, then the same
  // transpose-and-add as above over four vectors of (x[2i] lanes, x[2i+1] lanes).
  [[gnu::always_inline]] static void count8(const vec* x, std::uint32_t* acc, bool add) {
    __m512i c[4];  // c[i]: x[2i]'s four lane counts, then x[2i+1]'s
    for (int i = 0; i < 4; ++i) c[i] = _mm512_popcnt_epi64(_mm512_inserti64x4(_mm512_castsi256_si512(x[2 * i]), x[2 * i + 1], 1));
    // pair[h]: (x[4h] lanes 0+1, x[4h+2] lanes 0+1), (x[4h] lanes 2+3, x[4h+2] lanes 2+3), then the same for x[4h+1], x[4h+3].
    __m512i pair[2];
    for (int h = 0; h < 2; ++h) {
      pair[h] = _mm512_add_epi64(_mm512_unpacklo_epi64(c[2 * h], c[2 * h + 1]), _mm512_unpackhi_epi64(c[2 * h], c[2 * h + 1]));
    }
    // Blocks of pair[h]: 0 = (x[4h], x[4h+2]) lanes 0–1, 1 = the same lanes 2–3, 2 and 3 likewise for
    // (x[4h+1], x[4h+3]). Adding blocks 0+1 and 2+3 gives the full counts of those four vectors.
    const __m512i sum = _mm512_add_epi64(_mm512_shuffle_i64x2(pair[0], pair[1], _MM_SHUFFLE(2, 0, 2, 0)),
                                         _mm512_shuffle_i64x2(pair[0], pair[1], _MM_SHUFFLE(3, 1, 3, 1)));
    // Lanes of sum: x0, x2, x1, x3, x4, x6, x5, x7 — put them in order while narrowing to 32 bits.
    const __m512i order = _mm512_setr_epi64(0, 2, 1, 3, 4, 6, 5, 7);
    const __m256i counts = _mm512_cvtepi64_epi32(_mm512_permutexvar_epi64(order, sum));
    auto* out = reinterpret_cast<__m256i*>(acc);
    _mm256_storeu_si256(out, add ? _mm256_add_epi32(_mm256_loadu_si256(out), counts) : counts);
  }
};

void forward_avx512(const tile_args& t) {
  if (t.words % 8 == 0) return forward_body<avx512_ops>(t);
  forward_body<avx512vl_ops>(t);
}
void reverse_avx512(const tile_args& t) {
  if (t.words % 8 == 0) return reverse_body<avx512_ops>(t);
  reverse_body<avx512vl_ops>(t);
}

}  // namespace

variant avx512() { return {forward_avx512, reverse_avx512}; }

}  // namespace bitlens::gate_kernels
