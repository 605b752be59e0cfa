// The functor property of composition by shared variables (learn/open_problem.hpp): on random open
// problems over Z2, GF(p), GF(2^k) and the reals, the step signal of the composite, computed by the reverse
// derivative of its own circuit, equals the sum of the parts' signals, each variable receiving from
// every part that exposes it; so the composite's gradient step is the parts' steps summed.
#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/real.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/learn/open_problem.hpp"
#include "support/random_problems.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>
#include <type_traits>

using namespace bitlens;

namespace {

template <ring R>
void check_functor(const R& r, std::uint64_t salt) {
  std::size_t shared_cases = 0, nonzero_cases = 0;
  for (std::uint64_t c = 0; c < 60; ++c) {
    const auto seed = test::case_seed(salt + c);
    INFO(r.name() << ", seed " << seed);
    test::rng g(seed);
    const auto parts = test::random_problems(r, g);
    const auto composite = compose_problems<R>(parts);
    const auto& names = composite.variables;
    const auto values = test::random_row(r, g, names.size());
    const auto whole = problem_signal(composite, names, values);
    std::vector<element_t<R>> summed(names.size(), r.zero());
    std::multiset<std::string> exposures;
    for (const auto& p : parts) {
      const auto local = problem_signal(p, names, values);
      for (std::size_t k = 0; k < names.size(); ++k) summed[k] = r.add(summed[k], local[k]);
      const std::set<std::string> exposed(p.variables.begin(), p.variables.end());
      exposures.insert(exposed.begin(), exposed.end());
    }
    REQUIRE(test::same_elements<R>(whole, summed));
    REQUIRE(test::same_elements<R>(gradient_step(r, std::span<const element_t<R>>(values), std::span<const element_t<R>>(whole), r.one()),
                    gradient_step(r, std::span<const element_t<R>>(values), std::span<const element_t<R>>(summed), r.one())));
    for (const auto& n : names) shared_cases += exposures.count(n) > 1 ? 1 : 0;
    nonzero_cases += std::any_of(whole.begin(), whole.end(), [&](const auto& x) { return x != r.zero(); }) ? 1 : 0;
  }
  // The property is not vacuous: variables were shared, and gradients were not all zero.
  CHECK(shared_cases > 20);
  CHECK(nonzero_cases > 20);
}

}  // namespace

TEST_CASE("open problems: the composite's step signal is the sum of the parts' (Z2, GF(p), GF(2^k), the reals)", "[learn][open]") {
  check_functor(z2{}, 130000);
  check_functor(gf_p(65537), 131000);
  check_functor(gf_2k(8), 132000);
  check_functor(real{}, 134000);
}

TEST_CASE("open problems: bad shapes are refused", "[learn][open]") {
  const z2 r;
  test::rng g(test::case_seed(133000));
  auto parts = test::random_problems(r, g);
  parts[0].variables.pop_back();
  CHECK_THROWS_AS(compose_problems<z2>(parts), std::invalid_argument);
  parts = test::random_problems(r, g);
  parts[1].inputs.pop_back();
  CHECK_THROWS_AS(compose_problems<z2>(parts), std::invalid_argument);
  CHECK_THROWS_AS(compose_problems<z2>(std::vector<open_problem<z2>>{}), std::invalid_argument);
}
