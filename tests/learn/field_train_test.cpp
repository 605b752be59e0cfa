// Learning over fields: the step circuit's adjoints are the residual times the model's Jacobian,
// Kaczmarz steps make a sample exact, and small hidden maps are recovered for fixed seeds.
#include "bitlens/learn/field_train.hpp"
#include "bitlens/models/field_models.hpp"
#include "support/oracles.hpp"
#include "support/random_circuit.hpp"

#include <catch2/catch.hpp>

using namespace bitlens;
using namespace bitlens::test;

namespace {

template <ring R>
std::pair<lane_batch<R>, lane_batch<R>> data_of(const circuit<R>& hidden, const std::vector<element_t<R>>& p, std::size_t rows, rng& g) {
  const R& r = hidden.ring();
  lane_batch<R> x(hidden.num_inputs(), std::vector<element_t<R>>(rows)), y(hidden.num_outputs(), std::vector<element_t<R>>(rows));
  for (std::size_t s = 0; s < rows; ++s) {
    vec<R> xs;
    for (std::size_t i = 0; i < x.size(); ++i) x[i][s] = r.from_integer(g()), xs.push_back(x[i][s]);
    const auto ys = eval(hidden, xs, p);
    for (std::size_t o = 0; o < y.size(); ++o) y[o][s] = ys[o];
  }
  return {x, y};
}

}  // namespace

TEST_CASE("a Kaczmarz step makes the sample exact for a linear model", "[field_train]") {
  const gf_p r(65537);
  rng g(case_seed(70000));
  const auto model = linear_model(r, 6, 1);
  std::vector<std::uint64_t> hidden(6);
  for (auto& v : hidden) v = r.from_integer(g());
  auto [x, y] = data_of(model, hidden, 1, g);
  field_train_stats st;
  train(model, {x, y}, {.rate = field_rate::normalized, .budget = {.steps = 1}, .seed = 3}, &st);
  CHECK(st.steps == 1);
  CHECK(st.exact_rows == 1);
}

TEST_CASE("the step circuit's adjoints are residual times Jacobian (linear model)", "[field_train]") {
  const gf_p r(101);
  const auto model = linear_model(r, 3, 2);
  const auto step = field_step_circuit(model);
  rng g(case_seed(70100));
  const auto x = random_elements(r, 3, g), y = random_elements(r, 2, g), w = random_elements(r, 6, g);
  const auto out = eval(step, concat<gf_p>(x, y), w);
  const auto pred = eval(model, x, w);
  for (std::size_t o = 0; o < 2; ++o) {
    const auto res = r.sub(pred[o], y[o]);
    CHECK(out[o] == res);
    for (std::size_t i = 0; i < 3; ++i) CHECK(out[2 + o * 3 + i] == r.mul(res, x[i]));  // ∂/∂w_oi = x_i
  }
}

TEST_CASE("per-sample gradient descent recovers a tiny hidden linear map over GF(3)", "[field_train]") {
  // A 2 → 1 map over GF(3): per-sample steps with η = 1 wander until they hit the solution.
  const gf_p r(3);
  rng g(case_seed(70200));
  const auto model = linear_model(r, 2, 1);
  auto [x, y] = data_of(model, {1, 2}, 12, g);
  field_train_stats st;
  std::vector<train_event> events;
  train(model, {x, y}, {.budget = {.steps = 20000}, .seed = 5, .on_event = [&](const train_event& e) {
                          events.push_back(e);
                          return true;
                        }},
        &st);
  CHECK(st.exact);
  // A progress event per epoch, then done; each counts the rows not yet exact.
  REQUIRE(events.size() == st.epochs + 1);
  CHECK(events.back().kind == train_event_kind::done);
  CHECK(events.back().errors == 0);
  CHECK(events.front().checked == st.rows);
}

TEST_CASE("momentum and batches run and report consistent statistics", "[field_train]") {
  const gf_pk r(3, 2);
  rng g(case_seed(70300));
  const auto model = polynomial_model(r, 2, 1, 2);
  CHECK(model.num_params() == 6);  // 1, x0, x1, x0², x0 x1, x1²
  std::vector<std::uint64_t> hidden(6);
  for (auto& v : hidden) v = r.from_integer(g());
  auto [x, y] = data_of(model, hidden, 40, g);
  field_train_stats st;
  train(model, {x, y}, {.optimizer = field_optimizer::momentum, .batch = 8, .budget = {.steps = 50}, .seed = 2}, &st);
  CHECK(st.steps <= 55);
  CHECK(st.rows == 40);
  CHECK(st.exact == (st.exact_rows == 40));
  const lane_batch<gf_pk> none;
  CHECK_THROWS_AS(train(model, {none, y}, {}), std::invalid_argument);
  // A callback's false ends the run after that epoch.
  train(model, {x, y}, {.batch = 8, .budget = {.steps = 5000}, .on_event = [](const train_event&) { return false; }}, &st);
  CHECK(st.epochs == 1);
}

TEST_CASE("monomials enumerate each monomial once", "[field_models]") {
  CHECK(monomials(3, 2).size() == 10);  // C(3 + 2, 2)
  CHECK(monomials(4, 3).size() == 35);
  CHECK(monomials(2, 0).size() == 1);
}
