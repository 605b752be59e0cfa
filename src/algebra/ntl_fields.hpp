// Internal: what bitlens asks of NTL to build fields — irreducibility tests and default moduli.
// NTL stays inside src/; its thread-local modulus is installed by RAII (zz_pPush) for the duration
// of each call and restored afterwards, so no NTL state leaks into bitlens or its users.
#pragma once

#include <cstdint>
#include <vector>

namespace bitlens::detail {

/// Whether x^k + low (bits of low = lower coefficients) is irreducible over GF(2).
bool gf2_irreducible(unsigned k, std::uint64_t low);
/// The smallest `low` such that x^k + low is irreducible over GF(2).
std::uint64_t gf2_default_modulus(unsigned k);
/// Whether the monic polynomial with coefficients c_0..c_k is irreducible over GF(p), p < 2^60.
bool gfp_irreducible(std::uint64_t p, const std::vector<std::uint64_t>& coefficients);
/// The monic irreducible polynomial of degree k over GF(p) with the smallest integer code
/// Σ c_i p^i (over its lower coefficients).
std::vector<std::uint64_t> gfp_default_modulus(std::uint64_t p, unsigned k);

}  // namespace bitlens::detail
