// Batched elementwise field arithmetic over arrays of elements (structure of arrays): the hot
// loops of lane-parallel evaluation. Each operation has a portable version and, where it pays, an
// AVX2 or PCLMUL version chosen at run time; `mul_n_reference` is the simple twin every fast path
// is tested against.
//   GF(p), p < 2^31:  AVX2 — the quotient of a·b by p estimated in double precision, the
//                     remainder computed exactly in 64-bit lanes (4 elements per instruction).
//   GF(p), larger p:  scalar long-double reduction (gf_p::mul).
//   GF(2^k), k <= 12: log/exp tables without branches; larger k: PCLMULQDQ and folding.
//   GF(p^k):          Zech tables or digit arithmetic (gf_pk::mul), scalar.
#pragma once

#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/gf_pk.hpp"
#include "bitlens/algebra/z2.hpp"

#include <cstddef>
#include <cstdint>

namespace bitlens {

/// out[i] = a[i] · b[i] for i < n (out may alias a or b).
void mul_n(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n);
void mul_n(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n);
void mul_n(const gf_pk& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n);

/// out[i] = a[i] + b[i].
void add_n(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n);
void add_n(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n);
void add_n(const gf_pk& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n);

/// out[i] = −a[i].
void neg_n(const gf_p& f, const std::uint64_t* a, std::uint64_t* out, std::size_t n);
void neg_n(const gf_2k& f, const std::uint64_t* a, std::uint64_t* out, std::size_t n);
void neg_n(const gf_pk& f, const std::uint64_t* a, std::uint64_t* out, std::size_t n);

/// The simple twin of every mul_n: one f.mul call per element.
template <class F>
void mul_n_reference(const F& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n) {
  for (std::size_t i = 0; i < n; ++i) out[i] = f.mul(a[i], b[i]);
}

/// Whether the AVX2 GF(p) kernel is used for this field on this CPU.
bool mul_n_uses_avx2(const gf_p& f) noexcept;

}  // namespace bitlens
