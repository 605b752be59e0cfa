// GF(p): primality, field names, powers, inverses and parsing of elements.
#include "bitlens/algebra/gf_p.hpp"

#include <charconv>
#include <stdexcept>

namespace bitlens {
namespace detail {

std::optional<std::uint64_t> parse_u64(std::string_view text) {
  std::uint64_t v = 0;
  if (text.empty()) return std::nullopt;
  const auto [p, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || p != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace detail

namespace {

__extension__ typedef unsigned __int128 u128;  // GCC/Clang's 128-bit integer (not ISO C++)

std::uint64_t mulmod(std::uint64_t a, std::uint64_t b, std::uint64_t m) {
  return static_cast<std::uint64_t>(static_cast<u128>(a) * b % m);
}

std::uint64_t powmod(std::uint64_t a, std::uint64_t e, std::uint64_t m) {
  std::uint64_t r = 1 % m;
  a %= m;
  while (e != 0) {
    if (e & 1U) r = mulmod(r, a, m);
    a = mulmod(a, a, m);
    e >>= 1;
  }
  return r;
}

}  // namespace

std::vector<std::uint64_t> prime_factors(std::uint64_t n) {
  std::vector<std::uint64_t> f;
  for (std::uint64_t d = 2; d <= n / d; ++d) {
    if (n % d == 0) {
      f.push_back(d);
      while (n % d == 0) n /= d;
    }
  }
  if (n > 1) f.push_back(n);
  return f;
}

bool is_prime(std::uint64_t n) {
  if (n < 2) return false;
  for (std::uint64_t q : {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
    if (n % q == 0) return n == q;
  }
  // Miller–Rabin with the first 12 primes as bases is deterministic for n < 3.3·10^24.
  std::uint64_t d = n - 1;
  int s = 0;
  while ((d & 1U) == 0) d >>= 1, ++s;
  for (std::uint64_t a : {2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37}) {
    std::uint64_t x = powmod(a, d, n);
    if (x == 1 || x == n - 1) continue;
    bool composite = true;
    for (int r = 1; r < s && composite; ++r) {
      x = mulmod(x, x, n);
      composite = x != n - 1;
    }
    if (composite) return false;
  }
  return true;
}

gf_p::gf_p(std::uint64_t p) : p_(p), inv_(1.0L / static_cast<long double>(p)) {
  if (p >= max_modulus) throw std::invalid_argument("GF(" + std::to_string(p) + "): the modulus must be below 2^62");
  if (!is_prime(p)) throw std::invalid_argument("GF(" + std::to_string(p) + "): " + std::to_string(p) + " is not prime");
}

std::optional<gf_p> gf_p::from_name(std::string_view name) {
  if (name.size() < 5 || name.substr(0, 3) != "GF(" || name.back() != ')') return std::nullopt;
  const auto p = detail::parse_u64(name.substr(3, name.size() - 4));
  if (!p) return std::nullopt;
  return gf_p(*p);
}

gf_p::element gf_p::pow(element a, std::uint64_t e) const noexcept { return power(*this, a, e); }

gf_p::element gf_p::inv(element a) const {
  if (a == 0) throw std::domain_error("GF(" + std::to_string(p_) + "): 0 has no inverse");
  return pow(a, p_ - 2);
}

std::optional<gf_p::element> gf_p::parse(std::string_view text) const {
  const bool negative = !text.empty() && text[0] == '-';
  const auto v = detail::parse_u64(negative ? text.substr(1) : text);
  if (!v || *v >= p_ || (negative && *v == 0)) return std::nullopt;
  return negative ? p_ - *v : *v;
}

}  // namespace bitlens
