// The fused gate kernels against their scalar reference twin: forward values, the δ / m adjoints
// and every count, for the portable and AVX2 variants, several tile sizes, and layers of equal and
// of changing widths; the δ counts against the model lens (R[f]) of the equivalent 2-LUT network,
// counted over samples; compiled inference and bit-sliced group counting against scalar loops.
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/eval/gate_pass.hpp"
#include "bitlens/eval/group_count.hpp"
#include "bitlens/eval/reference.hpp"
#include "bitlens/learn/para_lens.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/kernel_variants.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <array>

using namespace bitlens;

namespace {

gate_network random_network(test::rng& rng, std::size_t inputs, std::size_t layers, std::size_t width) {
  gate_layers_params lp;
  lp.layers = layers;
  lp.width = width;
  lp.seed = rng();
  lp.random_fraction = 1.0;
  return make_gate_layers(inputs, lp);
}

// Layers of different widths (each 1 … max_width gates), random wiring and tables: the kernels keep
// two layers' adjoints at a time, indexed within each layer, so widths that change from layer to
// layer must be covered.
gate_network uneven_network(test::rng& rng, std::size_t inputs, std::size_t layers, std::size_t max_width) {
  std::vector<gate_layer> spec;
  std::size_t prev = inputs;
  for (std::size_t l = 0; l < layers; ++l) {
    gate_layer g;
    const std::size_t w = 1 + rng() % max_width;
    for (std::size_t j = 0; j < w; ++j) {
      g.a.push_back(static_cast<std::uint32_t>(rng() % prev));
      g.b.push_back(static_cast<std::uint32_t>(rng() % prev));
    }
    spec.push_back(std::move(g));
    prev = w;
  }
  gate_network net(inputs, std::move(spec));
  for (std::size_t g = 0; g < net.num_gates(); ++g) net.set_lut(g, static_cast<std::uint8_t>(rng() % 16));
  return net;
}

struct sample_data {
  std::vector<std::vector<std::uint8_t>> x;      // per sample, input bits
  std::vector<std::vector<std::uint8_t>> delta;  // per sample, output δ
  std::vector<std::vector<std::uint8_t>> m;      // per sample, output m (δ ⊆ m)
};

sample_data random_samples(test::rng& rng, const gate_network& net, std::size_t n) {
  sample_data d;
  for (std::size_t s = 0; s < n; ++s) {
    std::vector<std::uint8_t> x(net.num_inputs()), dl(net.num_outputs()), m(net.num_outputs());
    for (auto& b : x) b = rng() & 1U;
    for (std::size_t k = 0; k < m.size(); ++k) {
      m[k] = (rng() % 4) != 0;
      dl[k] = m[k] & (rng() & 1U);
    }
    d.x.push_back(x);
    d.delta.push_back(dl);
    d.m.push_back(m);
  }
  return d;
}

// The scalar twin: per sample, δ and m pushed back gate by gate; counts summed over samples.
std::vector<std::uint32_t> reference_counts(const gate_network& net, const sample_data& d) {
  const std::size_t n_in = net.num_inputs(), first_out = net.num_gates() - net.num_outputs();
  std::vector<std::uint32_t> counts(net.num_gates() * gate_count_slots, 0);
  for (std::size_t s = 0; s < d.x.size(); ++s) {
    const auto v = evaluate_gates_reference(net, d.x[s]);
    std::vector<std::uint8_t> delta(net.num_gates(), 0), m(net.num_gates(), 0);
    for (std::size_t k = 0; k < net.num_outputs(); ++k) {
      delta[first_out + k] = d.delta[s][k];
      m[first_out + k] = d.m[s][k];
    }
    for (std::size_t g = net.num_gates(); g-- > 0;) {
      const unsigned a = v[net.operand_a()[g]], b = v[net.operand_b()[g]], t = net.luts()[g];
      const unsigned c1 = (t ^ (t >> 1)) & 1U, c2 = (t ^ (t >> 2)) & 1U, c3 = (t ^ (t >> 1) ^ (t >> 2) ^ (t >> 3)) & 1U;
      const std::uint32_t row[8] = {delta[g], delta[g] & a, delta[g] & b, delta[g] & a & b, m[g], m[g] & a, m[g] & b, m[g] & a & b};
      for (std::size_t k = 0; k < 8; ++k) counts[g * 8 + k] += row[k];
      if (net.operand_a()[g] < n_in) continue;  // layer 0: operands are inputs
      const std::size_t ga = net.operand_a()[g] - n_in, gb = net.operand_b()[g] - n_in;
      const unsigned da = c1 ^ (c3 & b), db = c2 ^ (c3 & a);
      delta[ga] ^= static_cast<std::uint8_t>(delta[g] & da);
      m[ga] |= static_cast<std::uint8_t>(m[g] & da);
      delta[gb] ^= static_cast<std::uint8_t>(delta[g] & db);
      m[gb] |= static_cast<std::uint8_t>(m[g] & db);
    }
  }
  return counts;
}

// Runs the pass over the samples, tile by tile (padding: zero inputs and m = 0), checking every
// forward value on the way. Returns the counts.
std::vector<std::uint32_t> pass_counts(const gate_network& net, const sample_data& d, std::size_t tile_words, kernel_variant k) {
  gate_pass pass(net, tile_words, k);
  const std::size_t S = pass.tile_samples();
  // Two rounds over the data; the second starts with counting::replace, so its counts must be one
  // round's, not two.
  for (int round = 0; round < 2; ++round) {
    for (std::size_t first = 0; first < d.x.size(); first += S) {
      const auto set_bit = [](std::uint64_t* p, std::size_t s, bool v) {
        if (v) p[s / 64] |= std::uint64_t{1} << (s % 64);
      };
      for (std::size_t i = 0; i < net.num_inputs(); ++i) {
        std::fill_n(pass.input(i), pass.tile_words(), 0);
        for (std::size_t s = 0; s < S && first + s < d.x.size(); ++s) set_bit(pass.input(i), s, d.x[first + s][i]);
      }
      pass.forward();
      for (std::size_t s = 0; s < S && first + s < d.x.size(); ++s) {
        const auto v = evaluate_gates_reference(net, d.x[first + s]);
        for (std::size_t k2 = 0; k2 < net.num_outputs(); ++k2) {
          const bool got = (pass.output(k2)[s / 64] >> (s % 64)) & 1U;
          REQUIRE(got == (v[net.num_nodes() - net.num_outputs() + k2] != 0));
        }
      }
      for (std::size_t o = 0; o < net.num_outputs(); ++o) {
        std::fill_n(pass.output_delta(o), pass.tile_words(), 0);
        std::fill_n(pass.output_matters(o), pass.tile_words(), 0);
        for (std::size_t s = 0; s < S && first + s < d.x.size(); ++s) {
          set_bit(pass.output_delta(o), s, d.delta[first + s][o]);
          set_bit(pass.output_matters(o), s, d.m[first + s][o]);
        }
      }
      pass.reverse(round == 1 && first == 0 ? gate_pass::counting::replace : gate_pass::counting::add);
    }
  }
  return {pass.counts().begin(), pass.counts().end()};
}

std::vector<kernel_variant> kernel_variants() { return test::runnable_kernel_variants(); }

}  // namespace

TEST_CASE("gate pass: forward values and counts equal the scalar reference", "[eval][gate]") {
  for (std::uint64_t c = 0; c < 30; ++c) {
    const auto seed = test::case_seed(c);
    INFO("seed " << seed);
    test::rng rng(seed);
    const auto net = c % 2 == 0 ? random_network(rng, 3 + rng() % 12, 1 + rng() % 4, 2 + rng() % 12)
                                : uneven_network(rng, 3 + rng() % 12, 1 + rng() % 5, 14);
    const auto data = random_samples(rng, net, 1 + rng() % 700);
    const auto expected = reference_counts(net, data);
    for (auto k : kernel_variants()) {
      for (std::size_t tw : {4, 8}) {
        INFO("kernels " << name(k) << ", tile words " << tw);
        REQUIRE(pass_counts(net, data, tw, k) == expected);
      }
    }
  }
}

TEST_CASE("gate pass: δ counts are the model lens's put (R[f]) of the 2-LUT circuit, counted over samples", "[eval][gate][fused]") {
  for (std::uint64_t c = 0; c < 20; ++c) {
    const auto seed = test::case_seed(100 + c);
    INFO("seed " << seed);
    test::rng rng(seed);
    const auto net = random_network(rng, 3 + rng() % 6, 1 + rng() % 3, 2 + rng() % 6);
    auto data = random_samples(rng, net, 1 + rng() % 200);
    for (auto& m : data.m) std::fill(m.begin(), m.end(), 1);  // m everywhere: δ alone is the RD
    const auto counts = pass_counts(net, data, 4, kernel_variant::automatic);
    // The model lens of the 2-LUT circuit (learn/para_lens.hpp): its put at (p, x, δ) is R[f]'s
    // parameter part, one sample at a time; the fused pass must count the same changes.
    const auto model = circuit_lens(to_lut_network(net).build());
    const auto params = gate_tables_as_params(net);
    std::vector<std::uint8_t> p(params.size());
    for (std::size_t j = 0; j < p.size(); ++j) p[j] = params.get(j);
    std::vector<std::uint32_t> adjoint_sum(p.size(), 0);
    for (std::size_t s = 0; s < data.x.size(); ++s) {
      const auto dp = model.put(p, data.x[s], data.delta[s]).params;
      for (std::size_t j = 0; j < dp.size(); ++j) adjoint_sum[j] += dp[j];
    }
    for (std::size_t g = 0; g < net.num_gates(); ++g) {
      const auto* q = counts.data() + 8 * g;  // |δ|, |δa|, |δb|, |δab|
      const std::array<std::uint32_t, 4> fix{q[0] - q[1] - q[2] + q[3], q[1] - q[3], q[2] - q[3], q[3]};
      for (unsigned e = 0; e < 4; ++e) REQUIRE(fix[e] == adjoint_sum[4 * g + e]);
    }
  }
}

TEST_CASE("entry_gains: 2·fix − matter per table entry", "[eval][gate]") {
  // δ on entries 3 (2 samples) and 0 (1 sample); m on entries 3 (3), 1 (1), 0 (2).
  // |δ| = 3, |δa| = 2, |δb| = 2, |δab| = 2; |m| = 6, |ma| = 4, |mb| = 3, |mab| = 3.
  const std::array<std::uint32_t, 8> c{3, 2, 2, 2, 6, 4, 3, 3};
  const auto g = entry_gains(c);
  CHECK(g[0] == 2 * 1 - 2);
  CHECK(g[1] == 2 * 0 - 1);
  CHECK(g[2] == 0);
  CHECK(g[3] == 2 * 2 - 3);
}

TEST_CASE("group counting: bit-sliced counts equal a scalar count in every variant", "[eval][gate]") {
  test::rng rng(test::case_seed(7));
  const auto variants = kernel_variants();
  for (std::size_t n : {0, 1, 2, 7, 8, 9, 15, 16, 17, 63, 100, 801}) {
    for (std::size_t words : {1, 3, 4, 9, 16}) {
     for (auto k : variants) {
      INFO("wires " << n << ", words " << words << ", kernels " << name(k));
      std::vector<word_vector> data(n, word_vector(words));
      std::vector<const std::uint64_t*> ptr;
      for (auto& w : data) {
        for (auto& x : w) x = rng() & rng();  // denser and sparser words
        ptr.push_back(w.data());
      }
      std::vector<std::uint64_t> planes(count_planes(n) * words);
      count_wires_sliced(ptr, words, planes.data(), k);
      std::vector<std::uint16_t> got(64 * words);
      unpack_sliced_counts(planes.data(), count_planes(n), words, got.data(), k);
      for (std::size_t s = 0; s < 64 * words; ++s) {
        std::uint16_t expect = 0;
        for (std::size_t j = 0; j < n; ++j) expect += (data[j][s / 64] >> (s % 64)) & 1U;
        REQUIRE(got[s] == expect);
      }
     }
    }
  }
}

TEST_CASE("compiled gates: every specialised gate equals the reference network", "[eval][gate]") {
  for (std::uint64_t c = 0; c < 30; ++c) {
    const auto seed = test::case_seed(200 + c);
    INFO("seed " << seed);
    test::rng rng(seed);
    auto net = random_network(rng, 2 + rng() % 10, 1 + rng() % 5, 10 * (1 + rng() % 4));
    // Tables drawn over all 16 functions, with constants and pass-throughs common as after training.
    for (std::size_t g = 0; g < net.num_gates(); ++g) {
      const std::uint8_t common[] = {0x0, 0xF, 0xA, 0xC, 0x5, 0x3};
      net.set_lut(g, rng() % 2 ? common[rng() % 6] : static_cast<std::uint8_t>(rng() % 16));
    }
    const compiled_gates cg(net);
    const std::size_t n = 1 + rng() % 1500;
    bit_batch x(net.num_inputs(), n);
    for (std::size_t i = 0; i < x.num_wires(); ++i) {
      for (std::size_t s = 0; s < n; ++s) x.set(i, s, rng() & 1U);
    }
    for (auto k : kernel_variants()) {
      for (unsigned threads : {1U, 2U}) {
        const auto out = cg.evaluate(x, {threads, 0, k});
        const auto pred = cg.predict_groups(x, 10, {threads, 4, k});
        for (std::size_t s = 0; s < n; ++s) {
          std::vector<std::uint8_t> in(net.num_inputs());
          for (std::size_t i = 0; i < in.size(); ++i) in[i] = x.get(i, s);
          const auto v = evaluate_gates_reference(net, in);
          std::array<std::uint16_t, 10> score{};
          for (std::size_t o = 0; o < net.num_outputs(); ++o) {
            const bool bit = v[net.num_nodes() - net.num_outputs() + o] != 0;
            REQUIRE(out.get(o, s) == bit);
            score[o / (net.num_outputs() / 10)] += bit;
          }
          std::uint32_t best = 0;
          for (std::uint32_t cl = 1; cl < 10; ++cl) best = score[cl] > score[best] ? cl : best;
          REQUIRE(pred[s] == best);
        }
      }
    }
    CHECK(cg.num_ops() <= net.num_gates() + net.num_outputs());
  }
}

TEST_CASE("compiled gates: pass-throughs and constants cost nothing", "[eval][gate]") {
  gate_network net(4, {gate_layer{{0, 1, 2}, {1, 2, 3}}, gate_layer{{0, 2}, {2, 1}}});
  // Layer 0: pass_a, and, const 1; layer 1: ¬a (of gate 0 = x0), b (of gate 1 = x1∧x2).
  net.set_lut(1, gate_lut::and_);
  net.set_lut(2, gate_lut::one);
  net.set_lut(3, 0x5);
  net.set_lut(4, gate_lut::pass_b);
  const compiled_gates cg(net);
  CHECK(cg.num_ops() == 2);  // the and, and the not_ that materialises output 0 = ¬x0
}

TEST_CASE("gate pass: a network whose tile state exceeds the L2 (the kernels prefetch) equals the reference", "[eval][gate]") {
  const auto seed = test::case_seed(300);
  INFO("seed " << seed);
  test::rng rng(seed);
  // 64 inputs, 3 × 3000 gates: at 8-word tiles the values, adjoints and counts take ≈ 1.6 MiB.
  const auto net = random_network(rng, 64, 3, 3000);
  const auto data = random_samples(rng, net, 700);
  const auto expected = reference_counts(net, data);
  for (auto k : kernel_variants()) {
    INFO("kernels " << name(k));
    REQUIRE(pass_counts(net, data, 8, k) == expected);
  }
}
