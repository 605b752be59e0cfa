// z2: the two-element field. add = XOR, mul = AND, neg = identity. Elements are 0 or 1 in a byte.
#pragma once

#include "bitlens/algebra/ring.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace bitlens {

/// The field Z/2Z, the ring of Boolean circuits.
struct z2 {
  using element = std::uint8_t;  // always 0 or 1

  /// Recognises the names this ring is written as in `.circ` files: "Z2" or "GF(2)".
  /// The family of rings this type models, for messages.
  static constexpr std::string_view kind_name() noexcept { return "Z2"; }
  static std::optional<z2> from_name(std::string_view name) {
    if (name == "Z2" || name == "GF(2)") return z2{};
    return std::nullopt;
  }

  static constexpr element zero() noexcept { return 0; }
  static constexpr element one() noexcept { return 1; }
  static constexpr element add(element a, element b) noexcept { return a ^ b; }
  static constexpr element sub(element a, element b) noexcept { return a ^ b; }
  static constexpr element mul(element a, element b) noexcept { return a & b; }
  static constexpr element neg(element a) noexcept { return a; }
  static constexpr std::uint64_t characteristic() noexcept { return 2; }
  static constexpr std::uint64_t order() noexcept { return 2; }
  static constexpr element from_integer(std::uint64_t k) noexcept { return static_cast<element>(k & 1U); }
  static std::string name() { return "Z2"; }
  static std::string format(element a) { return a ? "1" : "0"; }
  static std::optional<element> parse(std::string_view text) {
    if (text == "0") return element{0};
    if (text == "1") return element{1};
    return std::nullopt;
  }
  static constexpr std::size_t hash(element a) noexcept { return a; }

  friend constexpr bool operator==(z2, z2) noexcept { return true; }
};

static_assert(ring<z2>);

}  // namespace bitlens
