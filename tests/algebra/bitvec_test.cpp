// bitvec: operations against a bool-vector model, and canary tests of the tail invariant
// (bits past size() stay zero after every operation).
#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/algebra/bitvec.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <vector>

using namespace bitlens;

namespace {

bool tail_is_clean(const bitvec& v) {
  if (v.num_words() == 0) return true;
  return (v.words().back() & ~tail_mask(v.size())) == 0;
}

bitvec random_bitvec(std::size_t n, test::rng& g) {
  bitvec v(n);
  for (std::size_t i = 0; i < n; ++i) v.set(i, (g() & 1) != 0);
  return v;
}

}  // namespace

TEST_CASE("bitvec storage is 64-byte aligned", "[bitvec]") {
  for (std::size_t n : {1, 64, 65, 1000}) {
    bitvec v(n);
    REQUIRE(reinterpret_cast<std::uintptr_t>(v.words().data()) % 64 == 0);
  }
}

TEST_CASE("bitvec canary: the tail stays zero after every operation", "[bitvec][invariant]") {
  for (std::size_t n : {1, 5, 63, 64, 65, 127, 129, 1000}) {
    INFO("size " << n);
    bitvec ones(n, true);
    CHECK(tail_is_clean(ones));
    CHECK(ones.popcount() == n);
    bitvec v(n);
    v.flip_all();
    CHECK(tail_is_clean(v));
    CHECK(v.popcount() == n);
    bitvec w = ~bitvec(n);
    CHECK(tail_is_clean(w));
    v.fill(true);
    CHECK(tail_is_clean(v));
    v ^= w;
    CHECK(tail_is_clean(v));
    v |= ones;
    CHECK(tail_is_clean(v));
    // Poison the tail through raw access; clear_tail restores the invariant.
    if (n % 64 != 0) {
      v.words().back() = ~std::uint64_t{0};
      CHECK_FALSE(tail_is_clean(v));
      v.clear_tail();
      CHECK(tail_is_clean(v));
      CHECK(v.popcount() == n);
    }
    bitvec grown = ones;
    grown.resize(n + 70);
    CHECK(tail_is_clean(grown));
    CHECK(grown.popcount() == n);
    grown.resize(n / 2);
    CHECK(tail_is_clean(grown));
    CHECK(grown.popcount() == n / 2);
  }
}

TEST_CASE("bitvec operations agree with a bool-vector model", "[bitvec]") {
  const auto seed = test::case_seed(1);
  INFO("seed " << seed);
  test::rng g(seed);
  for (std::size_t n : {0, 1, 63, 64, 65, 200, 513}) {
    const bitvec a = random_bitvec(n, g), b = random_bitvec(n, g);
    const bitvec x = a ^ b, y = a & b, z = a | b, na = ~a;
    std::size_t pop_and = 0, dist = 0;
    for (std::size_t i = 0; i < n; ++i) {
      REQUIRE(x.get(i) == (a.get(i) != b.get(i)));
      REQUIRE(y.get(i) == (a.get(i) && b.get(i)));
      REQUIRE(z.get(i) == (a.get(i) || b.get(i)));
      REQUIRE(na.get(i) == !a.get(i));
      pop_and += a.get(i) && b.get(i);
      dist += a.get(i) != b.get(i);
    }
    CHECK(popcount_and(a, b) == pop_and);
    CHECK(hamming_distance(a, b) == dist);
    CHECK(y.popcount() == pop_and);
    CHECK(na.popcount() == n - a.popcount());
  }
}

TEST_CASE("bitvec converts to and from strings and boost::dynamic_bitset", "[bitvec]") {
  const bitvec v = bitvec::from_string("0110100111");
  CHECK(v.size() == 10);
  CHECK(v.to_string() == "0110100111");
  const auto d = v.to_dynamic_bitset();
  CHECK(d.size() == 10);
  CHECK(d.test(1));
  CHECK_FALSE(d.test(0));
  CHECK(bitvec::from_dynamic_bitset(d) == v);
  CHECK_THROWS_AS(bitvec::from_string("01x"), std::invalid_argument);
}

TEST_CASE("bitvec operations on different sizes are rejected", "[bitvec]") {
  bitvec a(10), b(11);
  CHECK_THROWS_AS(a ^= b, std::invalid_argument);
  CHECK_THROWS_AS(popcount_and(a, b), std::invalid_argument);
}

TEST_CASE("bit_batch transposes rows into wires and back", "[bit_batch]") {
  const auto seed = test::case_seed(2);
  INFO("seed " << seed);
  test::rng g(seed);
  std::vector<boost::dynamic_bitset<>> rows;
  for (int s = 0; s < 130; ++s) rows.emplace_back(7, g());
  const auto batch = bit_batch::from_rows(rows, 7);
  REQUIRE(batch.num_wires() == 7);
  REQUIRE(batch.num_samples() == 130);
  for (std::size_t s = 0; s < rows.size(); ++s) {
    REQUIRE(batch.row(s) == rows[s]);
    for (std::size_t i = 0; i < 7; ++i) REQUIRE(batch.get(i, s) == rows[s].test(i));
  }
  for (const auto& w : batch.wires()) CHECK(tail_is_clean(w));
  rows.emplace_back(6);
  CHECK_THROWS_AS(bit_batch::from_rows(rows, 7), std::invalid_argument);
}

TEST_CASE("complete_table sets input i of row r to bit i of r, word by word as bit by bit", "[bit_dataset]") {
  for (std::size_t n : {0, 1, 3, 6, 7, 9, 12}) {
    INFO("inputs " << n);
    const bit_dataset d = bit_dataset::complete_table(n, 2);
    REQUIRE(d.num_samples() == (std::size_t{1} << n));
    REQUIRE(d.num_outputs() == 2);
    CHECK(d.fully_specified());
    CHECK(d.is_complete_table());
    for (std::size_t i = 0; i < n; ++i) {
      for (std::size_t r = 0; r < d.num_samples(); ++r) REQUIRE(d.inputs.get(i, r) == (((r >> i) & 1U) != 0));
      CHECK(tail_is_clean(d.inputs.wire(i)));
    }
    CHECK(d.targets.wire(0).none());
  }
  CHECK_THROWS_AS(bit_dataset::complete_table(40, 1), std::invalid_argument);
}
