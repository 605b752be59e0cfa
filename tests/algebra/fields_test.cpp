// The finite fields against NTL, the reference: >= 10^6 random operations per field (add, sub,
// mul, neg, plus inversions), and the field axioms on random elements. Fields: GF(2), GF(3),
// GF(65537), GF(2^31 − 1), GF(2^61 − 1), GF(2^8) with the AES modulus, GF(2^64), GF(3^5), GF(65537^2).
#include "bitlens/algebra/field_name.hpp"
#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/gf_pk.hpp"
#include "bitlens/algebra/real.hpp"
#include "support/seeds.hpp"

#include <NTL/GF2E.h>
#include <NTL/ZZ_p.h>
#include <NTL/lzz_p.h>
#include <NTL/lzz_pE.h>

#include <catch2/catch.hpp>

#include <cmath>

using namespace bitlens;
using test::rng;

namespace {

constexpr int ops = 1'000'000 / 4;  // four operations per iteration

// One reference backend per NTL type: to/from our elements, and the four operations.
template <class Ours, class Ref>
void compare_with_ntl(const Ours& f, std::uint64_t seed, Ref& ref) {
  INFO(f.name() << ", seed " << seed);
  rng g(seed);
  for (int i = 0; i < ops; ++i) {
    const auto a = f.from_integer(g()), b = f.from_integer(g());
    const auto x = ref.to(a), y = ref.to(b);
    if (f.add(a, b) != ref.from(x + y)) FAIL("add " << a << " " << b);
    if (f.sub(a, b) != ref.from(x - y)) FAIL("sub " << a << " " << b);
    if (f.mul(a, b) != ref.from(x * y)) FAIL("mul " << a << " " << b);
    if (f.neg(a) != ref.from(-x)) FAIL("neg " << a);
  }
  for (int i = 0; i < 2000; ++i) {
    const auto a = f.from_integer(g());
    if (a == f.zero()) continue;
    if (f.inv(a) != ref.from(NTL::inv(ref.to(a)))) FAIL("inv " << a);
  }
  SUCCEED(ops * 4 << " operations agree with NTL");
}

struct zz_p_ref {
  NTL::zz_pPush push;
  explicit zz_p_ref(std::uint64_t p) : push(static_cast<long>(p)) {}
  NTL::zz_p to(std::uint64_t a) const { return NTL::to_zz_p(static_cast<long>(a)); }
  std::uint64_t from(const NTL::zz_p& x) const { return static_cast<std::uint64_t>(NTL::rep(x)); }
};

struct ZZ_p_ref {
  NTL::ZZ_pPush push;
  explicit ZZ_p_ref(std::uint64_t p) : push(NTL::conv<NTL::ZZ>(static_cast<long>(p))) {}
  NTL::ZZ_p to(std::uint64_t a) const { return NTL::conv<NTL::ZZ_p>(NTL::conv<NTL::ZZ>(static_cast<unsigned long>(a))); }
  std::uint64_t from(const NTL::ZZ_p& x) const { return NTL::conv<unsigned long>(NTL::rep(x)); }
};

struct GF2E_ref {
  NTL::GF2EPush push;
  static NTL::GF2X modulus(const gf_2k& f) {
    NTL::GF2X m;
    NTL::SetCoeff(m, f.degree());
    for (unsigned i = 0; i < f.degree(); ++i) {
      if ((f.modulus_low() >> i) & 1U) NTL::SetCoeff(m, i);
    }
    return m;
  }
  explicit GF2E_ref(const gf_2k& f) : push(modulus(f)) {}
  NTL::GF2E to(std::uint64_t a) const {
    NTL::GF2X x;
    for (int i = 0; i < 64; ++i) {
      if ((a >> i) & 1U) NTL::SetCoeff(x, i);
    }
    return NTL::conv<NTL::GF2E>(x);
  }
  std::uint64_t from(const NTL::GF2E& e) const {
    std::uint64_t a = 0;
    const NTL::GF2X& x = NTL::rep(e);
    for (long i = 0; i <= NTL::deg(x); ++i) {
      if (NTL::IsOne(NTL::coeff(x, i))) a |= std::uint64_t{1} << i;
    }
    return a;
  }
};

struct zz_pE_ref {
  NTL::zz_pPush push;
  NTL::zz_pEPush push_e;
  const gf_pk& f;
  static NTL::zz_pX modulus(const gf_pk& f) {
    NTL::zz_pX m;
    for (std::size_t i = 0; i < f.modulus().size(); ++i) NTL::SetCoeff(m, static_cast<long>(i), static_cast<long>(f.modulus()[i]));
    return m;
  }
  explicit zz_pE_ref(const gf_pk& field) : push(static_cast<long>(field.prime())), push_e(modulus(field)), f(field) {}
  NTL::zz_pE to(std::uint64_t a) const {
    NTL::zz_pX x;
    const auto d = f.to_coefficients(a);
    for (std::size_t i = 0; i < d.size(); ++i) NTL::SetCoeff(x, static_cast<long>(i), static_cast<long>(d[i]));
    return NTL::conv<NTL::zz_pE>(x);
  }
  std::uint64_t from(const NTL::zz_pE& e) const {
    std::vector<std::uint64_t> d(f.degree(), 0);
    for (long i = 0; i <= NTL::deg(NTL::rep(e)); ++i) d[static_cast<std::size_t>(i)] = static_cast<std::uint64_t>(NTL::rep(NTL::coeff(NTL::rep(e), i)));
    return f.from_coefficients(d);
  }
};

template <class F>
void check_axioms(const F& f, std::uint64_t seed) {
  INFO(f.name() << " axioms, seed " << seed);
  rng g(seed);
  for (int i = 0; i < 20000; ++i) {
    const auto a = f.from_integer(g()), b = f.from_integer(g()), c = f.from_integer(g());
    REQUIRE(f.add(a, b) == f.add(b, a));
    REQUIRE(f.mul(a, b) == f.mul(b, a));
    REQUIRE(f.add(f.add(a, b), c) == f.add(a, f.add(b, c)));
    REQUIRE(f.mul(f.mul(a, b), c) == f.mul(a, f.mul(b, c)));
    REQUIRE(f.mul(a, f.add(b, c)) == f.add(f.mul(a, b), f.mul(a, c)));
    REQUIRE(f.add(a, f.zero()) == a);
    REQUIRE(f.mul(a, f.one()) == a);
    REQUIRE(f.add(a, f.neg(a)) == f.zero());
    REQUIRE(f.sub(a, b) == f.add(a, f.neg(b)));
    if (a != f.zero()) REQUIRE(f.mul(a, f.inv(a)) == f.one());
    REQUIRE(f.parse(f.format(a)) == a);
  }
}

}  // namespace

TEST_CASE("GF(p) agrees with NTL: GF(2), GF(3), GF(65537), GF(2^31-1)", "[fields][ntl]") {
  for (std::uint64_t p : {2ULL, 3ULL, 65537ULL, 2147483647ULL}) {
    const gf_p f(p);
    zz_p_ref ref(p);
    compare_with_ntl(f, test::case_seed(20000 + p % 1000), ref);
    check_axioms(f, test::case_seed(20100 + p % 1000));
  }
}

TEST_CASE("GF(2^61-1) agrees with NTL's ZZ_p", "[fields][ntl]") {
  const gf_p f(2305843009213693951ULL);
  ZZ_p_ref ref(f.modulus());
  compare_with_ntl(f, test::case_seed(20200), ref);
  check_axioms(f, test::case_seed(20201));
}

TEST_CASE("GF(2^8) (AES modulus) and GF(2^64) agree with NTL's GF2E", "[fields][ntl]") {
  const gf_2k aes(8);
  CHECK(aes.modulus_low() == 0x1b);  // the default is the AES polynomial x^8+x^4+x^3+x+1
  CHECK(aes.name() == "GF(2^8)");
  const gf_2k big(64);
  CHECK(big.modulus_low() == 0x1b);  // x^64+x^4+x^3+x+1
  for (const gf_2k* f : {&aes, &big}) {
    GF2E_ref ref(*f);
    compare_with_ntl(*f, test::case_seed(20300 + f->degree()), ref);
    check_axioms(*f, test::case_seed(20310 + f->degree()));
  }
  rng g(test::case_seed(20320));
  for (int i = 0; i < 10000; ++i) {  // the table path against the clmul path
    const auto a = aes.from_integer(g()), b = aes.from_integer(g());
    REQUIRE(aes.mul(a, b) == aes.mul_clmul(a, b));
    const auto x = g(), y = g();
    const auto hw = detail::clmul(x, y), sw = detail::clmul_portable(x, y);
    REQUIRE((hw.lo == sw.lo && hw.hi == sw.hi));
  }
}

TEST_CASE("GF(3^5) and GF(65537^2) agree with NTL's zz_pE", "[fields][ntl]") {
  const gf_pk small(3, 5), large(65537, 2);
  CHECK(small.uses_tables());
  CHECK_FALSE(large.uses_tables());
  CHECK(large.modulus() == std::vector<std::uint64_t>{3, 0, 1});  // x^2 + 3: 3 is a non-residue mod 65537
  for (const gf_pk* f : {&small, &large}) {
    zz_pE_ref ref(*f);
    compare_with_ntl(*f, test::case_seed(20400 + f->prime() % 100), ref);
    check_axioms(*f, test::case_seed(20410 + f->prime() % 100));
  }
  rng g(test::case_seed(20420));
  for (int i = 0; i < 20000; ++i) {  // the Zech tables against digit arithmetic
    const auto a = small.from_integer(g()), b = small.from_integer(g());
    REQUIRE(small.add(a, b) == small.add_digits(a, b));
    REQUIRE(small.mul(a, b) == small.mul_digits(a, b));
  }
}

TEST_CASE("Zech tables agree with digit arithmetic over many GF(p^k)", "[fields]") {
  // The tables are walked from a linear generator x + c where one exists (most fields), else from
  // another; either way every product and sum must be the digit arithmetic's. The second pass
  // reads tables from the cache of recent fields (the last four) or rebuilds them (the others).
  rng g(test::case_seed(20430));
  for (int pass = 0; pass < 2; ++pass)
  for (const char* name : {"GF(3^2)", "GF(3^3)", "GF(3^7)", "GF(3^12)", "GF(5^2)", "GF(5^4)", "GF(5^8)", "GF(7^3)", "GF(11^2)",
                           "GF(101^2)", "GF(1021^2)", "GF(3^2:x^2+1)", "GF(5^2:x^2+2)", "GF(7^2:x^2+1)"}) {
    INFO(name << ", pass " << pass);
    const auto f = gf_pk::from_name(name);
    REQUIRE(f.has_value());
    REQUIRE(f->uses_tables());
    for (int i = 0; i < 3000; ++i) {
      const auto a = f->from_integer(g()), b = f->from_integer(g());
      REQUIRE(f->mul(a, b) == f->mul_digits(a, b));
      REQUIRE(f->add(a, b) == f->add_digits(a, b));
    }
  }
}

TEST_CASE("field names, moduli and conversions", "[fields]") {
  CHECK(gf_p::from_name("GF(65537)")->modulus() == 65537);
  CHECK_FALSE(gf_p::from_name("Z2").has_value());
  CHECK_THROWS_WITH(gf_p::from_name("GF(9)"), Catch::Contains("9 is not prime"));
  CHECK_THROWS_WITH(gf_p(4611686018427387904ULL + 1), Catch::Contains("below 2^62"));
  const auto aes = gf_2k::from_name("GF(2^8:x^8+x^4+x^3+x+1)");
  REQUIRE(aes.has_value());
  CHECK(aes->name() == "GF(2^8)");  // the default modulus is not repeated
  const auto other = gf_2k::from_name("GF(2^8:x^8+x^4+x^3+x^2+1)");
  CHECK(other->name() == "GF(2^8:x^8+x^4+x^3+x^2+1)");
  CHECK_FALSE(*other == *aes);
  CHECK_THROWS_WITH(gf_2k::from_name("GF(2^8:x^8+1)"), Catch::Contains("is reducible"));
  CHECK_THROWS_WITH(gf_2k::from_name("GF(2^8:x^7+1)"), Catch::Contains("degree 8"));
  CHECK_THROWS_WITH(gf_pk::from_name("GF(3^2:x^2+1+1)"), Catch::Contains("is reducible"));  // x^2 + 2 = (x+1)(x+2)
  CHECK_THROWS_WITH(gf_pk::from_name("GF(6^2)"), Catch::Contains("6 is not prime"));
  CHECK_THROWS_WITH(gf_pk(3, 40), Catch::Contains("below 2^63"));
  CHECK(gf_pk::from_name("GF(3^5)")->name() == "GF(3^5)");
  const gf_pk f(3, 5);
  CHECK(f.to_coefficients(f.from_coefficients({1, 2, 0, 1, 2})) == std::vector<std::uint64_t>{1, 2, 0, 1, 2});
  CHECK(f.to_integer(f.from_coefficients({1, 2})) == 7);
  CHECK(format_polynomial(parse_polynomial("x^5+2x+1")) == "x^5+2x+1");
  CHECK_THROWS_AS(parse_polynomial("x^+1"), std::invalid_argument);
  CHECK_FALSE(f.parse("243").has_value());
  CHECK(f.parse("242") == 242U);
  CHECK(gf_p(7).parse("-1") == 6U);
  CHECK_THROWS_AS(gf_p(7).inv(0), std::domain_error);
}

TEST_CASE("the default modulus of GF(p^k) is the first irreducible in counter order, found fast", "[fields]") {
  // The reference twin: monic x^k + c_{k-1} x^{k-1} + ... + c_0 in counter order (c_0 fastest,
  // c_0 ≠ 0), the first the irreducibility check accepts.
  const auto first_irreducible = [](std::uint64_t p, unsigned k) {
    std::vector<std::uint64_t> c(k + 1, 0);
    c[k] = 1;
    while (true) {
      if (c[0] != 0) {
        try {
          return gf_pk(p, k, c).modulus();
        } catch (const std::invalid_argument&) {
        }
      }
      std::size_t i = 0;
      while (i < k && ++c[i] == p) c[i++] = 0;
    }
  };
  // Binomials can and cannot be irreducible: p ≡ 1 and 2 (mod 3) for k = 3, p ≡ 1 and 3 (mod 4)
  // for k = 4, and k = 6.
  for (const auto& [p, k] : std::vector<std::pair<std::uint64_t, unsigned>>{{7, 3}, {11, 3}, {13, 4}, {11, 4}, {7, 6}, {5, 6}, {3, 5}, {17, 2}}) {
    INFO("GF(" << p << "^" << k << ")");
    CHECK(gf_pk(p, k).modulus() == first_irreducible(p, k));
  }
  // 655373 ≡ 2 (mod 3): no x^3 + c is irreducible, and the search used to test all 655372 of them
  // (a fuzzer time-out). The field's tables are not built (its order is past 2^20).
  const gf_pk big(655373, 3);
  CHECK(big.modulus()[1] == 1);
  CHECK(big.modulus()[2] == 0);
}

TEST_CASE("the reals: text round-trips to the same double, and only finite numbers parse", "[fields][real]") {
  const real r;
  test::rng g(test::case_seed(135000));
  for (int k = 0; k < 2000; ++k) {
    const double x = std::ldexp(static_cast<double>(g() >> 11), static_cast<int>(g() % 80) - 60) * (g() & 1 ? -1 : 1);
    INFO(x);
    const auto back = r.parse(r.format(x));
    REQUIRE(back.has_value());
    REQUIRE(*back == x);
  }
  CHECK(r.format(0.5) == "0.5");
  CHECK(r.format(3) == "3");
  for (const char* bad : {"", "1x", "inf", "nan", "--1", " 1"}) CHECK_FALSE(r.parse(bad).has_value());
  CHECK(r.characteristic() == 0);
  CHECK(r.add(r.one(), r.neg(r.one())) == r.zero());
  CHECK(real::from_name("R").has_value());
  CHECK_FALSE(real::from_name("Z2").has_value());
}
