// The training-step circuit (model ; loss ; learning rate): its error counts and its vote counts
// against brute force, and its summed adjoints against R[f] evaluated sample by sample.
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/learn/lens.hpp"
#include "bitlens/models/lut_network.hpp"
#include "bitlens/transform/reverse_derivative.hpp"
#include "support/oracles.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

vec<z2> column(const bit_batch& b, std::size_t s) {
  vec<z2> v(b.num_wires());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = b.get(i, s);
  return v;
}

bitvec random_bits(std::size_t n, rng& g) {
  bitvec v(n);
  for (std::size_t i = 0; i < n; ++i) v.set(i, g() & 1U);
  return v;
}

// Brute force: over (sample, output) pairs with care, how many wrong bits flipping p_j fixes and
// how many right bits it breaks.
std::pair<std::uint64_t, std::uint64_t> flip_effect(const circuit<z2>& f, const bit_dataset& d, const bitvec& p, std::size_t j) {
  vec<z2> pv(p.size()), qv(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) pv[i] = qv[i] = p.get(i);
  qv[j] ^= 1;
  std::uint64_t fix = 0, brk = 0;
  for (std::size_t s = 0; s < d.num_samples(); ++s) {
    const auto x = column(d.inputs, s);
    const auto before = eval(f, x, pv), after = eval(f, x, qv);
    for (std::size_t o = 0; o < before.size(); ++o) {
      if (!d.care.get(o, s) || before[o] == after[o]) continue;
      (before[o] != d.targets.get(o, s) ? fix : brk) += 1;
    }
  }
  return {fix, brk};
}

}  // namespace

TEST_CASE("vote counts equal brute-force flip effects on a multilinear LUT network", "[lens][vote]") {
  // One layer of LUTs straight from the inputs: each parameter reaches its output once, so the
  // structural derivative is the exact effect of a flip.
  const auto data = generate_table("adder", 2);
  for (std::uint64_t k = 0; k < 5; ++k) {
    const auto seed = case_seed(15000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto net = make_lut_network(4, 3, {.k = 3, .widths = {}, .seed = seed});
    const auto f = net.build();
    step_layout layout;
    const tape t(training_step_circuit(f, cotangent_mode::per_output, layout));
    const bitvec p = random_bits(f.num_params(), g);
    const auto counts = count_ones(t, step_inputs(data), p);
    std::vector<std::uint64_t> fix(f.num_params(), 0), brk(f.num_params(), 0);
    for (std::size_t e = 0; e < layout.votes.size(); ++e) {
      fix[layout.votes[e].param] += counts[3 + 2 * e];
      brk[layout.votes[e].param] += counts[3 + 2 * e + 1];
    }
    for (std::size_t j = 0; j < f.num_params(); ++j) {
      const auto [bf, bb] = flip_effect(f, data, p, j);
      INFO("parameter " << j);
      CHECK(fix[j] == bf);
      CHECK(brk[j] == bb);
    }
  }
}

TEST_CASE("summed adjoints are the XOR over samples of R_P[f](x, error)", "[lens][parity]") {
  const auto data = generate_table("majority", 4);
  const auto seed = case_seed(15100);
  INFO("seed " << seed);
  rng g(seed);
  const auto net = make_lut_network(4, 1, {.k = 2, .widths = {3, 2}, .seed = seed});
  const auto f = net.build();
  step_layout layout;
  const tape t(training_step_circuit(f, cotangent_mode::summed, layout));
  const bitvec p = random_bits(f.num_params(), g);
  const auto counts = count_ones(t, step_inputs(data), p);
  const auto rf = reverse_derivative(f, {.respect_to = wrt::params});
  vec<z2> pv(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) pv[i] = p.get(i);
  std::vector<int> parity(f.num_params(), 0);
  std::uint64_t errors = 0;
  for (std::size_t s = 0; s < data.num_samples(); ++s) {
    const auto x = column(data.inputs, s);
    const z2::element err = eval(f, x, pv)[0] ^ z2::element(data.targets.get(0, s));
    errors += err;
    const auto d = eval(rf, concat<z2>(x, vec<z2>{err}), pv);
    for (std::size_t j = 0; j < d.size(); ++j) parity[j] ^= d[j];
  }
  CHECK(counts[0] == errors);
  for (std::size_t j = 0; j < f.num_params(); ++j) CHECK(int(counts[1 + j] & 1U) == parity[j]);
}

TEST_CASE("the error circuit counts wrong cared bits", "[lens]") {
  auto data = generate_table("comparator", 2);
  data.care.set(1, 3, false);  // one don't-care
  const auto f = make_lut_network(4, 3, {.k = 2, .widths = {4}, .seed = 5}).build();
  rng g(case_seed(15200));
  const bitvec p = random_bits(f.num_params(), g);
  vec<z2> pv(p.size());
  for (std::size_t i = 0; i < p.size(); ++i) pv[i] = p.get(i);
  std::uint64_t expected = 0;
  for (std::size_t s = 0; s < data.num_samples(); ++s) {
    const auto y = eval(f, column(data.inputs, s), pv);
    for (std::size_t o = 0; o < 3; ++o) expected += data.care.get(o, s) && (y[o] != 0) != data.targets.get(o, s);
  }
  const auto counts = count_ones(tape(error_circuit(f)), step_inputs(data), p);
  CHECK(counts[0] + counts[1] + counts[2] == expected);
}
