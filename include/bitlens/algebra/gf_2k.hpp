// gf_2k: the binary field GF(2^k), 1 <= k <= 64, as polynomials over GF(2) modulo an irreducible
// polynomial of degree k. An element is a uint64_t whose bit i is the coefficient of x^i.
// Multiplication: log/exp tables for k <= 12; otherwise a carry-less multiply (PCLMULQDQ when the
// CPU has it, a portable shift-and-xor loop otherwise) and folding reduction by the modulus.
#pragma once

#include "bitlens/algebra/ring.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

namespace detail {
struct clmul_result {
  std::uint64_t lo, hi;
};
/// The 128-bit carry-less product of a and b (PCLMULQDQ when available).
clmul_result clmul(std::uint64_t a, std::uint64_t b) noexcept;
/// The portable twin of clmul (tested against it).
clmul_result clmul_portable(std::uint64_t a, std::uint64_t b) noexcept;
/// Whether clmul uses PCLMULQDQ on this CPU.
bool clmul_is_hardware() noexcept;
}  // namespace detail

class gf_2k {
 public:
  using element = std::uint64_t;

  /// GF(2^k) with the default modulus: the smallest irreducible polynomial of degree k (by its
  /// integer code; for k = 8 that is the AES polynomial x^8+x^4+x^3+x+1). std::invalid_argument
  /// for k outside 1..64.
  explicit gf_2k(unsigned k = 8);
  /// GF(2^k) with modulus x^k + (the polynomial whose coefficients are the bits of `low`).
  /// std::invalid_argument when that polynomial is reducible.
  gf_2k(unsigned k, std::uint64_t low);

  /// Recognises "GF(2^k)" and "GF(2^k:POLY)" (see field_name.hpp); nullopt for other names;
  /// std::invalid_argument for a reducible or malformed modulus.
  /// The family of rings this type models, for messages.
  static constexpr std::string_view kind_name() noexcept { return "GF(2^k)"; }
  static std::optional<gf_2k> from_name(std::string_view name);

  unsigned degree() const noexcept { return k_; }
  /// The modulus without its x^k term.
  std::uint64_t modulus_low() const noexcept { return low_; }
  bool has_default_modulus() const noexcept { return default_; }

  element zero() const noexcept { return 0; }
  element one() const noexcept { return 1; }
  element add(element a, element b) const noexcept { return a ^ b; }
  element sub(element a, element b) const noexcept { return a ^ b; }
  element neg(element a) const noexcept { return a; }
  element mul(element a, element b) const noexcept {
    if (tables_) return tables_->exp[tables_->log[a] + tables_->log[b]];  // log 0 points at zeros
    return reduce(detail::clmul(a, b));
  }
  /// The log table (log[0] is a sentinel whose sums index zeros of exp) and the exp table, when
  /// the field uses tables (k <= 12); nullptr otherwise. For batched kernels.
  const std::uint32_t* log_table() const noexcept { return tables_ ? tables_->log.data() : nullptr; }
  const std::uint64_t* exp_table() const noexcept { return tables_ ? tables_->exp.data() : nullptr; }
  /// Multiplication without tables (clmul and reduction), the reference for the table path.
  element mul_clmul(element a, element b) const noexcept { return reduce(detail::clmul(a, b)); }
  element pow(element a, std::uint64_t e) const noexcept;
  /// The inverse of a nonzero a (std::domain_error for 0).
  element inv(element a) const;

  std::uint64_t characteristic() const noexcept { return 2; }
  /// 2^k, or 0 for k = 64 (it does not fit).
  std::uint64_t order() const noexcept { return k_ == 64 ? 0 : std::uint64_t{1} << k_; }
  element from_integer(std::uint64_t n) const noexcept { return n & mask_; }
  std::uint64_t to_integer(element a) const noexcept { return a; }
  std::string name() const;
  std::string format(element a) const { return std::to_string(a); }
  /// A decimal integer code below 2^k (bit i = coefficient of x^i).
  std::optional<element> parse(std::string_view text) const;
  std::size_t hash(element a) const noexcept { return static_cast<std::size_t>(a * 0x9e3779b97f4a7c15ULL); }

  friend bool operator==(const gf_2k& a, const gf_2k& b) noexcept { return a.k_ == b.k_ && a.low_ == b.low_; }

  /// Reduces a 128-bit carry-less product modulo the field polynomial.
  element reduce(detail::clmul_result r) const noexcept {
    // x^k ≡ low: fold the part at or above degree k down until nothing is left there.
    std::uint64_t lo = r.lo, hi = r.hi;
    while (true) {
      // the coefficients of degree >= k, as a number (shifted down by k)
      const std::uint64_t top = k_ == 64 ? hi : (hi << (64 - k_)) | (lo >> k_);
      if (top == 0 && (k_ == 64 || hi == 0)) break;
      lo = k_ == 64 ? lo : lo & mask_;
      hi = 0;
      const auto f = detail::clmul(top, low_);
      lo ^= f.lo;
      hi ^= f.hi;
    }
    return lo & mask_;
  }

 private:
  struct log_tables {
    std::vector<std::uint32_t> log;  // log[a] for a != 0; log[0] = 2(2^k − 1), a sentinel
    std::vector<std::uint64_t> exp;  // exp[i] = g^i for i < 2(2^k − 1), then zeros
  };
  void build_tables();

  unsigned k_;
  std::uint64_t low_;
  std::uint64_t mask_;
  bool default_ = true;
  std::shared_ptr<const log_tables> tables_;
};

static_assert(ring<gf_2k>);

}  // namespace bitlens
