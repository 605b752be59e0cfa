// Loss, learning-rate and optimiser lenses (learn/lens_losses.hpp, learn/lens_optimisers.hpp):
// each optimiser's step against the formula worked by hand, each loss's put against the derivative
// of its get, the optimisers over the reals on a least-squares problem — and the composite
// model ; loss ; rate ; optimiser against the fused paths that compute it: the tape step over Z2
// (the parity rule) and the lane-tape field trainer.
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/learn/field_train.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/learn/lens.hpp"
#include "bitlens/learn/lens_losses.hpp"
#include "bitlens/learn/lens_optimisers.hpp"
#include "bitlens/models/field_models.hpp"
#include "bitlens/models/lut_network.hpp"
#include "support/least_squares.hpp"
#include "support/random_problems.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace bitlens;

namespace {

template <ring R>
std::vector<element_t<R>> stepped(const optimiser_lens<R>& opt, std::vector<element_t<R>>& state, std::vector<element_t<R>> p,
                                   const std::vector<element_t<R>>& change) {
  opt.put(state, p, change);
  return p;
}

// Central differences of a real lens's get with respect to its inputs (j < inputs) or parameters.
double numeric_derivative(const para_lens<real>& f, std::vector<double> p, std::vector<double> a, bool wrt_params, std::size_t j) {
  const double h = 1e-6;
  auto& v = wrt_params ? p : a;
  const double x = v[j];
  v[j] = x + h;
  const double up = f.get(p, a)[0];
  v[j] = x - h;
  const double down = f.get(p, a)[0];
  return (up - down) / (2 * h);
}

}  // namespace

TEST_CASE("optimiser lenses: steps worked by hand", "[lens][optimiser]") {
  const gf_p f(65537);
  using V = std::vector<gf_p::element>;
  {
    auto gd = gradient_descent(f);
    auto s = gd.initial_state(f, 2);
    CHECK(stepped(gd, s, V{1, 2}, V{3, 65536}) == V{4, 1});
  }
  {
    auto mo = momentum(f, f.from_integer(2));  // v ← 2v + δ, p ← p + v
    auto s = mo.initial_state(f, 2);
    auto p = stepped(mo, s, V{10, 20}, V{1, 1});
    CHECK(p == V{11, 21});
    CHECK(stepped(mo, s, p, V{1, 0}) == V{11 + 3, 21 + 2});
  }
  {
    auto ne = nesterov(real{}, 0.5);  // v ← v/2 + δ, p ← p + v/2 + δ
    auto s = ne.initial_state(real{}, 1);
    auto p = stepped(ne, s, {0.0}, {1.0});
    CHECK(p[0] == 1.5);
    CHECK(stepped(ne, s, p, {1.0})[0] == 1.5 + 0.75 + 1);
  }
  {
    auto ag = adagrad(0.1, 0);
    auto s = ag.initial_state(real{}, 1);
    auto p = stepped(ag, s, {0.0}, {2.0});
    CHECK(p[0] == Approx(0.1));
    CHECK(stepped(ag, s, p, {-1.0})[0] == Approx(0.1 - 0.1 / std::sqrt(5.0)));
  }
  {
    // Adam's first step moves every parameter by η in the direction of its change (m̂ = δ, v̂ = δ²).
    auto ad = adam(0.01, 0.9, 0.999, 0);
    auto s = ad.initial_state(real{}, 3);
    CHECK(s.size() == 7);
    const auto p = stepped(ad, s, {1.0, 1.0, 1.0}, {5.0, -0.001, 2.0});
    CHECK(p[0] == Approx(1.01));
    CHECK(p[1] == Approx(0.99));
    CHECK(p[2] == Approx(1.01));
    CHECK(s[6] == 1);  // the step count
  }
  auto gd = gradient_descent(f);
  V s, p{1, 2};
  CHECK_THROWS_WITH(gd.put(s, p, V{1}), Catch::Contains("2 parameters need 2 changes"));
}

TEST_CASE("loss lenses: put is the derivative of get, and the two forms of the squared loss agree", "[lens][loss]") {
  const auto seed = test::case_seed(47100);
  INFO("seed " << seed);
  test::rng g(seed);
  for (int c = 0; c < 20; ++c) {
    const std::size_t m = 1 + g() % 5;
    auto y = test::random_row(real{}, g, m), yhat = test::random_row(real{}, g, m);
    const double dl = 0.5 + static_cast<double>(g() % 8) / 4;
    for (const auto& loss : {squared_error_loss(m), softmax_cross_entropy(m)}) {
      const auto c1 = loss.put(y, yhat, std::vector<double>{dl});
      for (std::size_t k = 0; k < m; ++k) {
        CHECK(c1.inputs[k] == Approx(dl * numeric_derivative(loss, y, yhat, false, k)).margin(1e-6));
        CHECK(c1.params[k] == Approx(dl * numeric_derivative(loss, y, yhat, true, k)).margin(1e-6));
      }
    }
    // A one-hot target: the put is the familiar softmax(z) − y.
    std::vector<double> onehot(m, 0.0);
    onehot[g() % m] = 1;
    const auto sm = softmax(yhat);
    const auto ce = softmax_cross_entropy(m).put(onehot, yhat, std::vector<double>{1.0});
    for (std::size_t k = 0; k < m; ++k) CHECK(ce.inputs[k] == Approx(sm[k] - onehot[k]));
    // residual ; rate(η) and ½Σ(ŷ − y)² ; rate(η) send the same change back to ŷ.
    const double eta = 0.25;
    const auto a = then(then(identity_lens(real{}, m), squared_error_loss(m)), learning_rate(real{}, eta)).put(y, yhat, {});
    const auto b = then(then(identity_lens(real{}, m), residual_loss(real{}, m)), residual_rate(real{}, eta, m)).put(y, yhat, {});
    CHECK(test::same_elements<real>(a.inputs, b.inputs));
    for (std::size_t k = 0; k < m; ++k) CHECK(a.inputs[k] == Approx(-eta * (yhat[k] - y[k])));
  }
}

TEST_CASE("optimiser lenses over the reals reduce a least-squares loss", "[lens][optimiser]") {
  // y = W x + b for a fixed W, b; the problem.model starts at zero. Full-batch steps.
  const auto seed = test::case_seed(47200);
  INFO("seed " << seed);
  test::rng g(seed);
  const test::least_squares problem(g);
  const auto sgd_objective = supervised(problem.model, squared_error_loss(problem.m), learning_rate(real{}, 0.01));
  const auto unit_objective = supervised(problem.model, squared_error_loss(problem.m), learning_rate(real{}, 1.0));
  struct run {
    optimiser_lens<real> opt;
    const para_lens<real>* objective;
  };
  for (const auto& [opt, objective] : {run{gradient_descent(real{}), &sgd_objective}, run{momentum(real{}, 0.9), &sgd_objective},
                                       run{nesterov(real{}, 0.9), &sgd_objective}, run{adagrad(0.5), &unit_objective},
                                       run{adam(0.05), &unit_objective}}) {
    INFO("optimiser " << opt.name());
    std::vector<double> p(problem.model.num_params(), 0.0);
    auto state = opt.initial_state(real{}, p.size());
    const double before = problem.loss(p);
    for (int step = 0; step < 300; ++step) training_step<real>(*objective, opt, state, p, problem.xs, problem.ys);
    CHECK(problem.loss(p) < before / 100);
  }
}

TEST_CASE("the tape step computes the lens composite: per-sample changes summed over Z2 are the parity rule", "[lens][fused]") {
  // model ; residual loss ; rate 1 over Z2 is the RDA change R_P[f](x, ŷ ⊕ y); summed over a batch
  // in Z2, then gradient descent, it is the parity rule. The fused step circuit on the bit-sliced
  // tape counts the same adjoints: their parities must agree.
  const auto data = generate_table("majority", 4);
  for (std::uint64_t c = 0; c < 5; ++c) {
    const auto seed = test::case_seed(47300 + c);
    INFO("seed " << seed);
    test::rng g(seed);
    const auto f = make_lut_network(4, 1, {.k = 2, .widths = {3, 2}, .seed = seed}).build();
    step_layout layout;
    const tape t(training_step_circuit(f, cotangent_mode::summed, layout));
    bitvec bits(f.num_params());
    std::vector<z2::element> p(f.num_params());
    for (std::size_t j = 0; j < p.size(); ++j) bits.set(j, (p[j] = g() & 1U) != 0);
    const auto counts = count_ones(t, step_inputs(data), bits);
    std::vector<std::vector<z2::element>> xs, ys;
    for (std::size_t s = 0; s < data.num_samples(); ++s) {
      xs.emplace_back();
      for (std::size_t i = 0; i < 4; ++i) xs.back().push_back(data.inputs.get(i, s) ? 1 : 0);
      ys.push_back({static_cast<z2::element>(data.targets.get(0, s) ? 1 : 0)});
    }
    const z2 r;
    const auto objective = supervised(circuit_lens(f), residual_loss(r, 1), residual_rate(r, r.one(), 1));
    const auto change = batch_change<z2>(objective, p, xs, ys);
    for (std::size_t j = 0; j < p.size(); ++j) CHECK(change[j] == (counts[1 + j] & 1U));
    // And the parity step is gradient descent on that change.
    auto q = p;
    std::vector<z2::element> none;
    training_step<z2>(objective, gradient_descent(r), none, q, xs, ys);
    for (std::size_t j = 0; j < p.size(); ++j) CHECK(q[j] == (p[j] ^ change[j]));
  }
}

TEST_CASE("the lane-tape field trainer computes the lens composite with gd and with momentum", "[lens][fused]") {
  const gf_p f(65537);
  const auto seed = test::case_seed(47400);
  INFO("seed " << seed);
  test::rng g(seed);
  const std::size_t n = 3, m = 2, samples = 9;
  const auto model = linear_model(f, n, m, true);
  lane_batch<gf_p> x(n, std::vector<gf_p::element>(samples)), y(m, std::vector<gf_p::element>(samples));
  std::vector<std::vector<gf_p::element>> xs(samples), ys(samples);
  for (std::size_t s = 0; s < samples; ++s) {
    for (std::size_t i = 0; i < n; ++i) xs[s].push_back(x[i][s] = f.from_integer(g()));
    for (std::size_t k = 0; k < m; ++k) ys[s].push_back(y[k][s] = f.from_integer(g()));
  }
  const auto initial = test::random_row(f, g, model.num_params());
  const std::uint64_t eta = 3, mu = 5;
  const auto objective = supervised(circuit_lens(model), residual_loss(f, m), residual_rate(f, f.from_integer(eta), m));
  for (auto kind : {field_optimizer::gd, field_optimizer::momentum}) {
    const std::uint64_t steps = 3;
    const auto fused = train(model, {x, y}, {.optimizer = kind, .eta = eta, .momentum = mu, .batch = samples, .budget = {.steps = steps}}, nullptr, &initial);
    const auto opt = kind == field_optimizer::gd ? gradient_descent(f) : momentum(f, f.from_integer(mu));
    auto p = initial;
    auto state = opt.initial_state(f, p.size());
    for (std::uint64_t k = 0; k < steps; ++k) training_step<gf_p>(objective, opt, state, p, xs, ys);
    INFO("optimiser " << opt.name());
    CHECK(fused == p);
  }
}

TEST_CASE("the gate relaxation's group softmax is the softmax cross-entropy lens's put at the scaled scores", "[lens][loss]") {
  const auto seed = test::case_seed(48100);
  INFO("seed " << seed);
  test::rng g(seed);
  for (int c = 0; c < 20; ++c) {
    const std::size_t classes = 2 + g() % 9, stride = 1 + g() % 3;
    const auto y = static_cast<std::uint32_t>(g() % classes);
    const float tau = 1.0F + static_cast<float>(g() % 30), batch = static_cast<float>(1 + g() % 64);
    std::vector<float> scores(classes * stride, -1.0F), dscore(classes * stride, 0.0F);
    std::vector<double> z(classes), onehot(classes, 0.0);
    for (std::size_t k = 0; k < classes; ++k) z[k] = (scores[k * stride] = static_cast<float>(g() % 200)) / tau;
    onehot[y] = 1;
    std::size_t predicted = 0;
    const float loss = group_softmax(scores.data(), stride, classes, y, 1 / tau, batch, dscore.data(), predicted);
    const auto lens = softmax_cross_entropy(classes);
    CHECK(loss == Approx(lens.get(onehot, z)[0]).epsilon(1e-4).margin(1e-5));
    const auto put = lens.put(onehot, z, std::vector<double>{1.0});
    // ∂loss/∂score = ∂loss/∂z / τ, divided by the batch for a mean.
    for (std::size_t k = 0; k < classes; ++k) CHECK(dscore[k * stride] == Approx(put.inputs[k] / tau / batch).margin(1e-6));
    CHECK(z[predicted] == *std::max_element(z.begin(), z.end()));
  }
}

TEST_CASE("the flip rule's group hinge: predicted class, strongest rival, margins", "[lens][loss]") {
  // Scores of classes 0…3 with stride 2 (every other entry belongs to another sample).
  const std::vector<std::uint16_t> scores{50, 0, 70, 0, 65, 0, 10, 0};
  const auto won = hinge_of(scores.data(), 2, 0, 4, 1, 8, 16);  // true class 1 leads rival 2 by 5
  CHECK(won.predicted == 1);
  CHECK(won.rival == 2);
  CHECK(won.protect);
  CHECK(won.push);
  const auto safe = hinge_of(scores.data(), 2, 0, 4, 1, 4, 5);  // won by 5: not below either margin
  CHECK_FALSE(safe.protect);
  CHECK_FALSE(safe.push);
  const auto lost = hinge_of(scores.data(), 2, 0, 4, 3, 4, 5);  // class 3 loses to class 1
  CHECK(lost.predicted == 1);
  CHECK(lost.rival == 1);
  CHECK(lost.push);
  const auto second_task = hinge_of(scores.data(), 2, 2, 2, 2, 4, 5);  // groups 2 and 3 only
  CHECK(second_task.predicted == 2);
  CHECK(second_task.rival == 3);
}
