// The lane-parallel field tape against the scalar reference, over several fields, with tile sizes
// and sample counts that do not divide each other, on 1 and 2 threads.
#include "bitlens/eval/lane_tape.hpp"
#include "bitlens/eval/thread_team.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

template <ring R>
void check_lanes(const R& r, std::uint64_t seed) {
  INFO(r.name() << ", seed " << seed);
  rng g(seed);
  for (int c = 0; c < 8; ++c) {
    const auto f = random_circuit(r, g, {.inputs = 3, .params = 2, .nodes = 40, .outputs = 3, .p_neg = 0.1, .p_const = 0.1});
    const lane_tape<R> t(f);
    CHECK(t.num_slots() <= f.num_nodes());
    const std::size_t n = 1 + g() % 700;
    lane_batch<R> in(3, std::vector<element_t<R>>(n));
    for (auto& lane : in) {
      for (auto& v : lane) v = random_element(r, g);
    }
    const auto p = random_elements(r, 2, g);
    thread_team team(3);
    for (std::size_t tile : {0UL, 7UL, 64UL}) {
      for (unsigned threads : {1U, 2U, 0U}) {  // 0: as many as the caller's team has
        const eval_params ep{.threads = threads, .tile_words = tile, .team = threads == 0 ? &team : nullptr};
        const auto out = evaluate_lanes(t, in, std::span<const element_t<R>>(p), ep);
        for (std::size_t s = 0; s < n; ++s) {
          const auto y = eval(f, vec<R>{in[0][s], in[1][s], in[2][s]}, p);
          for (std::size_t o = 0; o < 3; ++o) REQUIRE(out[o][s] == y[o]);
        }
      }
    }
  }
}

}  // namespace

TEST_CASE("lane tape equals the reference over every field", "[lane_tape][fields]") {
  check_lanes(gf_p(3), case_seed(50000));
  check_lanes(gf_p(65537), case_seed(50001));
  check_lanes(gf_p(2147483647), case_seed(50002));
  check_lanes(gf_p(2305843009213693951ULL), case_seed(50003));
  check_lanes(gf_2k(8), case_seed(50004));
  check_lanes(gf_2k(64), case_seed(50005));
  check_lanes(gf_pk(3, 5), case_seed(50006));
  check_lanes(gf_pk(65537, 2), case_seed(50007));
}

TEST_CASE("lane tape rejects inputs of the wrong shape", "[lane_tape]") {
  circuit_builder<gf_p> b(gf_p(7));
  b.output(b.mul(b.input(), b.param()));
  const lane_tape<gf_p> t(b.build());
  const std::vector<std::uint64_t> one{1};
  CHECK_THROWS_AS(evaluate_lanes(t, lane_batch<gf_p>{}, std::span<const std::uint64_t>(one)), std::invalid_argument);
  CHECK_THROWS_AS(evaluate_lanes(t, lane_batch<gf_p>{{1, 2}}, std::span<const std::uint64_t>()), std::invalid_argument);
}
