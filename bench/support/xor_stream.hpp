// The roofline reference: dst = a XOR b over plain word arrays, in each kernel variant this CPU
// runs (baseline, AVX2, AVX-512). Every bit-parallel benchmark reports its throughput as a ratio to
// the best of these streams measured in the same run, in cache and out of it.
#pragma once

#include "bitlens/algebra/cpu_features.hpp"

#include <immintrin.h>

#include <cstddef>
#include <cstdint>

namespace bitlens::bench {

// The loop as the baseline target compiles it (SSE2 on x86-64).
inline void xor_words_portable(std::uint64_t* d, const std::uint64_t* a, const std::uint64_t* b, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) d[i] = a[i] ^ b[i];
}

__attribute__((target("avx2"))) inline void xor_words_avx2(std::uint64_t* d, const std::uint64_t* a, const std::uint64_t* b,
                                                            std::size_t n) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const __m256i x = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(a + i));
    const __m256i y = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(b + i));
    _mm256_storeu_si256(reinterpret_cast<__m256i*>(d + i), _mm256_xor_si256(x, y));
  }
  for (; i < n; ++i) d[i] = a[i] ^ b[i];
}

__attribute__((target("avx512f"))) inline void xor_words_avx512(std::uint64_t* d, const std::uint64_t* a, const std::uint64_t* b,
                                                                 std::size_t n) {
  std::size_t i = 0;
  for (; i + 8 <= n; i += 8) _mm512_storeu_si512(d + i, _mm512_xor_si512(_mm512_loadu_si512(a + i), _mm512_loadu_si512(b + i)));
  for (; i < n; ++i) d[i] = a[i] ^ b[i];
}

using xor_words_fn = void (*)(std::uint64_t*, const std::uint64_t*, const std::uint64_t*, std::size_t);

/// The stream of a variant (automatic: the widest this CPU runs). The caller checks cpu_runs first.
inline xor_words_fn xor_words(kernel_variant v) {
  switch (resolve(v, "xor stream")) {
    case kernel_variant::avx512: return xor_words_avx512;
    case kernel_variant::avx2: return xor_words_avx2;
    default: return xor_words_portable;
  }
}

}  // namespace bitlens::bench
