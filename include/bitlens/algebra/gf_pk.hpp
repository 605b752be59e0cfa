// gf_pk: the field GF(p^k) = GF(p)[x] / (m(x)) for a prime p, k >= 1, q = p^k < 2^63, with m monic
// irreducible of degree k (given, or the default: the smallest by integer code, found with NTL).
// An element is its integer code Σ d_i p^i, d_i the coefficient of x^i. For q <= 2^20 arithmetic
// uses log/exp/Zech-logarithm tables (a + b = a·(1 + b/a)); above that, digit arithmetic.
#pragma once

#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/ring.hpp"

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

class gf_pk {
 public:
  using element = std::uint64_t;

  /// GF(p^k) with the default modulus. std::invalid_argument when p is not prime, k is 0 or
  /// p^k does not fit below 2^63.
  explicit gf_pk(std::uint64_t p = 3, unsigned k = 2);
  /// GF(p^k) with modulus Σ coefficients[i] x^i (monic, degree k). std::invalid_argument when it is
  /// not monic of degree k, or reducible.
  gf_pk(std::uint64_t p, unsigned k, std::vector<std::uint64_t> coefficients);

  /// Recognises "GF(p^k)" and "GF(p^k:POLY)" for odd p (see field_name.hpp); nullopt otherwise;
  /// std::invalid_argument when malformed, p not prime, or the modulus reducible.
  /// The family of rings this type models, for messages.
  static constexpr std::string_view kind_name() noexcept { return "GF(p^k)"; }
  static std::optional<gf_pk> from_name(std::string_view name);

  std::uint64_t prime() const noexcept { return base_.modulus(); }
  unsigned degree() const noexcept { return k_; }
  const std::vector<std::uint64_t>& modulus() const noexcept { return modulus_; }
  bool has_default_modulus() const noexcept { return default_; }
  bool uses_tables() const noexcept { return tables_ != nullptr; }

  element zero() const noexcept { return 0; }
  element one() const noexcept { return 1; }
  element add(element a, element b) const noexcept;
  element sub(element a, element b) const noexcept { return add(a, neg(b)); }
  element neg(element a) const noexcept;
  element mul(element a, element b) const noexcept;
  /// Digit (polynomial) arithmetic without tables: the reference for the table path.
  element add_digits(element a, element b) const noexcept;
  element mul_digits(element a, element b) const noexcept;
  element pow(element a, std::uint64_t e) const noexcept;
  /// The inverse of a nonzero a (std::domain_error for 0).
  element inv(element a) const;

  std::uint64_t characteristic() const noexcept { return prime(); }
  std::uint64_t order() const noexcept { return q_; }
  element from_integer(std::uint64_t n) const noexcept { return n % q_; }
  std::uint64_t to_integer(element a) const noexcept { return a; }
  /// Coefficients d_0..d_{k−1} of a.
  std::vector<std::uint64_t> to_coefficients(element a) const;
  /// The element with coefficients d_0..d_{k−1} (each reduced mod p; missing ones are 0).
  element from_coefficients(const std::vector<std::uint64_t>& d) const;
  std::string name() const;
  std::string format(element a) const { return std::to_string(a); }
  /// A decimal integer code below q.
  std::optional<element> parse(std::string_view text) const;
  std::size_t hash(element a) const noexcept { return static_cast<std::size_t>(a * 0x9e3779b97f4a7c15ULL); }

  friend bool operator==(const gf_pk& a, const gf_pk& b) noexcept {
    return a.prime() == b.prime() && a.k_ == b.k_ && a.modulus_ == b.modulus_;
  }

 private:
  static constexpr unsigned max_degree = 63;
  using digits = std::array<std::uint64_t, max_degree>;
  struct zech_tables {
    std::vector<std::uint32_t> log;   // log[a], a != 0
    std::vector<std::uint64_t> exp;   // exp[i], i < 2(q − 1)
    std::vector<std::uint32_t> zech;  // log(1 + g^n), or none (1 + g^n = 0)
    std::uint32_t half = 0;           // log(−1)
  };
  static constexpr std::uint32_t none = 0xffffffffU;
  void decode(element a, digits& d) const noexcept;
  element encode(const digits& d) const noexcept;
  void build_tables();

  gf_p base_;
  unsigned k_;
  std::uint64_t q_;
  std::vector<std::uint64_t> modulus_;  // c_0..c_k, c_k = 1
  bool default_ = true;
  std::shared_ptr<const zech_tables> tables_;
};

static_assert(ring<gf_pk>);

}  // namespace bitlens
