// Every batched field kernel against its simple twin (one scalar operation per element), on lengths
// that are not multiples of the SIMD width and on moduli at the edges of each fast path.
#include "bitlens/algebra/field_kernels.hpp"
#include "support/kernel_variants.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <vector>

using namespace bitlens;

namespace {

template <class F>
void check_kernels(const F& f, std::uint64_t seed, kernel_variant v) {
  INFO(f.name() << ", seed " << seed << ", kernels " << name(v));
  test::rng g(seed);
  for (std::size_t n : {0, 1, 3, 4, 5, 17, 1000}) {
    std::vector<std::uint64_t> a(n), b(n), fast(n), slow(n);
    for (std::size_t i = 0; i < n; ++i) {
      // include the extremes 0, 1 and −1
      a[i] = i % 7 == 0 ? 0 : i % 7 == 1 ? f.neg(f.one()) : f.from_integer(g());
      b[i] = i % 5 == 0 ? f.neg(f.one()) : i % 5 == 1 ? f.one() : f.from_integer(g());
    }
    mul_n(f, a.data(), b.data(), fast.data(), n, v);
    mul_n_reference(f, a.data(), b.data(), slow.data(), n);
    REQUIRE(fast == slow);
    add_n(f, a.data(), b.data(), fast.data(), n);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(fast[i] == f.add(a[i], b[i]));
    neg_n(f, a.data(), fast.data(), n);
    for (std::size_t i = 0; i < n; ++i) REQUIRE(fast[i] == f.neg(a[i]));
    if (n > 0) {  // in place
      auto c = a;
      mul_n(f, c.data(), b.data(), c.data(), n, v);
      mul_n_reference(f, a.data(), b.data(), slow.data(), n);
      REQUIRE(c == slow);
    }
  }
}

template <class F>
void check_every_variant(const F& f, std::uint64_t seed) {
  for (auto v : test::runnable_kernel_variants()) check_kernels(f, seed, v);
}

// GF(2^k) with the first irreducible modulus whose low part has degree k − 1: too dense for two
// folds, so the AVX-512 path must step aside.
gf_2k dense_modulus_field(unsigned k) {
  for (std::uint64_t low = (std::uint64_t{1} << (k - 1)) | 1U;; low += 2) {
    try {
      return gf_2k(k, low);
    } catch (const std::invalid_argument&) {  // reducible: try the next
    }
  }
}

}  // namespace

TEST_CASE("batched GF(p) kernels equal their scalar twin in every variant", "[kernels][fields]") {
  for (std::uint64_t p : {2ULL, 3ULL, 65537ULL, 2147483629ULL, 2147483647ULL, 2147483659ULL, 2305843009213693951ULL}) {
    check_every_variant(gf_p(p), test::case_seed(40000 + p % 1000));
  }
  const gf_p small(2147483647ULL), large(2147483659ULL);
  CHECK(mul_n_kernel(small, kernel_variant::portable) == "scalar");
  CHECK(mul_n_kernel(large) == "scalar");
  if (cpu().avx2) CHECK(mul_n_kernel(small, kernel_variant::avx2) == "avx2");
  if (cpu().avx512) CHECK(mul_n_kernel(small) == "avx512");
}

TEST_CASE("batched GF(p) kernels are exact where the quotient's estimate is closest to a tie", "[kernels][fields]") {
  // The SIMD kernels round an estimate of a·b/p to the nearest integer and correct once: the hard
  // products are those whose remainder is near p/2 (the estimate near a half) or near 0 and p.
  for (std::uint64_t p : {251ULL, 65537ULL, 2147483629ULL, 2147483647ULL}) {
    const gf_p f(p);
    const auto seed = test::case_seed(43000 + p % 1000);
    INFO("p " << p << ", seed " << seed);
    test::rng g(seed);
    std::vector<std::uint64_t> a, b;
    for (int i = 0; i < 200; ++i) {
      const auto x = f.from_integer(g() % (p - 1) + 1);
      for (std::uint64_t target : {p / 2 - 1, p / 2, p / 2 + 1, p / 2 + 2, std::uint64_t{0}, std::uint64_t{1}, p - 1}) {
        a.push_back(x);
        b.push_back(f.mul(f.from_integer(target), f.inv(x)));  // x · b ≡ target
      }
    }
    std::vector<std::uint64_t> slow(a.size());
    mul_n_reference(f, a.data(), b.data(), slow.data(), a.size());
    for (auto v : test::runnable_kernel_variants()) {
      std::vector<std::uint64_t> fast(a.size());
      mul_n(f, a.data(), b.data(), fast.data(), a.size(), v);
      INFO("kernels " << name(v));
      REQUIRE(fast == slow);
    }
  }
  const gf_p small(251);  // every product
  std::vector<std::uint64_t> a, b;
  for (std::uint64_t x = 0; x < 251; ++x) {
    for (std::uint64_t y = 0; y < 251; ++y) a.push_back(x), b.push_back(y);
  }
  std::vector<std::uint64_t> slow(a.size()), fast(a.size());
  mul_n_reference(small, a.data(), b.data(), slow.data(), a.size());
  for (auto v : test::runnable_kernel_variants()) {
    mul_n(small, a.data(), b.data(), fast.data(), a.size(), v);
    INFO("kernels " << name(v));
    REQUIRE(fast == slow);
  }
}

TEST_CASE("batched GF(2^k) and GF(p^k) kernels equal their scalar twin in every variant", "[kernels][fields]") {
  for (unsigned k : {1U, 2U, 8U, 12U, 13U, 31U, 63U, 64U}) check_every_variant(gf_2k(k), test::case_seed(41000 + k));
  for (unsigned k : {8U, 13U, 33U, 64U}) check_every_variant(dense_modulus_field(k), test::case_seed(41100 + k));
  check_every_variant(gf_pk(3, 5), test::case_seed(42000));
  check_every_variant(gf_pk(65537, 2), test::case_seed(42001));
}

TEST_CASE("GF(2^k) multiplication takes the path its field and CPU allow", "[kernels][fields]") {
  const gf_2k aes(8), b64(64);
  CHECK(aes.modulus_low() == 0x1B);
  CHECK(mul_n_kernel(aes, kernel_variant::portable) == "tables");
  CHECK(mul_n_kernel(dense_modulus_field(8)) == "tables");  // GF2P8MULB computes the AES field only
  CHECK(mul_n_kernel(dense_modulus_field(64)) != "vpclmulqdq-512");
  if (cpu().avx512 && cpu().gfni) {
    CHECK(mul_n_kernel(aes) == "gfni-512");
  } else {
    WARN("skipped: this CPU has no AVX-512 with GFNI, so the GF2P8MULB path is not tested here");
  }
  if (cpu().avx512 && cpu().vpclmulqdq) {
    CHECK(mul_n_kernel(b64) == "vpclmulqdq-512");
  } else {
    WARN("skipped: this CPU has no AVX-512 with VPCLMULQDQ, so the 8-lane carry-less path is not tested here");
  }
}
