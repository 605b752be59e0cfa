// Linear threshold units: the adder circuit computes the unit's integer rule on random units and
// inputs (negative weights, thresholds outside the reachable range included); the threshold chosen
// is the best on the rows; the perceptron learns a comparator of two 6-bit numbers hidden among
// other inputs exactly enough to generalise; bad input is refused.
#include "bitlens/eval/tape.hpp"
#include "bitlens/learn/linear_threshold.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <numeric>

using namespace bitlens;
using namespace bitlens::test;

namespace {

bit_batch random_inputs(std::size_t n, std::size_t rows, rng& r) {
  bit_batch in(n, rows);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t s = 0; s < rows; ++s) in.set(i, s, (r() & 1U) != 0);
  }
  return in;
}

// The reference twin: the rule evaluated row by row.
bool rule(const threshold_unit& u, const bit_batch& in, std::size_t s) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < u.weights.size(); ++i) sum += in.get(i, s) ? u.weights[i] : 0;
  bool out = sum >= u.threshold;
  for (const auto i : u.parity) out = out != in.get(i, s);
  return out;
}

}  // namespace

TEST_CASE("the adder circuit and the bit-parallel predictions compute the unit's rule", "[threshold]") {
  for (std::uint64_t k = 0; k < 60; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 1 + r() % 14, rows = 1 + r() % 200;
    threshold_unit u{std::vector<std::int64_t>(n), 0, {}};
    const std::int64_t range = std::int64_t{1} << (r() % 9);
    std::int64_t reach = 0;
    for (auto& w : u.weights) w = r() % 3 == 0 ? 0 : static_cast<std::int64_t>(r() % (2 * range + 1)) - range, reach += w < 0 ? -w : w;
    u.threshold = static_cast<std::int64_t>(r() % (2 * reach + 3)) - reach - 1;  // past both ends now and then
    for (std::size_t p = r() % 3; p > 0; --p) u.parity.push_back(r() % n);  // repeated inputs cancel
    const bit_batch in = random_inputs(n, rows, r);
    const bitvec by_circuit = evaluate(tape(threshold_circuit(u, n)), in, bitvec(0)).wire(0);
    const bitvec parallel = threshold_predictions(u, in);
    CHECK(by_circuit == parallel);
    for (std::size_t s = 0; s < rows; ++s) CHECK(parallel.get(s) == rule(u, in, s));
  }
}

TEST_CASE("integer_unit keeps the largest weights and sets the best threshold on the rows", "[threshold]") {
  for (std::uint64_t k = 0; k < 30; ++k) {
    const auto seed = case_seed(k);
    INFO("seed " << seed);
    rng r(seed);
    const std::size_t n = 2 + r() % 10, rows = 5 + r() % 100;
    bit_dataset d = bit_dataset::zeros(n, 1, rows);
    d.inputs = random_inputs(n, rows, r);
    for (std::size_t s = 0; s < rows; ++s) d.targets.set(0, s, (r() & 1U) != 0);
    std::vector<double> real(n + 1);
    for (auto& w : real) w = static_cast<double>(static_cast<std::int64_t>(r() % 2001) - 1000) / 100.0;
    const std::size_t support = r() % (n + 1);
    const unsigned bits = 1 + static_cast<unsigned>(r() % 8);
    threshold_unit u = integer_unit(real, support, bits, d);
    CHECK(u.support() <= (support == 0 ? n : support));
    for (const auto w : u.weights) CHECK(std::abs(w) < (std::int64_t{1} << bits));
    const auto wrong = [&](const threshold_unit& v) { return popcount_and(threshold_predictions(v, d.inputs) ^ d.targets.wire(0), d.care.wire(0)); };
    const std::size_t best = wrong(u);
    for (std::int64_t t = -300; t <= 300; t += 1 + static_cast<std::int64_t>(r() % 7)) {  // no other threshold does better
      threshold_unit v = u;
      v.threshold = t;
      CHECK(wrong(v) >= best);
    }
  }
}

TEST_CASE("the perceptron learns a comparator hidden among other inputs", "[threshold]") {
  rng r(case_seed(3));
  INFO("seed " << case_seed(3));
  // y = [a < b] for 6-bit a (inputs 2, 5, 7, 11, 13, 17) and b (inputs 3, 4, 8, 12, 19, 21) of 24.
  const std::vector<std::size_t> a{2, 5, 7, 11, 13, 17}, b{3, 4, 8, 12, 19, 21};
  const auto sample = [&](std::size_t rows) {
    bit_dataset d = bit_dataset::zeros(24, 1, rows);
    d.inputs = random_inputs(24, rows, r);
    for (std::size_t s = 0; s < rows; ++s) {
      std::int64_t va = 0, vb = 0;
      for (std::size_t j = 0; j < 6; ++j) va += d.inputs.get(a[j], s) ? 1 << j : 0, vb += d.inputs.get(b[j], s) ? 1 << j : 0;
      d.targets.set(0, s, va < vb);
    }
    return d;
  };
  const bit_dataset train = sample(3000), fresh = sample(3000);
  threshold_report report;
  const threshold_unit u = learn_threshold_unit(train, {}, &report);
  INFO("support " << u.support() << ", bits " << report.bits);
  const std::size_t wrong = popcount_and(threshold_predictions(u, fresh.inputs) ^ fresh.targets.wire(0), fresh.care.wire(0));
  CHECK(wrong < 3000 / 100);  // over 99% on fresh rows; a tree of the same data gets about 97%
}

TEST_CASE("threshold units refuse data of several outputs and mismatched sizes", "[threshold]") {
  CHECK_THROWS_AS(perceptron_weights(bit_dataset::zeros(3, 2, 10), 1, 1), std::invalid_argument);
  const bit_dataset d = bit_dataset::zeros(3, 1, 10);
  CHECK_THROWS_AS(integer_unit(std::vector<double>(3), 0, 4, d), std::invalid_argument);
  CHECK_THROWS_AS(integer_unit(std::vector<double>(4), 0, 0, d), std::invalid_argument);
  CHECK_THROWS_AS(threshold_circuit(threshold_unit{{1, 2}, 1, {}}, 3), std::invalid_argument);
  CHECK_THROWS_AS(threshold_predictions(threshold_unit{{1, 2}, 1, {}}, d.inputs), std::invalid_argument);
}

TEST_CASE("a sum bit of an adder: the parity pair is found, and the unit with it generalises", "[threshold]") {
  const auto seed = case_seed(70);
  INFO("seed " << seed);
  rng r(seed);
  // Bit w − 1 of a + b (w-bit numbers at shuffled inputs, among noise inputs) is a ⊕ b ⊕ carry,
  // and the carry is a threshold function of the lower bits.
  const std::size_t w = 10, n = 2 * w + 8;
  std::vector<std::size_t> place(n);
  std::iota(place.begin(), place.end(), std::size_t{0});
  std::shuffle(place.begin(), place.end(), r);
  const auto sum_bit = [&](const bit_batch& in, std::size_t s) {
    std::uint64_t a = 0, b = 0;
    for (std::size_t k = 0; k < w; ++k) a |= std::uint64_t{in.get(place[k], s)} << k, b |= std::uint64_t{in.get(place[w + k], s)} << k;
    return (((a + b) >> (w - 1)) & 1U) != 0;
  };
  const auto samples = [&](std::size_t rows) {
    bit_dataset d = bit_dataset::zeros(n, 1, rows);
    d.inputs = random_inputs(n, rows, r);
    for (std::size_t s = 0; s < rows; ++s) d.targets.set(0, s, sum_bit(d.inputs, s));
    return d;
  };
  const bit_dataset train = samples(3000), fresh = samples(4000);
  const parity_pair pair = find_parity_pair(train);
  const std::vector<std::size_t> expected = {std::min(place[w - 1], place[2 * w - 1]), std::max(place[w - 1], place[2 * w - 1])};
  REQUIRE(pair.inputs == expected);
  CHECK(pair.weight > 0.5);
  CHECK(pair.plain_weight < 0.1);
  CHECK(pair.rows == 2048);
  // The fast weight against the reference: correlations counted by hamming_distance.
  std::vector<std::size_t> rows(std::min<std::size_t>(train.num_samples(), 2048));  // the rows it measures on
  std::iota(rows.begin(), rows.end(), std::size_t{0});
  const bit_batch x = train.inputs.select(rows);
  const bitvec g = train.targets.select(rows).wire(0) ^ x.wire(pair.inputs[0]) ^ x.wire(pair.inputs[1]);
  double reference = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k == pair.inputs[0] || k == pair.inputs[1]) continue;
    const double c = 1 - 2 * static_cast<double>(hamming_distance(g, x.wire(k))) / static_cast<double>(rows.size());
    reference += c * c;
  }
  CHECK(pair.weight == Approx(reference).epsilon(1e-12));
  // With the pair, the unit learns the sum bit; without, it cannot (a threshold function is far from a parity).
  const threshold_unit with = learn_threshold_unit(train, {.parity = pair.inputs, .seed = r()});
  const threshold_unit without = learn_threshold_unit(train, {.parity = {}, .seed = r()});
  CHECK(with.parity == pair.inputs);
  const auto right = [&](const threshold_unit& u) {
    return 1 - static_cast<double>(hamming_distance(threshold_predictions(u, fresh.inputs), fresh.targets.wire(0))) / static_cast<double>(fresh.num_samples());
  };
  INFO("fresh rows right: with the pair " << right(with) << ", without " << right(without));
  CHECK(right(with) > 0.97);
  CHECK(right(without) < 0.7);
  CHECK(evaluate(tape(threshold_circuit(with, n)), fresh.inputs, bitvec(0)).wire(0) == threshold_predictions(with, fresh.inputs));
  CHECK_THROWS_AS(learn_threshold_unit(train, {.parity = {n}}), std::invalid_argument);
  CHECK(find_parity_pair(bit_dataset::zeros(2, 1, 10)).inputs.empty());
}
