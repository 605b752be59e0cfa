// Irreducibility checks by NTL (kept inside src/: NTL never reaches a public header).
#include "ntl_fields.hpp"

#include <NTL/GF2X.h>
#include <NTL/GF2XFactoring.h>
#include <NTL/lzz_pX.h>
#include <NTL/lzz_pXFactoring.h>

#include <stdexcept>

namespace bitlens::detail {

bool gf2_irreducible(unsigned k, std::uint64_t low) {
  NTL::GF2X f;
  NTL::SetCoeff(f, static_cast<long>(k));
  for (unsigned i = 0; i < k && i < 64; ++i) {
    if ((low >> i) & 1U) NTL::SetCoeff(f, static_cast<long>(i));
  }
  return NTL::IterIrredTest(f) != 0;
}

std::uint64_t gf2_default_modulus(unsigned k) {
  if (k == 1) return 0;  // x itself
  for (std::uint64_t low = 1;; low += 2) {  // the constant term of an irreducible of degree >= 2 is 1
    if (gf2_irreducible(k, low)) return low;
  }
}

bool gfp_irreducible(std::uint64_t p, const std::vector<std::uint64_t>& c) {
  if (p >= (std::uint64_t{1} << 60)) throw std::invalid_argument("gfp_irreducible: p too large for NTL's zz_p");
  NTL::zz_pPush push(static_cast<long>(p));  // RAII: the previous modulus comes back on return
  NTL::zz_pX f;
  for (std::size_t i = 0; i < c.size(); ++i) NTL::SetCoeff(f, static_cast<long>(i), static_cast<long>(c[i] % p));
  if (NTL::deg(f) != static_cast<long>(c.size()) - 1 || !NTL::IsOne(NTL::LeadCoeff(f))) return false;
  return NTL::DetIrredTest(f) != 0;
}

namespace {

// Whether some binomial x^k + c (c ≠ 0) is irreducible over GF(p), k ≥ 2: x^k − a is irreducible
// exactly when every prime factor of k divides the order of a but not (p − 1) / ord(a), and 4 | p − 1
// when 4 | k (Lidl and Niederreiter, Theorem 3.75). A generator a serves when every prime factor
// of k divides p − 1; otherwise none does.
bool some_binomial_irreducible(std::uint64_t p, unsigned k) {
  if (k % 4 == 0 && (p - 1) % 4 != 0) return false;
  unsigned rest = k;
  for (unsigned r = 2; r <= rest; ++r) {
    if (rest % r != 0) continue;
    if ((p - 1) % r != 0) return false;
    while (rest % r == 0) rest /= r;
  }
  return true;
}

}  // namespace

std::vector<std::uint64_t> gfp_default_modulus(std::uint64_t p, unsigned k) {
  std::vector<std::uint64_t> c(k + 1, 0);
  c[k] = 1;
  // Enumerate the lower coefficients as the digits of a counter (c_0 least significant). When no
  // binomial x^k + c_0 can be irreducible the counter starts past them, at x^k + x: the same
  // polynomial is found, without testing p − 1 binomials (GF(655373^3) took seconds).
  if (k >= 2 && !some_binomial_irreducible(p, k)) c[1] = 1;
  while (true) {
    if (c[0] != 0 || k == 1) {
      if (gfp_irreducible(p, c)) return c;
    }
    std::size_t i = 0;
    while (i < k && ++c[i] == p) c[i++] = 0;
    if (i == k) throw std::logic_error("no irreducible polynomial found");  // cannot happen: one always exists
  }
}

}  // namespace bitlens::detail
