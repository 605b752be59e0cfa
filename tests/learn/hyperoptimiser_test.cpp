// Hyperoptimisers (learn/hyperoptimiser.hpp): the rules as lenses equal the plain optimisers, Adam's
// hand-written put is its derivative, the hypergradient step worked by hand over GF(p) and the
// reals, and hyperoptimised SGD — one level and stacked — recovering from a step size far too small.
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/learn/hyperoptimiser.hpp"
#include "bitlens/learn/lens_losses.hpp"
#include "bitlens/models/field_models.hpp"
#include "support/least_squares.hpp"
#include "support/random_problems.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using namespace bitlens;

TEST_CASE("update rules as lenses step like the plain optimisers", "[lens][hyper]") {
  const gf_p f(65537);
  const auto seed = test::case_seed(47500);
  INFO("seed " << seed);
  test::rng g(seed);
  const auto mu = f.from_integer(7), alpha = f.one();
  auto plain = momentum(f, mu);
  auto rule = rule_optimiser(momentum_rule(f), {alpha, mu});
  auto p1 = test::random_row(f, g, 5), p2 = p1;
  auto s1 = plain.initial_state(f, 5), s2 = rule.initial_state(f, 5);
  for (int step = 0; step < 4; ++step) {
    const auto d = test::random_row(f, g, 5);
    plain.put(s1, p1, d);
    rule.put(s2, p2, d);
    CHECK(p1 == p2);
  }
  auto adam_plain = adam(0.01, 0.8, 0.95, 1e-8);
  auto adam_lens = rule_optimiser(adam_rule(1e-8), {0.01, 0.8, 0.95});
  std::vector<double> q1{1, -2, 0.5}, q2 = q1;
  auto a1 = adam_plain.initial_state(real{}, 3), a2 = adam_lens.initial_state(real{}, 3);
  for (int step = 0; step < 5; ++step) {
    const auto d = test::random_row(real{}, g, 3);
    adam_plain.put(a1, q1, d);
    adam_lens.put(a2, q2, d);
    for (std::size_t i = 0; i < 3; ++i) CHECK(q1[i] == Approx(q2[i]).epsilon(1e-12));
  }
}

TEST_CASE("Adam's rule lens: put is the derivative of get", "[lens][hyper]") {
  const auto seed = test::case_seed(47600);
  INFO("seed " << seed);
  test::rng g(seed);
  const auto rule = adam_rule(1e-8);
  auto uniform = [&](double lo, double hi) { return lo + (hi - lo) * static_cast<double>(g() % 10000) / 10000.0; };
  for (int c = 0; c < 30; ++c) {
    const std::vector<double> h{uniform(0.001, 0.1), uniform(0.5, 0.95), uniform(0.6, 0.99)};
    const std::vector<double> in{uniform(-1, 1), uniform(0.01, 1), static_cast<double>(g() % 6), uniform(-2, 2), uniform(-1, 1)};
    const auto dout = test::random_row(real{}, g, 4);
    const auto c1 = rule.lens.put(h, in, dout);
    // ⟨dout, ∂get/∂x⟩ by central differences, for every hyperparameter and input but t.
    auto directional = [&](bool wrt_h, std::size_t j) {
      auto hh = h, ii = in;
      auto& v = wrt_h ? hh : ii;
      const double step = 1e-6, x = v[j];
      v[j] = x + step;
      const auto up = rule.lens.get(hh, ii);
      v[j] = x - step;
      const auto down = rule.lens.get(hh, ii);
      double s = 0;
      for (std::size_t k = 0; k < 4; ++k) s += dout[k] * (up[k] - down[k]) / (2 * step);
      return s;
    };
    for (std::size_t j = 0; j < 3; ++j) CHECK(c1.params[j] == Approx(directional(true, j)).margin(1e-5).epsilon(1e-4));
    for (std::size_t j : {0U, 1U, 3U, 4U}) CHECK(c1.inputs[j] == Approx(directional(false, j)).margin(1e-5).epsilon(1e-4));
  }
}

TEST_CASE("a hyperoptimised step: α gains Σ δ_prev·δ, then the step uses the new α", "[lens][hyper]") {
  const gf_p f(65537);
  const auto seed = test::case_seed(47700);
  INFO("seed " << seed);
  test::rng g(seed);
  const auto alpha0 = f.from_integer(3);
  auto opt = hyperoptimised(sgd_rule(f), {alpha0}, gradient_descent(f));
  const std::size_t n = 4;
  auto p = test::random_row(f, g, n);
  auto state = opt.initial_state(f, n);
  CHECK(hyperparameters(sgd_rule(f), std::span<const gf_p::element>(state), n) == std::vector<gf_p::element>{alpha0});
  const auto d1 = test::random_row(f, g, n), d2 = test::random_row(f, g, n);
  auto expected = p;
  for (std::size_t i = 0; i < n; ++i) expected[i] = f.add(expected[i], f.mul(alpha0, d1[i]));
  opt.put(state, p, d1);
  CHECK(p == expected);
  auto alpha1 = alpha0;
  for (std::size_t i = 0; i < n; ++i) alpha1 = f.add(alpha1, f.mul(d1[i], d2[i]));
  for (std::size_t i = 0; i < n; ++i) expected[i] = f.add(expected[i], f.mul(alpha1, d2[i]));
  opt.put(state, p, d2);
  CHECK(p == expected);
  CHECK(hyperparameters(sgd_rule(f), std::span<const gf_p::element>(state), n) == std::vector<gf_p::element>{alpha1});
}

TEST_CASE("hyperoptimised SGD, one level and stacked, recovers from a step size far too small", "[lens][hyper]") {
  const auto seed = test::case_seed(47800);
  INFO("seed " << seed);
  test::rng g(seed);
  const test::least_squares problem(g);
  // The mean loss over the batch (a rate of 1/20), as in the paper.
  const auto objective = supervised(problem.model, squared_error_loss(problem.m), learning_rate(real{}, 1.0 / 20));
  const double alpha0 = 1e-5;
  const auto rule = sgd_rule(real{});
  const auto plain = rule_optimiser(rule, {alpha0});
  const auto one = hyperoptimised(rule, {alpha0}, rule_optimiser(rule, {1e-2}));
  const auto stacked = hyperoptimised(rule, {alpha0}, hyperoptimised(rule, {1e-2}, rule_optimiser(rule, {1e-5})));
  double final_loss[3];
  int k = 0;
  const double before = problem.loss(std::vector<double>(problem.model.num_params(), 0.0));
  for (const auto* opt : {&plain, &one, &stacked}) {
    std::vector<double> p(problem.model.num_params(), 0.0);
    auto state = opt->initial_state(real{}, p.size());
    for (int step = 0; step < 200; ++step) training_step<real>(objective, *opt, state, p, problem.xs, problem.ys);
    INFO("optimiser " << opt->name());
    final_loss[k++] = problem.loss(p);
    if (opt != &plain) CHECK(hyperparameters(rule, std::span<const double>(state), p.size())[0] > 100 * alpha0);
  }
  CHECK(final_loss[0] > 0.5 * before);  // plain SGD at 1e-5 has hardly moved
  CHECK(final_loss[1] < 0.01 * before);
  CHECK(final_loss[2] < 0.01 * before);
}
