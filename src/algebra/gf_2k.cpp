// Carry-less multiplication for GF(2^k): PCLMULQDQ where the CPU has it, a portable twin otherwise.
#include "bitlens/algebra/gf_2k.hpp"

#include "bitlens/algebra/cpu_features.hpp"
#include "bitlens/algebra/field_name.hpp"
#include "ntl_fields.hpp"

#include <immintrin.h>

#include <stdexcept>

namespace bitlens {
namespace detail {

clmul_result clmul_portable(std::uint64_t a, std::uint64_t b) noexcept {
  std::uint64_t lo = 0, hi = 0;
  for (int i = 0; i < 64; ++i) {
    if ((b >> i) & 1U) {
      lo ^= a << i;
      if (i != 0) hi ^= a >> (64 - i);
    }
  }
  return {lo, hi};
}

namespace {

__attribute__((target("pclmul,sse2"))) clmul_result clmul_hardware(std::uint64_t a, std::uint64_t b) noexcept {
  const __m128i x = _mm_set_epi64x(0, static_cast<long long>(a));
  const __m128i y = _mm_set_epi64x(0, static_cast<long long>(b));
  const __m128i r = _mm_clmulepi64_si128(x, y, 0x00);
  return {static_cast<std::uint64_t>(_mm_cvtsi128_si64(r)), static_cast<std::uint64_t>(_mm_cvtsi128_si64(_mm_srli_si128(r, 8)))};
}

const bool has_pclmul = cpu().pclmul;

}  // namespace

clmul_result clmul(std::uint64_t a, std::uint64_t b) noexcept {
  return has_pclmul ? clmul_hardware(a, b) : clmul_portable(a, b);
}

bool clmul_is_hardware() noexcept { return has_pclmul; }

}  // namespace detail

namespace {

constexpr unsigned max_table_degree = 12;

}  // namespace

gf_2k::gf_2k(unsigned k) : gf_2k(k, k >= 1 && k <= 64 ? detail::gf2_default_modulus(k) : 0) {}

gf_2k::gf_2k(unsigned k, std::uint64_t low) : k_(k), low_(low), mask_(k >= 64 ? ~0ULL : (1ULL << k) - 1) {
  if (k < 1 || k > 64) throw std::invalid_argument("GF(2^" + std::to_string(k) + "): k must be from 1 to 64");
  if (k < 64 && (low >> k) != 0) throw std::invalid_argument("GF(2^k): the modulus has degree above k");
  if (!detail::gf2_irreducible(k, low)) {
    std::vector<std::uint64_t> c(k + 1, 0);
    for (unsigned i = 0; i < k; ++i) c[i] = (low >> i) & 1U;
    c[k] = 1;
    throw std::invalid_argument("GF(2^" + std::to_string(k) + "): the modulus " + format_polynomial(c) + " is reducible");
  }
  default_ = low == detail::gf2_default_modulus(k);
  if (k <= max_table_degree) build_tables();
}

void gf_2k::build_tables() {
  const std::uint64_t q1 = (std::uint64_t{1} << k_) - 1;  // order of the multiplicative group
  const auto factors = prime_factors(q1);
  std::uint64_t g = 1;
  for (std::uint64_t cand = 2; cand <= mask_ || k_ == 1; ++cand) {
    if (k_ == 1) break;  // GF(2): the group is trivial
    bool primitive = true;
    for (auto r : factors) primitive = primitive && pow(cand, q1 / r) != 1;
    if (primitive) {
      g = cand;
      break;
    }
  }
  auto t = std::make_shared<log_tables>();
  // log[0] is a sentinel: log[0] + log[x] lands in the zero tail of exp, so mul needs no branch.
  t->log.assign(std::size_t{1} << k_, static_cast<std::uint32_t>(2 * q1));
  t->exp.assign(4 * q1 + 2, 0);
  std::uint64_t x = 1;
  for (std::uint64_t i = 0; i < 2 * q1; ++i) {
    t->exp[i] = x;
    if (i < q1) t->log[x] = static_cast<std::uint32_t>(i);
    x = mul_clmul(x, g);
  }
  tables_ = std::move(t);
}

std::optional<gf_2k> gf_2k::from_name(std::string_view name) {
  const auto f = parse_field_name(name);
  if (!f || f->p != 2 || name.find('^') == std::string_view::npos) return std::nullopt;
  if (f->k > 64) throw std::invalid_argument(std::string(name) + ": k must be at most 64");
  if (!f->modulus) return gf_2k(static_cast<unsigned>(f->k));
  std::uint64_t low = 0;
  for (std::size_t i = 0; i < f->k; ++i) {
    const auto c = (*f->modulus)[i];
    if (c > 1) throw std::invalid_argument(std::string(name) + ": coefficients over GF(2) must be 0 or 1");
    low |= c << i;
  }
  if ((*f->modulus)[f->k] != 1) throw std::invalid_argument(std::string(name) + ": the modulus must be monic");
  return gf_2k(static_cast<unsigned>(f->k), low);
}

gf_2k::element gf_2k::pow(element a, std::uint64_t e) const noexcept { return power(*this, a, e); }

gf_2k::element gf_2k::inv(element a) const {
  if (a == 0) throw std::domain_error(name() + ": 0 has no inverse");
  // a^(2^k − 2) = a^(2 + 4 + ... + 2^(k−1)): k − 1 squarings and multiplications.
  element r = 1, s = a;
  for (unsigned i = 1; i < k_; ++i) {
    s = mul(s, s);
    r = mul(r, s);
  }
  return r;
}

std::string gf_2k::name() const {
  std::string n = "GF(2^" + std::to_string(k_);
  if (!default_) {
    std::vector<std::uint64_t> c(k_ + 1, 0);
    for (unsigned i = 0; i < k_; ++i) c[i] = (low_ >> i) & 1U;
    c[k_] = 1;
    n += ":" + format_polynomial(c);
  }
  return n + ")";
}

std::optional<gf_2k::element> gf_2k::parse(std::string_view text) const {
  std::uint64_t v = 0;
  if (text.empty()) return std::nullopt;
  for (char ch : text) {
    if (ch < '0' || ch > '9') return std::nullopt;
    const std::uint64_t d = static_cast<std::uint64_t>(ch - '0');
    if (v > (~0ULL - d) / 10) return std::nullopt;
    v = v * 10 + d;
  }
  if (k_ < 64 && v > mask_) return std::nullopt;
  return v;
}

}  // namespace bitlens
