// LUT networks: the built circuit computes the network of lookup tables it describes, wiring is
// seeded and covers every input, and architecture strings parse or fail clearly.
#include "bitlens/models/lut_network.hpp"
#include "support/oracles.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace bitlens;
using namespace bitlens::test;

TEST_CASE("a LUT network's circuit computes its lookup tables", "[lut_network]") {
  for (std::uint64_t k = 0; k < 20; ++k) {
    const auto seed = case_seed(16000 + k);
    INFO("seed " << seed);
    rng g(seed);
    const auto net = make_lut_network(5, 2, {.k = 2 + k % 3, .widths = {4, 3}, .skip = k % 2 == 1, .seed = seed});
    const auto f = net.build();
    REQUIRE(f.num_params() == net.num_params);
    vec<z2> p(net.num_params);
    for (auto& v : p) v = g() & 1U;
    for (std::size_t m = 0; m < 32; ++m) {
      std::vector<int> value(5 + net.luts.size());
      for (std::size_t i = 0; i < 5; ++i) value[i] = (m >> i) & 1U;
      for (std::size_t l = 0; l < net.luts.size(); ++l) {
        std::size_t address = 0;
        for (std::size_t i = 0; i < net.luts[l].sources.size(); ++i) address |= std::size_t(value[net.luts[l].sources[i]]) << i;
        value[5 + l] = p[net.luts[l].first_param + address];
      }
      vec<z2> x(5);
      for (std::size_t i = 0; i < 5; ++i) x[i] = value[i];
      const auto y = eval(f, x, p);
      CHECK(y[0] == value[5 + net.luts.size() - 2]);
      CHECK(y[1] == value[5 + net.luts.size() - 1]);
    }
  }
}

TEST_CASE("cover wiring reads every input, and is reproducible from the seed", "[lut_network]") {
  const auto net = make_lut_network(12, 1, {.k = 4, .widths = {3}, .seed = 9});
  std::set<std::uint32_t> used;
  for (std::size_t l = 0; l < 3; ++l) used.insert(net.luts[l].sources.begin(), net.luts[l].sources.end());
  CHECK(used.size() == 12);
  const auto again = make_lut_network(12, 1, {.k = 4, .widths = {3}, .seed = 9});
  for (std::size_t l = 0; l < net.luts.size(); ++l) CHECK(net.luts[l].sources == again.luts[l].sources);
  // LUTs never read the same source twice, and never more sources than exist
  const auto narrow = make_lut_network(2, 1, {.k = 4, .widths = {}});
  CHECK(narrow.luts[0].sources.size() == 2);
}

TEST_CASE("architecture strings", "[lut_network]") {
  const auto p = parse_architecture("4:16,8");
  CHECK(p.k == 4);
  CHECK(p.widths == std::vector<std::size_t>{16, 8});
  CHECK(parse_architecture("3").widths.empty());
  CHECK(parse_architecture("6:").widths.empty());
  CHECK_THROWS_WITH(parse_architecture("x:3"), Catch::Contains("expected K:W1,W2"));
  CHECK_THROWS_WITH(parse_architecture("4:3,0"), Catch::Contains("layer width '0'"));
  CHECK_THROWS_WITH(parse_architecture("9:3"), Catch::Contains("LUT size must be from 1 to 8"));
  CHECK_THROWS_AS(make_lut_network(0, 1, {}), std::invalid_argument);
}
