// real: the real numbers as doubles — the smooth case, where the same circuits, reverse derivative
// and composition run as they do over Z2 and finite fields, and where the lens paper's optimisers
// live. Arithmetic is IEEE double arithmetic: results agree with exact real arithmetic up to
// rounding, so tests over this ring compare with a tolerance.
#pragma once

#include "bitlens/algebra/ring.hpp"

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace bitlens {

struct real {
  using element = double;

  static constexpr std::string_view kind_name() noexcept { return "R"; }
  /// Recognises "R", this ring's name (the `.circ` reader and the command line do not offer the
  /// reals yet: they are for the library).
  static std::optional<real> from_name(std::string_view name) {
    if (name == "R") return real{};
    return std::nullopt;
  }

  static constexpr element zero() noexcept { return 0.0; }
  static constexpr element one() noexcept { return 1.0; }
  static constexpr element add(element a, element b) noexcept { return a + b; }
  static constexpr element sub(element a, element b) noexcept { return a - b; }
  static constexpr element mul(element a, element b) noexcept { return a * b; }
  static constexpr element neg(element a) noexcept { return -a; }
  /// 0: no positive multiple of 1 is 0.
  static constexpr std::uint64_t characteristic() noexcept { return 0; }
  /// 0: infinitely many elements.
  static constexpr std::uint64_t order() noexcept { return 0; }
  static constexpr element from_integer(std::uint64_t k) noexcept { return static_cast<double>(k); }
  static std::string name() { return "R"; }
  /// Shortest text that reads back to the same double (17 significant digits at most).
  static std::string format(element a) {
    char buf[32];
    for (int digits = 1; digits <= 17; ++digits) {
      std::snprintf(buf, sizeof buf, "%.*g", digits, a);
      if (std::strtod(buf, nullptr) == a) break;
    }
    return buf;
  }
  /// A finite decimal number ("2", "-0.5", "1e-3"); nullopt for anything else.
  static std::optional<element> parse(std::string_view text) {
    // strtod would skip leading white space and read "inf" and "nan": neither is a number here.
    if (text.empty() || text.size() > 64 || text.front() == ' ' || text.front() == '\t') return std::nullopt;
    const std::string s(text);
    char* end = nullptr;
    const double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return std::nullopt;
    return v;
  }
  static std::size_t hash(element a) noexcept { return std::hash<double>{}(a); }

  friend constexpr bool operator==(real, real) noexcept { return true; }
};

static_assert(ring<real>);

}  // namespace bitlens
