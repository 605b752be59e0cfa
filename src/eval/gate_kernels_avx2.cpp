// The AVX2 gate kernels: 256-bit vectors, popcounts by nibble table (pshufb). This file alone is
// compiled with -mavx2 -mpopcnt (src/CMakeLists.txt); it is only called where the CPU has both.
#include "gate_kernels_body.hpp"
#include "gate_kernels_vec256.hpp"

#include <immintrin.h>

namespace bitlens::gate_kernels {
namespace {

struct avx2_ops : vec256_ops {
  // Eight popcounts without scalar popcnt (one port on most cores, and each lane extracted first):
  // byte counts by a nibble table (pshufb), byte sums per 64-bit lane (psadbw), then the 8 × 4 lane
  // sums folded into one vector of eight 32-bit counts, added to acc (or stored there).
  [[gnu::always_inline]] static void count8(const vec* x, std::uint32_t* acc, bool add) {
    const __m256i table = _mm256_setr_epi8(0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4, 0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4);
    const __m256i nibble = _mm256_set1_epi8(0x0f), zero = _mm256_setzero_si256();
    __m256i lanes[8];  // lanes[k]: popcounts of x[k]'s four 64-bit lanes
    for (int k = 0; k < 8; ++k) {
      const __m256i lo = _mm256_and_si256(x[k], nibble), hi = _mm256_and_si256(_mm256_srli_epi16(x[k], 4), nibble);
      const __m256i bytes = _mm256_add_epi8(_mm256_shuffle_epi8(table, lo), _mm256_shuffle_epi8(table, hi));
      lanes[k] = _mm256_sad_epu8(bytes, zero);
    }
    // pair[j]: 32-bit halves (count 2j, count 2j + 1) in each 64-bit lane (the sums are ≤ 64).
    __m256i pair[4];
    for (int j = 0; j < 4; ++j) pair[j] = _mm256_or_si256(lanes[2 * j], _mm256_slli_epi64(lanes[2 * j + 1], 32));
    // Per 128-bit half: counts 0–3 (and 4–7) of that half's two lanes.
    const __m256i q0 = _mm256_add_epi32(_mm256_unpacklo_epi64(pair[0], pair[1]), _mm256_unpackhi_epi64(pair[0], pair[1]));
    const __m256i q1 = _mm256_add_epi32(_mm256_unpacklo_epi64(pair[2], pair[3]), _mm256_unpackhi_epi64(pair[2], pair[3]));
    const __m256i sum = _mm256_add_epi32(_mm256_permute2x128_si256(q0, q1, 0x20), _mm256_permute2x128_si256(q0, q1, 0x31));
    auto* out = reinterpret_cast<__m256i*>(acc);
    _mm256_storeu_si256(out, add ? _mm256_add_epi32(_mm256_loadu_si256(out), sum) : sum);
  }
};

void forward_avx2(const tile_args& t) { forward_body<avx2_ops>(t); }
void reverse_avx2(const tile_args& t) { reverse_body<avx2_ops>(t); }

}  // namespace

variant avx2() { return {forward_avx2, reverse_avx2}; }

}  // namespace bitlens::gate_kernels
