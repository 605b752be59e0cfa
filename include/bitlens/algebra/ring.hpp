// The `ring` concept: what the IR, the transforms and the reference evaluator need of a coefficient
// ring. A ring is a value (it may carry run-time data such as a prime modulus); its elements are
// plain regular values manipulated through the ring object, so no global state is ever needed.
#pragma once

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

// clang-format off
/// A commutative ring with the services bitlens needs:
///  - arithmetic: zero, one, add, sub, mul, neg;
///  - characteristic() (2 makes neg the identity and x + x zero);
///  - name() as written in `.circ` files ("Z2", "GF(65537)"), and equality of rings;
///  - format/parse of elements as text, hash of elements (for hash-consing);
///  - from_integer(k): the image of the integer k (used for constants and random elements), and
///    order(): the number of elements (0 when it does not fit in 64 bits).
template <class R>
concept ring =
    std::copy_constructible<R> && std::equality_comparable<R> &&
    std::regular<typename R::element> &&
    requires(const R& r, const typename R::element& a, const typename R::element& b,
             std::string_view text, std::uint64_t k) {
      { r.zero() } -> std::same_as<typename R::element>;
      { r.one() } -> std::same_as<typename R::element>;
      { r.add(a, b) } -> std::same_as<typename R::element>;
      { r.sub(a, b) } -> std::same_as<typename R::element>;
      { r.mul(a, b) } -> std::same_as<typename R::element>;
      { r.neg(a) } -> std::same_as<typename R::element>;
      { r.characteristic() } -> std::convertible_to<std::uint64_t>;
      { r.order() } -> std::convertible_to<std::uint64_t>;
      { r.from_integer(k) } -> std::same_as<typename R::element>;
      { r.name() } -> std::convertible_to<std::string>;
      { r.format(a) } -> std::convertible_to<std::string>;
      { r.parse(text) } -> std::same_as<std::optional<typename R::element>>;
      { r.hash(a) } -> std::convertible_to<std::size_t>;
    };
// clang-format on

/// The element type of ring R.
template <ring R>
using element_t = typename R::element;

/// a^e in r by square-and-multiply (a^0 = 1).
template <ring R>
element_t<R> power(const R& r, element_t<R> a, std::uint64_t e) noexcept {
  element_t<R> result = r.one();
  while (e != 0) {
    if (e & 1U) result = r.mul(result, a);
    a = r.mul(a, a);
    e >>= 1;
  }
  return result;
}

/// The distinct prime factors of n, increasing (trial division; n < 2^64).
std::vector<std::uint64_t> prime_factors(std::uint64_t n);

}  // namespace bitlens
