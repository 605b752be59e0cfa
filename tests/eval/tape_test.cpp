// The bit-parallel tape against the scalar reference, on random circuits and batch sizes that are
// not multiples of 64 or of the tile, with several tile sizes and thread counts.
#include "bitlens/algebra/z2.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/eval/thread_team.hpp"
#include "support/kernel_variants.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

vec<z2> column(const bit_batch& b, std::size_t sample) {
  vec<z2> v(b.num_wires());
  for (std::size_t i = 0; i < v.size(); ++i) v[i] = b.get(i, sample);
  return v;
}

}  // namespace

TEST_CASE("tape evaluation equals the reference on random circuits, on threads of its own or a team's", "[tape]") {
  const z2 r;
  const std::size_t sample_counts[] = {1, 63, 64, 65, 200, 1000, 4097};
  const std::size_t tiles[] = {0, 1, 3, 8};
  const auto variants = test::runnable_kernel_variants();
  thread_team team(3);
  for (std::uint64_t k = 0; k < 60; ++k) {
    const auto seed = case_seed(12000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto f = random_circuit(r, g, {.inputs = 1 + k % 6, .params = k % 3, .nodes = 10 + 5 * (k % 10),
                                         .outputs = 1 + k % 4, .p_neg = 0.1, .p_const = 0.1});
    const tape t(f);
    CHECK(t.num_slots() <= f.num_nodes());
    const std::size_t samples = sample_counts[k % 7];
    const auto in = random_batch(f.num_inputs(), samples, g);
    const auto pv = random_elements(r, f.num_params(), g);
    bitvec p(f.num_params());
    for (std::size_t j = 0; j < pv.size(); ++j) p.set(j, pv[j] != 0);
    for (std::size_t tile : tiles) {
      for (unsigned threads : {1U, 2U}) {
       for (auto kern : variants) {
        INFO("samples " << samples << " tile " << tile << " threads " << threads << " kernels " << name(kern));
        const eval_params ep{.threads = threads, .tile_words = tile, .kernels = kern};
        const auto out = evaluate(t, in, p, ep);
        REQUIRE(out.num_wires() == f.num_outputs());
        std::vector<std::uint64_t> expected_ones(f.num_outputs(), 0);
        for (std::size_t s = 0; s < samples; ++s) {
          const auto y = eval(f, column(in, s), pv);
          REQUIRE(column(out, s) == y);
          for (std::size_t o = 0; o < y.size(); ++o) expected_ones[o] += y[o];
        }
        for (const auto& w : out.wires()) {  // canary: outputs keep the tail invariant
          REQUIRE((w.words().back() & ~tail_mask(w.size())) == 0);
        }
        CHECK(count_ones(t, in, p, ep) == expected_ones);
        // The same on a team the caller holds (eval/tile_runner.hpp), as many members as it has.
        const eval_params on_team{.tile_words = tile, .kernels = kern, .team = &team};
        CHECK(evaluate(t, in, p, on_team) == out);
        CHECK(count_ones(t, in, p, on_team) == expected_ones);
       }
      }
    }
  }
}

TEST_CASE("tape reuses slots: a long chain needs a constant number of them", "[tape]") {
  circuit_builder<z2> b;
  const auto x = b.input(), y = b.input();
  wire acc = b.add(x, y);
  for (int i = 0; i < 1000; ++i) acc = b.add(b.mul(acc, y), x);
  b.output(acc);
  const tape t(b.build());
  CHECK(t.instructions().size() == 2001);
  CHECK(t.num_slots() <= 3);
}

TEST_CASE("the AVX2 and AVX-512 kernels are requested explicitly only where the CPU has them", "[tape]") {
  circuit_builder<z2> b;
  b.output(b.add(b.input(), b.input()));
  const tape t(b.build());
  bit_batch in(2, 100);
  in.wire(0).fill(true);
  for (auto k : {kernel_variant::avx2, kernel_variant::avx512}) {
    INFO("kernels " << name(k));
    if (cpu_runs(k)) {
      CHECK(count_ones(t, in, bitvec(0), {.kernels = k}) == std::vector<std::uint64_t>{100});
    } else {
      CHECK_THROWS_AS(count_ones(t, in, bitvec(0), {.kernels = k}), std::invalid_argument);
    }
  }
  CHECK(resolve(kernel_variant::automatic, "test") ==
        (cpu().avx512 ? kernel_variant::avx512 : cpu().avx2 ? kernel_variant::avx2 : kernel_variant::portable));
}

TEST_CASE("tape rejects batches of the wrong shape", "[tape]") {
  circuit_builder<z2> b;
  b.output(b.add(b.input(), b.param()));
  const tape t(b.build());
  CHECK_THROWS_AS(evaluate(t, bit_batch(2, 10), bitvec(1)), std::invalid_argument);
  CHECK_THROWS_AS(evaluate(t, bit_batch(1, 10), bitvec(0)), std::invalid_argument);
}
