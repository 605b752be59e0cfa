// The example circuits in circuits/ compute the functions their comments promise, on every input.
#include "bitlens/algebra/z2.hpp"
#include "bitlens/io/circ_file.hpp"
#include "support/oracles.hpp"

#include <catch2/catch.hpp>

#include <functional>

using namespace bitlens;
using namespace bitlens::test;

namespace {

circuit<z2> example(const std::string& name) { return load_circ<z2>(std::string(BITLENS_SOURCE_DIR) + "/circuits/" + name); }

// Checks f on all 2^n inputs against `expected`, which maps the input pattern (bit i = input i) to
// the output pattern (bit k = output k).
void check_all(const circuit<z2>& f, const std::function<unsigned(unsigned)>& expected) {
  const std::size_t n = f.num_inputs();
  for (unsigned m = 0; m < (1U << n); ++m) {
    vec<z2> x(n);
    for (std::size_t i = 0; i < n; ++i) x[i] = (m >> i) & 1U;
    const auto y = eval(f, x);
    unsigned got = 0;
    for (std::size_t k = 0; k < y.size(); ++k) got |= unsigned(y[k]) << k;
    INFO("input pattern " << m);
    REQUIRE(got == expected(m));
  }
}

}  // namespace

TEST_CASE("circuits/ examples compute their functions", "[examples]") {
  check_all(example("full_adder.circ"), [](unsigned m) { return std::popcount(m); });
  check_all(example("ripple_adder_2.circ"), [](unsigned m) { return (m & 3) + (m >> 2); });
  check_all(example("ripple_adder_4.circ"), [](unsigned m) { return (m & 15) + (m >> 4); });
  check_all(example("mult_2x2.circ"), [](unsigned m) { return (m & 3) * (m >> 2); });
  check_all(example("majority_5.circ"), [](unsigned m) { return std::popcount(m) >= 3 ? 1U : 0U; });
  check_all(example("parity_8.circ"), [](unsigned m) { return std::popcount(m) % 2 == 0 ? 1U : 0U; });
  check_all(example("mux_4.circ"), [](unsigned m) { return (m >> (m >> 4)) & 1U; });
}
