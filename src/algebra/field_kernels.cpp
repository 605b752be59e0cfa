#include "bitlens/algebra/field_kernels.hpp"

#include <immintrin.h>

namespace bitlens {
namespace {

const bool cpu_has_avx2 = __builtin_cpu_supports("avx2");

// GF(p), p < 2^31, four lanes at a time. a·b < 2^62 is formed exactly by _mm256_mul_epu32; the
// quotient q ≈ a·b/p is estimated in double and rounded (off by at most one), and the remainder
// a·b − q·p, exact in 64-bit lanes, is corrected into [0, p). Integers below 2^52 convert to and
// from double exactly through the bits of 2^52 (x | bits(2^52) is the double 2^52 + x), which avoids
// AVX2's missing 64-bit conversions.
__attribute__((target("avx2"))) void mul_n_avx2_small_p(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b,
                                                       std::uint64_t* out, std::size_t n) {
  const std::uint64_t p = f.modulus();
  const __m256d pinv = _mm256_set1_pd(1.0 / static_cast<double>(p));
  const __m256i two52_bits = _mm256_set1_epi64x(0x4330000000000000LL);
  const __m256d two52 = _mm256_set1_pd(4503599627370496.0);  // 2^52
  const __m256i vp = _mm256_set1_epi64x(static_cast<long long>(p));
  const __m256i zero = _mm256_setzero_si256();
  const __m256i pm1 = _mm256_set1_epi64x(static_cast<long long>(p - 1));
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256i va = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    const __m256i vb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    const __m256i prod = _mm256_mul_epu32(va, vb);
    const __m256d da = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(va, two52_bits)), two52);
    const __m256d db = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(vb, two52_bits)), two52);
    const __m256d qd = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(da, db), pinv), two52);  // rounds to an integer
    const __m256i q = _mm256_sub_epi64(_mm256_castpd_si256(qd), two52_bits);
    __m256i r = _mm256_sub_epi64(prod, _mm256_mul_epu32(q, vp));  // in [−p, 2p)
    r = _mm256_add_epi64(r, _mm256_and_si256(_mm256_cmpgt_epi64(zero, r), vp));
    r = _mm256_sub_epi64(r, _mm256_and_si256(_mm256_cmpgt_epi64(r, pm1), vp));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), r);
  }
  for (; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

// GF(2^k) without tables: PCLMULQDQ inline, folding the high half by the modulus until it is gone
// (twice for the usual sparse moduli).
__attribute__((target("pclmul,sse2"))) void mul_n_pclmul(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b,
                                                          std::uint64_t* out, std::size_t n) {
  const unsigned k = f.degree();
  const std::uint64_t mask = k == 64 ? ~0ULL : (1ULL << k) - 1;
  const __m128i m = _mm_set_epi64x(0, static_cast<long long>(f.modulus_low()));
  for (std::size_t i = 0; i < n; ++i) {
    const __m128i prod = _mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(a[i])),
                                              _mm_cvtsi64_si128(static_cast<long long>(b[i])), 0x00);
    std::uint64_t lo = static_cast<std::uint64_t>(_mm_cvtsi128_si64(prod));
    std::uint64_t hi = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_srli_si128(prod, 8)));
    while (true) {
      const std::uint64_t top = k == 64 ? hi : (hi << (64 - k)) | (lo >> k);
      if (top == 0) break;
      lo &= mask;
      const __m128i fold = _mm_clmulepi64_si128(_mm_cvtsi64_si128(static_cast<long long>(top)), m, 0x00);
      lo ^= static_cast<std::uint64_t>(_mm_cvtsi128_si64(fold));
      hi = static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_srli_si128(fold, 8)));
    }
    out[i] = lo & mask;
  }
}

}  // namespace

bool mul_n_uses_avx2(const gf_p& f) noexcept { return cpu_has_avx2 && f.modulus() < (std::uint64_t{1} << 31); }

void mul_n(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  if (mul_n_uses_avx2(f)) return mul_n_avx2_small_p(f, a, b, out, n);
  for (std::size_t i = 0; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

void mul_n(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  if (const std::uint32_t* lg = f.log_table()) {  // k <= 12: branch-free table lookups
    const std::uint64_t* ex = f.exp_table();
    for (std::size_t i = 0; i < n; ++i) out[i] = ex[lg[a[i]] + lg[b[i]]];
    return;
  }
  if (detail::clmul_is_hardware()) return mul_n_pclmul(f, a, b, out, n);
  for (std::size_t i = 0; i < n; ++i) out[i] = f.mul_clmul(a[i], b[i]);
}

void mul_n(const gf_pk& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

void add_n(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  const std::uint64_t p = f.modulus();
  for (std::size_t i = 0; i < n; ++i) {  // branch-free, so the compiler vectorises it
    const std::uint64_t s = a[i] + b[i];
    out[i] = s - (s >= p ? p : 0);
  }
}

void add_n(const gf_2k&, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = a[i] ^ b[i];
}

void add_n(const gf_pk& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = f.add(a[i], b[i]);
}

void neg_n(const gf_p& f, const std::uint64_t* a, std::uint64_t* out, std::size_t n) {
  const std::uint64_t p = f.modulus();
  for (std::size_t i = 0; i < n; ++i) out[i] = a[i] == 0 ? 0 : p - a[i];
}

void neg_n(const gf_2k&, const std::uint64_t* a, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = a[i];
}

void neg_n(const gf_pk& f, const std::uint64_t* a, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = f.neg(a[i]);
}

}  // namespace bitlens
