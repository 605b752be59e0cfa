// gf_p: the prime field GF(p) for a run-time prime 2 <= p < 2^62. Elements are integers in [0, p),
// held in uint64_t lanes. Multiplication estimates the quotient of the 124-bit product in 80-bit
// long double; the remainder a·b − q·p, computed modulo 2^64, then lies in (−p, 2p), and one
// conditional add or subtract finishes it. Batched kernels have faster paths
// (algebra/field_kernels.hpp). The ring value carries the modulus, so no global state exists.
#pragma once

#include "bitlens/algebra/ring.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

/// Whether n is prime (deterministic; n < 2^64).
bool is_prime(std::uint64_t n);

class gf_p {
 public:
  using element = std::uint64_t;
  /// The largest modulus bound: p < 2^62.
  static constexpr std::uint64_t max_modulus = std::uint64_t{1} << 62;

  /// GF(p). Throws std::invalid_argument when p is not a prime below 2^62.
  explicit gf_p(std::uint64_t p = 3);

  /// Recognises "GF(p)" with p a decimal prime; nullopt for other names; throws
  /// std::invalid_argument for "GF(n)" with n not prime (so the user learns why).
  /// The family of rings this type models, for messages.
  static constexpr std::string_view kind_name() noexcept { return "GF(p)"; }
  static std::optional<gf_p> from_name(std::string_view name);

  std::uint64_t modulus() const noexcept { return p_; }

  element zero() const noexcept { return 0; }
  element one() const noexcept { return 1; }
  element add(element a, element b) const noexcept {
    const element s = a + b;  // < 2^63: no overflow
    return s >= p_ ? s - p_ : s;
  }
  element sub(element a, element b) const noexcept { return a >= b ? a - b : a + p_ - b; }
  element neg(element a) const noexcept { return a == 0 ? 0 : p_ - a; }
  element mul(element a, element b) const noexcept {
    const auto q = static_cast<std::uint64_t>(static_cast<long double>(a) * static_cast<long double>(b) * inv_);
    auto r = static_cast<std::int64_t>(a * b - q * p_);  // the true a·b − q·p lies in (−p, 2p)
    if (r < 0) r += static_cast<std::int64_t>(p_);
    if (r >= static_cast<std::int64_t>(p_)) r -= static_cast<std::int64_t>(p_);
    return static_cast<element>(r);
  }
  /// a^e by square-and-multiply.
  element pow(element a, std::uint64_t e) const noexcept;
  /// The inverse of a nonzero a (std::domain_error for 0).
  element inv(element a) const;

  std::uint64_t characteristic() const noexcept { return p_; }
  std::uint64_t order() const noexcept { return p_; }
  element from_integer(std::uint64_t k) const noexcept { return k % p_; }
  std::uint64_t to_integer(element a) const noexcept { return a; }
  std::string name() const { return "GF(" + std::to_string(p_) + ")"; }
  std::string format(element a) const { return std::to_string(a); }
  /// A decimal integer in [0, p), or a negative one in (−p, 0) meaning p − |n|.
  std::optional<element> parse(std::string_view text) const;
  std::size_t hash(element a) const noexcept { return static_cast<std::size_t>(a * 0x9e3779b97f4a7c15ULL); }

  friend bool operator==(const gf_p& a, const gf_p& b) noexcept { return a.p_ == b.p_; }

 private:
  std::uint64_t p_;
  long double inv_;
};

static_assert(ring<gf_p>);

namespace detail {
/// Parses a decimal unsigned integer (the whole string); nullopt otherwise.
std::optional<std::uint64_t> parse_u64(std::string_view text);
}  // namespace detail

}  // namespace bitlens
