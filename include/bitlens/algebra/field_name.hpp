// Field names as written in `.circ` files and on the command line:
//   GF(p)            a prime field
//   GF(p^k)          an extension field with the default modulus (the smallest monic irreducible
//                    polynomial of degree k, by integer code — deterministic on every machine)
//   GF(p^k:POLY)     the same with an explicit modulus, e.g. GF(2^8:x^8+x^4+x^3+x+1)
// Polynomials are written in x with decimal coefficients, highest degree first: x^5+2x+1, 3x^2+1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

/// The parts of a field name.
struct field_name {
  std::uint64_t p = 0;
  std::uint64_t k = 1;
  std::optional<std::vector<std::uint64_t>> modulus;  // coefficients c_0..c_k when given
};

/// Parses "GF(...)"; nullopt when the text is not of that shape. Throws std::invalid_argument with
/// a message when it is of that shape but malformed (bad polynomial, k = 0, ...).
std::optional<field_name> parse_field_name(std::string_view text);

/// Coefficients c_0..c_n of a polynomial written as above (std::invalid_argument when malformed).
std::vector<std::uint64_t> parse_polynomial(std::string_view text);
/// The text of a polynomial with coefficients c_0..c_n (highest degree first, zero terms omitted).
std::string format_polynomial(const std::vector<std::uint64_t>& coefficients);

}  // namespace bitlens
