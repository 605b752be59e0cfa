// Decision diagrams of complete tables: the circuit is exact on every cared row for any order
// (random tables with don't-cares, random orders), complement edges make parity linear, the order
// search finds the good order of a function whose size depends on it, and bad input is refused.
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/learn/decision_diagram.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace bitlens;
using namespace bitlens::test;

namespace {

// A complete table of n inputs and m outputs with random targets; with `dont_cares`, about a
// quarter of the rows of each output unspecified, and whole halves unspecified now and then.
bit_dataset random_table(std::size_t n, std::size_t m, bool dont_cares, rng& r) {
  bit_dataset d = generate_table("parity", n);  // for its complete input rows
  d.targets = bit_batch(m, d.num_samples());
  d.care = bit_batch(m, d.num_samples());
  d.output_names.clear();
  for (std::size_t o = 0; o < m; ++o) {
    const std::size_t free_half = r() % 4 == 0 ? r() % n : n;  // input whose 1-half is unspecified
    for (std::size_t s = 0; s < d.num_samples(); ++s) {
      d.targets.set(o, s, (r() & 1U) != 0);
      const bool unspecified = dont_cares && (r() % 4 == 0 || (free_half < n && ((s >> free_half) & 1U)));
      d.care.set(o, s, !unspecified);
    }
  }
  return d;
}

std::size_t wrong_cared_bits(const circuit<z2>& c, const bit_dataset& d) {
  const bit_batch out = evaluate(tape(c), d.inputs, bitvec(0));
  std::size_t wrong = 0;
  for (std::size_t o = 0; o < d.num_outputs(); ++o) wrong += popcount_and(out.wire(o) ^ d.targets.wire(o), d.care.wire(o));
  return wrong;
}

// f = x0·x1 + x2·x3 + … : its diagram is linear when pairs are adjacent in the order, exponential
// when all first members come before all second members.
bit_dataset pairs_table(std::size_t pairs) {
  bit_dataset d = generate_table("parity", 2 * pairs);
  for (std::size_t s = 0; s < d.num_samples(); ++s) {
    bool y = false;
    for (std::size_t p = 0; p < pairs; ++p) y = y || (((s >> (2 * p)) & 3U) == 3U);
    d.targets.set(0, s, y);
  }
  return d;
}

}  // namespace

TEST_CASE("diagram circuits are exact on every cared row, whatever the order", "[diagram]") {
  for (std::uint64_t k = 0; k < 60; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 1 + r() % 9, m = 1 + r() % 4;
    const bool dont_cares = k % 2 == 1;
    const bit_dataset d = random_table(n, m, dont_cares, r);
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::shuffle(order.begin(), order.end(), r);
    const circuit<z2> c = diagram_circuit(d, order);
    REQUIRE(c.num_inputs() == n);
    REQUIRE(c.num_outputs() == m);
    CHECK(wrong_cared_bits(c, d) == 0);
    CHECK(wrong_cared_bits(diagram_circuit(d, order, diagram_shape::balanced_cubes), d) == 0);
    const auto s = diagram_size(d, order);
    CHECK(s.order == order);
    CHECK(s.and_estimate <= 3 * s.nodes);
    if (!dont_cares) CHECK(s.nodes < (std::size_t{1} << n) * m);  // reduction never adds nodes
  }
}

TEST_CASE("complement edges make parity one node per input in any order", "[diagram]") {
  const bit_dataset d = generate_table("parity", 9);
  std::vector<std::size_t> order{3, 1, 4, 0, 5, 8, 2, 6, 7};
  const auto s = diagram_size(d, order);
  CHECK(s.nodes == 9);
  CHECK(wrong_cared_bits(diagram_circuit(d, order), d) == 0);
}

TEST_CASE("balanced cubes share a decoder's predecoders", "[diagram]") {
  // 4 → 16 decoder: output k is 1 on row k only. As chains the cubes share only suffixes (4 + 8 + 16
  // ANDs, less what complement edges fold); as balanced products two 2 → 4 predecoders (8 ANDs)
  // feed 16 final ANDs.
  bit_dataset d = generate_table("parity", 4);
  d.targets = bit_batch(16, 16);
  d.care = bit_batch(16, 16);
  for (std::size_t k = 0; k < 16; ++k) {
    d.targets.set(k, k, true);
    d.care.wire(k) = ~bitvec(16);
  }
  d.output_names.clear();
  const std::vector<std::size_t> order{0, 1, 2, 3};
  const auto chains = diagram_circuit(d, order, diagram_shape::chains);
  const auto balanced = diagram_circuit(d, order, diagram_shape::balanced_cubes);
  CHECK(wrong_cared_bits(chains, d) == 0);
  CHECK(wrong_cared_bits(balanced, d) == 0);
  CHECK(balanced.count(op::mul) == 24);
  CHECK(chains.count(op::mul) > balanced.count(op::mul));
}

TEST_CASE("the order search finds the linear order of x0x1 + x2x3 + x4x5 + x6x7", "[diagram]") {
  const bit_dataset d = pairs_table(4);
  const std::vector<std::size_t> bad{0, 2, 4, 6, 1, 3, 5, 7}, good{0, 1, 2, 3, 4, 5, 6, 7};
  const auto bad_size = diagram_size(d, bad), good_size = diagram_size(d, good);
  CHECK(good_size.nodes == 8);
  CHECK(bad_size.nodes > 2 * good_size.nodes);
  // The same function with its inputs renumbered (input i of d becomes input where[i]), so that
  // neither the natural order nor its reverse is the answer.
  const std::vector<std::size_t> where{5, 2, 7, 0, 3, 6, 1, 4};
  bit_dataset table = generate_table("parity", 8);
  for (std::size_t s = 0; s < 256; ++s) {
    std::size_t orig = 0;
    for (std::size_t i = 0; i < 8; ++i) orig |= ((s >> where[i]) & 1U) << i;
    table.targets.set(0, s, d.targets.get(0, orig));
  }
  const auto found = search_diagram_order(table, {.seconds = 5});
  CHECK(found.nodes == 8);
  CHECK(found.orders_tried >= 4);
  CHECK(wrong_cared_bits(diagram_circuit(table, found.order), table) == 0);
}

TEST_CASE("diagram functions refuse orders that are not permutations and incomplete tables", "[diagram][errors]") {
  const bit_dataset d = generate_table("majority", 3);
  const std::vector<std::size_t> repeated{0, 0, 1}, short_order{0, 1}, out_of_range{0, 1, 3};
  CHECK_THROWS_WITH(diagram_size(d, repeated), Catch::Contains("each of the 3 inputs once"));
  CHECK_THROWS_WITH(diagram_size(d, short_order), Catch::Contains("each of the 3 inputs once"));
  CHECK_THROWS_WITH(diagram_size(d, out_of_range), Catch::Contains("each of the 3 inputs once"));
  const std::vector<std::size_t> rows{0, 1, 2};
  CHECK_THROWS_WITH(diagram_size(d.subset(rows), std::vector<std::size_t>{0, 1, 2}), Catch::Contains("complete table"));
  CHECK(diagram_accepts(d));
  CHECK_FALSE(diagram_accepts(d.subset(rows)));
}
