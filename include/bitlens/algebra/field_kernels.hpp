// Batched elementwise field arithmetic over arrays of elements (structure of arrays): the hot
// loops of lane-parallel evaluation. Multiplication runs in the kernel variant asked for
// (cpu_features.hpp; automatic = the widest this CPU runs); `mul_n_reference` is the simple twin
// every path is tested against, and `mul_n_kernel` names the path a field takes.
//   GF(p), p < 2^31:  the quotient of a·b by p estimated in double precision, the remainder
//                     computed exactly in 64-bit lanes: 8 elements per instruction under AVX-512,
//                     4 under AVX2; scalar for the portable variant.
//   GF(p), larger p:  scalar long-double reduction (gf_p::mul).
//   GF(2^8), AES modulus x^8+x^4+x^3+x+1 (the default): GF2P8MULB where the CPU has GFNI (8 elements
//                     per instruction under AVX-512, 4 under AVX2).
//   GF(2^k), k <= 12: log/exp tables without branches.
//   GF(2^k), larger k: VPCLMULQDQ, 8 elements at a time, and two folds by the modulus under
//                     AVX-512 when two folds suffice (deg of the modulus's low part ≤ (k + 1) / 2:
//                     true of every default modulus); PCLMULQDQ one element at a time otherwise.
//   GF(p^k):          Zech tables or digit arithmetic (gf_pk::mul), scalar.
#pragma once

#include "bitlens/algebra/cpu_features.hpp"
#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/gf_pk.hpp"
#include "bitlens/algebra/z2.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace bitlens {

/// out[i] = a[i] · b[i] for i < n (out may alias a or b), in kernel variant v. Elements must be
/// valid (below the field's order). std::invalid_argument when v cannot run on this CPU.
void mul_n(const gf_p& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n,
           kernel_variant v = kernel_variant::automatic);
void mul_n(const gf_2k& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n,
           kernel_variant v = kernel_variant::automatic);
void mul_n(const gf_pk& f, const std::uint64_t* a, const std::uint64_t* b, std::uint64_t* out, std::size_t n,
           kernel_variant v = kernel_variant::automatic);

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

/// The path mul_n takes for this field in variant v on this CPU: "avx512", "avx2" or "scalar"
/// for GF(p); "gfni-512", "gfni-256", "tables", "vpclmulqdq-512", "pclmul" or "clmul" for GF(2^k).
std::string_view mul_n_kernel(const gf_p& f, kernel_variant v = kernel_variant::automatic);
std::string_view mul_n_kernel(const gf_2k& f, kernel_variant v = kernel_variant::automatic);

}  // namespace bitlens
