// Batched field multiplication: the kernel each field takes (Barrett, GFNI, PCLMUL, tables) and
// the portable loops they are tested against.
#include "bitlens/algebra/field_kernels.hpp"

#include "../simd_intrinsics.hpp"

#include <bit>

namespace bitlens {
namespace {

// GF(p), p < 2^31, four lanes at a time. a·b < 2^62 is formed exactly by _mm256_mul_epu32; the
// quotient q ≈ a·b/p is estimated in double and rounded to the nearest integer, and the remainder
// a·b − q·p, exact in 64-bit lanes, is corrected into [0, p). Rounding to nearest leaves |r| ≤ p/2
// plus the estimate's error: a·b/p < p < 2^31 and the three roundings (1/p, a·b, the product)
// err by at most 2^-51 relative, below 2^-20 absolute — so r ∈ (−p, p) and one correction (+p
// where negative) is enough. Integers below 2^52 convert to and
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
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256i va = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    const __m256i vb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    const __m256i prod = _mm256_mul_epu32(va, vb);
    const __m256d da = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(va, two52_bits)), two52);
    const __m256d db = _mm256_sub_pd(_mm256_castsi256_pd(_mm256_or_si256(vb, two52_bits)), two52);
    const __m256d qd = _mm256_add_pd(_mm256_mul_pd(_mm256_mul_pd(da, db), pinv), two52);  // rounds to an integer
    const __m256i q = _mm256_sub_epi64(_mm256_castpd_si256(qd), two52_bits);
    __m256i r = _mm256_sub_epi64(prod, _mm256_mul_epu32(q, vp));  // in (−p, p)
    r = _mm256_add_epi64(r, _mm256_and_si256(_mm256_cmpgt_epi64(zero, r), vp));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), r);
  }
  for (; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

// The same with AVX-512: eight lanes, AVX-512DQ's conversion of the exact product to double (one
// conversion instead of two and a multiplication), a fused multiply-add for the rounding, and a
// mask register for the correction.
__attribute__((target("avx512f,avx512dq"))) void mul_n_avx512_small_p(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b,
                                                                       std::uint64_t* out, std::size_t n) {
  const std::uint64_t p = f.modulus();
  const __m512d pinv = _mm512_set1_pd(1.0 / static_cast<double>(p));
  const __m512i two52_bits = _mm512_set1_epi64(0x4330000000000000LL);
  const __m512d two52 = _mm512_set1_pd(4503599627370496.0);  // 2^52
  const __m512i vp = _mm512_set1_epi64(static_cast<long long>(p));
  const __m512i zero = _mm512_setzero_si512();
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512i va = _mm512_loadu_si512(a + i), vb = _mm512_loadu_si512(b + i);
    const __m512i prod = _mm512_mul_epu32(va, vb);
    // The exact product, converted once (rounded to 53 bits: the same error as a double product).
    const __m512d qd = _mm512_fmadd_pd(_mm512_cvtepu64_pd(prod), pinv, two52);  // rounds to the nearest integer
    const __m512i q = _mm512_sub_epi64(_mm512_castpd_si512(qd), two52_bits);
    __m512i r = _mm512_sub_epi64(prod, _mm512_mul_epu32(q, vp));  // in (−p, p)
    r = _mm512_mask_add_epi64(r, _mm512_cmplt_epi64_mask(r, zero), r, vp);
    _mm512_storeu_si512(out + i, r);
  }
  for (; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

// GF(2^8) with the AES modulus x^8 + x^4 + x^3 + x + 1: GF2P8MULB multiplies bytes in exactly this
// field. An element is one byte in a 64-bit lane whose other bytes are 0, and 0 · 0 = 0, so the
// lanes are multiplied as they are, eight (or four) elements per instruction, without packing.
__attribute__((target("avx512f,avx512bw,gfni"))) void mul_n_gfni512(const std::uint64_t* a, const std::uint64_t* b,
                                                                    std::uint64_t* out, std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm512_storeu_si512(out + i, _mm512_gf2p8mul_epi8(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i)));
  if (i < n) {  // the tail, under a mask
    const __mmask8 m = static_cast<__mmask8>((1U << (n - i)) - 1);
    _mm512_mask_storeu_epi64(out + i, m, _mm512_gf2p8mul_epi8(_mm512_maskz_loadu_epi64(m, a + i), _mm512_maskz_loadu_epi64(m, b + i)));
  }
}

__attribute__((target("avx2,gfni"))) void mul_n_gfni256(const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out,
                                                       std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256i va = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    const __m256i vb = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(out + i), _mm256_gf2p8mul_epi8(va, vb));
  }
  for (; i < n; ++i) {
    const __m128i p = _mm_gf2p8mul_epi8(_mm_cvtsi64_si128(static_cast<long long>(a[i])), _mm_cvtsi64_si128(static_cast<long long>(b[i])));
    out[i] = static_cast<std::uint64_t>(_mm_cvtsi128_si64(p));
  }
}

bool is_aes_field(const gf_2k& f) noexcept { return f.degree() == 8 && f.modulus_low() == 0x1B; }

// Whether two folds by the modulus always finish the reduction: a product has degree ≤ 2k − 2; one
// fold leaves degree ≤ k − 2 + d above x^k's part (d = deg of the modulus without x^k), i.e. at most
// d − 2 past x^k; a second fold leaves degree ≤ 2d − 2, below k when 2d ≤ k + 1.
bool two_folds_reduce(const gf_2k& f) noexcept {
  const unsigned d = static_cast<unsigned>(std::bit_width(f.modulus_low())) - 1;
  return 2 * d <= f.degree() + 1;
}

// GF(2^k) without tables, eight elements at a time: VPCLMULQDQ multiplies the even elements (low
// qword of each 128-bit block) and the odd ones (high qword) into 128-bit products; unpacking puts
// the products' low and high halves back in element order. Then two folds by the modulus (see
// two_folds_reduce). Shifts by 64 give 0, so k = 64 needs no special case.
#define BITLENS_VPCLMUL target("avx512f,vpclmulqdq")

// x · m (m: the modulus's low part in every lane), as (low halves, high halves) in element order.
__attribute__((BITLENS_VPCLMUL, always_inline)) inline void times_low(__m512i x, __m512i m, __m512i& lo, __m512i& hi) {
  const __m512i even = _mm512_clmulepi64_epi128(x, m, 0x00), odd = _mm512_clmulepi64_epi128(x, m, 0x01);
  lo = _mm512_unpacklo_epi64(even, odd);
  hi = _mm512_unpackhi_epi64(even, odd);
}

// The part of (hi, lo) at or above x^k, shifted down by k (up = 64 − k, down = k).
__attribute__((BITLENS_VPCLMUL, always_inline)) inline __m512i above_k(__m512i lo, __m512i hi, __m128i up, __m128i down) {
  return _mm512_or_si512(_mm512_sll_epi64(hi, up), _mm512_srl_epi64(lo, down));
}

__attribute__((BITLENS_VPCLMUL)) void mul_n_vpclmul512(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b,
                                                      std::uint64_t* out, std::size_t n) {
  const unsigned k = f.degree();
  const __m512i mask = _mm512_set1_epi64(static_cast<long long>(k == 64 ? ~0ULL : (1ULL << k) - 1));
  const __m512i m = _mm512_set1_epi64(static_cast<long long>(f.modulus_low()));
  const __m128i down = _mm_cvtsi32_si128(static_cast<int>(k)), up = _mm_cvtsi32_si128(static_cast<int>(64 - k));
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const __m512i va = _mm512_loadu_si512(a + i), vb = _mm512_loadu_si512(b + i);
    const __m512i even = _mm512_clmulepi64_epi128(va, vb, 0x00), odd = _mm512_clmulepi64_epi128(va, vb, 0x11);
    __m512i lo = _mm512_unpacklo_epi64(even, odd), hi = _mm512_unpackhi_epi64(even, odd);
    __m512i flo, fhi;
    times_low(above_k(lo, hi, up, down), m, flo, fhi);
    lo = _mm512_xor_si512(_mm512_and_si512(lo, mask), flo);
    hi = fhi;
    times_low(above_k(lo, hi, up, down), m, flo, fhi);  // fhi is 0 here
    _mm512_storeu_si512(out + i, _mm512_xor_si512(_mm512_and_si512(lo, mask), flo));
  }
  for (; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}
#undef BITLENS_VPCLMUL

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

enum class gf_p_path : std::uint8_t { scalar, avx2, avx512 };
enum class gf_2k_path : std::uint8_t { tables, clmul, pclmul, gfni256, gfni512, vpclmul512 };

gf_p_path choose(const gf_p& f, kernel_variant v) {
  const kernel_variant r = resolve(v, "field kernels");
  if (f.modulus() >= (std::uint64_t{1} << 31) || r == kernel_variant::portable) return gf_p_path::scalar;
  return r == kernel_variant::avx512 ? gf_p_path::avx512 : gf_p_path::avx2;
}

gf_2k_path choose(const gf_2k& f, kernel_variant v) {
  const kernel_variant r = resolve(v, "field kernels");
  const bool wide = r == kernel_variant::avx512, vector = wide || r == kernel_variant::avx2;
  if (vector && is_aes_field(f) && cpu().gfni) return wide ? gf_2k_path::gfni512 : gf_2k_path::gfni256;
  if (f.log_table() != nullptr) return gf_2k_path::tables;
  if (wide && cpu().vpclmulqdq && two_folds_reduce(f)) return gf_2k_path::vpclmul512;
  return r != kernel_variant::portable && detail::clmul_is_hardware() ? gf_2k_path::pclmul : gf_2k_path::clmul;
}

}  // namespace

std::string_view mul_n_kernel(const gf_p& f, kernel_variant v) {
  switch (choose(f, v)) {
    case gf_p_path::avx512: return "avx512";
    case gf_p_path::avx2: return "avx2";
    case gf_p_path::scalar: break;
  }
  return "scalar";
}

std::string_view mul_n_kernel(const gf_2k& f, kernel_variant v) {
  switch (choose(f, v)) {
    case gf_2k_path::gfni512: return "gfni-512";
    case gf_2k_path::gfni256: return "gfni-256";
    case gf_2k_path::vpclmul512: return "vpclmulqdq-512";
    case gf_2k_path::pclmul: return "pclmul";
    case gf_2k_path::tables: return "tables";
    case gf_2k_path::clmul: break;
  }
  return "clmul";
}

void mul_n(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n, kernel_variant v) {
  switch (choose(f, v)) {
    case gf_p_path::avx512: return mul_n_avx512_small_p(f, a, b, out, n);
    case gf_p_path::avx2: return mul_n_avx2_small_p(f, a, b, out, n);
    case gf_p_path::scalar: break;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

void mul_n(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n, kernel_variant v) {
  switch (choose(f, v)) {
    case gf_2k_path::gfni512: return mul_n_gfni512(a, b, out, n);
    case gf_2k_path::gfni256: return mul_n_gfni256(a, b, out, n);
    case gf_2k_path::vpclmul512: return mul_n_vpclmul512(f, a, b, out, n);
    case gf_2k_path::pclmul: return mul_n_pclmul(f, a, b, out, n);
    case gf_2k_path::tables: {  // k <= 12: branch-free table lookups
      const std::uint32_t* lg = f.log_table();
      const std::uint64_t* ex = f.exp_table();
      for (std::size_t i = 0; i < n; ++i) out[i] = ex[lg[a[i]] + lg[b[i]]];
      return;
    }
    case gf_2k_path::clmul: break;
  }
  for (std::size_t i = 0; i < n; ++i) out[i] = f.mul_clmul(a[i], b[i]);
}

void mul_n(const gf_pk& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n, kernel_variant) {
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
