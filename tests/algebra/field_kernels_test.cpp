// Every batched field kernel against its simple twin (one scalar operation per element), on lengths
// that are not multiples of the SIMD width and on moduli at the edges of each fast path.
#include "bitlens/algebra/field_kernels.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bitlens;

namespace {

template <class F>
void check_kernels(const F& f, std::uint64_t seed) {
  INFO(f.name() << ", seed " << seed);
  test::rng g(seed);
  for (std::size_t n : {0, 1, 3, 4, 5, 17, 1000}) {
    std::vector<std::uint64_t> a(n), b(n), fast(n), slow(n);
    for (std::size_t i = 0; i < n; ++i) {
      // include the extremes 0, 1 and −1
      a[i] = i % 7 == 0 ? 0 : i % 7 == 1 ? f.neg(f.one()) : f.from_integer(g());
      b[i] = i % 5 == 0 ? f.neg(f.one()) : i % 5 == 1 ? f.one() : f.from_integer(g());
    }
    mul_n(f, a.data(), b.data(), fast.data(), n);
    mul_n_reference(f, a.data(), b.data(), slow.data(), n);
    REQUIRE(fast == slow);
    add_n(f, a.data(), b.data(), fast.data(), n);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(fast[i] == f.add(a[i], b[i]));
    neg_n(f, a.data(), fast.data(), n);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(fast[i] == f.neg(a[i]));
    if (n > 0) {  // in place
      auto c = a;
      mul_n(f, c.data(), b.data(), c.data(), n);
      mul_n_reference(f, a.data(), b.data(), slow.data(), n);
      REQUIRE(c == slow);
    }
  }
}

}  // namespace

TEST_CASE("batched GF(p) kernels equal their scalar twin", "[kernels][fields]") {
  for (std::uint64_t p : {2ULL, 3ULL, 65537ULL, 2147483629ULL, 2147483647ULL, 2147483659ULL, 2305843009213693951ULL}) {
    check_kernels(gf_p(p), test::case_seed(40000 + p % 1000));
  }
  CHECK(mul_n_uses_avx2(gf_p(2147483647ULL)) == (__builtin_cpu_supports("avx2") != 0));
  CHECK_FALSE(mul_n_uses_avx2(gf_p(2147483659ULL)));
}

TEST_CASE("batched GF(2^k) and GF(p^k) kernels equal their scalar twin", "[kernels][fields]") {
  for (unsigned k : {1U, 2U, 8U, 12U, 13U, 31U, 64U}) check_kernels(gf_2k(k), test::case_seed(41000 + k));
  check_kernels(gf_pk(3, 5), test::case_seed(42000));
  check_kernels(gf_pk(65537, 2), test::case_seed(42001));
}
