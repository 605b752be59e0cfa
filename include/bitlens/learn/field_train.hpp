// Learning over a finite field with parametric lenses:
//   model lens          P × A → B     get = f, put = R[f]
//   loss lens           B × B → B     get = ŷ − y (the residual), put: the residual as cotangent
//   learning-rate lens  constant η (δ ↦ η·δ), or normalised η = 1/⟨x, x⟩ per sample — a Kaczmarz
//                       step: for a linear model it makes the sample's prediction exact
//   optimizer lens      gd: p ← p − δ;   momentum: v ← μ·v + δ, p ← p − v   (state v)
// A step evaluates the composite (residual and R_P[f](x, residual) for every sample of a batch) on
// the lane-parallel tape and sums the per-sample parameter changes in the field.
#pragma once

#include "bitlens/eval/lane_tape.hpp"
#include "bitlens/eval/thread_team.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/learn/training.hpp"
#include "bitlens/transform/reverse_derivative.hpp"

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <numeric>
#include <optional>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

namespace bitlens {

enum class field_optimizer : std::uint8_t { gd, momentum };
enum class field_rate : std::uint8_t { constant, normalized };

struct field_train_params {
  field_optimizer optimizer = field_optimizer::gd;
  field_rate rate = field_rate::constant;
  std::uint64_t eta = 1;        // the constant learning rate, as an integer mapped into the field
  std::uint64_t momentum = 1;   // μ for the momentum optimizer
  std::size_t batch = 1;        // samples per step (1 = per-sample updates, as in RDA)
  /// Training also ends when every row is exact. The finite default lets an unlearnable target return.
  train_budget budget = {.seconds = 10};
  std::uint64_t seed = 1;
  unsigned threads = 1;
  /// A progress event after each epoch (errors: the rows not exact), done at the end; false ends the run.
  train_callback on_event = {};
};

struct field_train_stats {
  std::uint64_t steps = 0;
  std::uint64_t epochs = 0;
  double seconds = 0;
  std::size_t rows = 0;
  std::size_t exact_rows = 0;  // rows whose every output is predicted exactly
  bool exact = false;
};

/// Rows of field data as the trainer reads them (a view: the data must outlive the call).
template <ring R>
struct field_samples {
  const lane_batch<R>& x;  // one lane array per model input
  const lane_batch<R>& y;  // one per model output, all of one length
};

/// model ; loss (; learning rate applied outside): inputs x, then y; the model's parameters;
/// outputs the residuals ŷ − y (m), then R_P[f](x, residual) (one per parameter).
template <ring R>
circuit<R> field_step_circuit(const circuit<R>& model) {
  circuit_builder<R> b(model.ring());
  const auto x = b.inputs(model.num_inputs(), "x");
  const auto y = b.inputs(model.num_outputs(), "y");
  const auto p = b.params(model.num_params(), "p");
  const auto forward = append_forward(b, model, x, p);
  std::vector<std::optional<wire>> residual;
  for (std::size_t o = 0; o < model.num_outputs(); ++o) residual.emplace_back(b.sub(forward[model.output(o)], y[o]));
  for (const auto& r : residual) b.output(*r);
  const auto adj = append_reverse_sweep(b, model, forward, residual);
  for (std::size_t j = 0; j < model.num_params(); ++j) {
    const auto& d = adj[model.num_inputs() + j];
    b.output(d ? *d : b.zero());
  }
  return b.build(build_params{.prune = true});
}

/// Trains `model` to map the input lanes data.x to the target lanes data.y from `initial`
/// parameters (random from p.seed when null), until every row is exact, p.budget is spent or
/// p.on_event says stop. Returns the parameters; fills `stats` when not null. Throws
/// std::invalid_argument when the shapes do not match.
template <ring R>
std::vector<element_t<R>> train(const circuit<R>& model, const std::type_identity_t<field_samples<R>>& data, const field_train_params& tp,
                                field_train_stats* stats = nullptr, const std::vector<element_t<R>>* initial = nullptr) {
  using element = element_t<R>;
  const R& r = model.ring();
  const lane_batch<R>& x = data.x;
  const lane_batch<R>& y = data.y;
  if (x.size() != model.num_inputs() || y.size() != model.num_outputs()) {
    throw std::invalid_argument("field training: the data has " + std::to_string(x.size()) + " inputs and " +
                                std::to_string(y.size()) + " outputs, the model " + std::to_string(model.num_inputs()) +
                                " and " + std::to_string(model.num_outputs()));
  }
  const std::size_t rows = x.empty() ? 0 : x[0].size();
  const std::size_t m = model.num_outputs(), np = model.num_params();
  std::mt19937_64 rng(tp.seed);
  std::vector<element> p;
  field_train_stats st;
  if (initial != nullptr) {
    if (initial->size() != np) throw std::invalid_argument("field training: wrong number of initial parameters");
    p = *initial;
  } else {
    p.resize(np);
    for (auto& v : p) v = r.from_integer(rng());
  }
  const lane_tape<R> step(field_step_circuit(model));
  thread_team team(tp.threads != 0 ? tp.threads : std::max(1U, std::thread::hardware_concurrency()));  // for every run below
  const element eta = r.from_integer(tp.eta), mu = r.from_integer(tp.momentum);
  std::vector<element> velocity(np, r.zero());
  const std::size_t batch = std::max<std::size_t>(1, std::min(tp.batch, std::max<std::size_t>(rows, 1)));
  std::vector<std::size_t> order(rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  const auto start = std::chrono::steady_clock::now();
  auto seconds = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  bool stopped = false;       // by on_event
  std::uint64_t samples = 0;  // rows trained on so far
  auto epochs = [&] { return rows == 0 ? 0.0 : static_cast<double>(samples) / static_cast<double>(rows); };
  auto out_of_budget = [&] { return stopped || tp.budget.spent(st.steps, epochs(), seconds()); };
  auto emit = [&](train_event_kind kind) {
    if (!tp.on_event) return;
    train_event e;
    e.kind = kind;
    e.steps = st.steps;
    e.epochs = epochs();
    e.samples = samples;
    e.seconds = seconds();
    e.errors = rows - st.exact_rows;
    e.checked = rows;
    if (!tp.on_event(e)) stopped = true;
  };
  // Exact rows of the whole data set: residual outputs of the step circuit.
  auto exact_rows = [&] {
    lane_batch<R> in(x);
    in.insert(in.end(), y.begin(), y.end());
    const auto out = evaluate_lanes(step, in, std::span<const element>(p), {.threads = tp.threads, .team = &team});
    std::size_t ok = 0;
    for (std::size_t s = 0; s < rows; ++s) {
      bool all = true;
      for (std::size_t o = 0; o < m && all; ++o) all = out[o][s] == r.zero();
      ok += all ? 1 : 0;
    }
    return ok;
  };
  st.rows = rows;
  st.exact_rows = exact_rows();
  lane_batch<R> in(x.size() + y.size(), std::vector<element>(batch));
  while (st.exact_rows < rows && !out_of_budget() && rows > 0) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t first = 0; first < rows && !out_of_budget(); first += batch) {
      const std::size_t len = std::min(batch, rows - first);
      for (auto& lane : in) lane.resize(len);
      for (std::size_t s = 0; s < len; ++s) {
        for (std::size_t i = 0; i < x.size(); ++i) in[i][s] = x[i][order[first + s]];
        for (std::size_t o = 0; o < m; ++o) in[x.size() + o][s] = y[o][order[first + s]];
      }
      const auto out = evaluate_lanes(step, in, std::span<const element>(p), {.threads = tp.threads, .team = &team});
      // learning-rate lens: η, or 1/⟨x_s, x_s⟩ per sample (samples with ⟨x, x⟩ = 0 are skipped)
      std::vector<element> scale(len, eta);
      if (tp.rate == field_rate::normalized) {
        for (std::size_t s = 0; s < len; ++s) {
          element norm = r.zero();
          for (std::size_t i = 0; i < x.size(); ++i) norm = r.add(norm, r.mul(in[i][s], in[i][s]));
          scale[s] = norm == r.zero() ? r.zero() : r.inv(norm);
        }
      }
      for (std::size_t j = 0; j < np; ++j) {
        element g = r.zero();
        for (std::size_t s = 0; s < len; ++s) g = r.add(g, r.mul(scale[s], out[m + j][s]));
        if (tp.optimizer == field_optimizer::momentum) {
          velocity[j] = r.add(r.mul(mu, velocity[j]), g);
          g = velocity[j];
        }
        p[j] = r.sub(p[j], g);
      }
      ++st.steps;
      samples += len;
    }
    ++st.epochs;
    st.exact_rows = exact_rows();
    emit(train_event_kind::progress);
  }
  st.seconds = seconds();
  st.exact = st.exact_rows == rows;
  emit(train_event_kind::done);
  if (stats != nullptr) *stats = st;
  return p;
}


}  // namespace bitlens
