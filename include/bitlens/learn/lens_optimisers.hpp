// Optimiser lenses and the training step they close (para_lens.hpp, lens_losses.hpp).
//
// An optimiser is a lens S × P ⇄ S × P: get exposes the parameters (the state S stays inside), put
// takes a change of the parameters — the put of the composite model ; loss ; rate, summed over a
// batch — and returns the next state and parameters. A training step is that composite:
//
//   params, state ──get──▶ model ; loss ; rate ──put──▶ Σ_s δp_s ──optimiser put──▶ params', state'
//
//   gradient_descent  any ring   p ← p + δ                  (over Z2: RDA's p ⊕ δ, per sample or,
//                                                             with the batch's sum, the parity rule)
//   momentum(μ)       any ring   v ← μ·v + δ,  p ← p + v
//   nesterov(μ)       any ring   v ← μ·v + δ,  p ← p + μ·v + δ
//   adagrad(η)        reals      G ← G + δ²,   p ← p + η·δ / (√G + ε)
//   adam(η, β1, β2)   reals      m ← β1·m + (1 − β1)·δ, v ← β2·v + (1 − β2)·δ², t ← t + 1,
//                                p ← p + η·m̂ / (√v̂ + ε), m̂ = m / (1 − β1^t), v̂ = v / (1 − β2^t)
//
// δ already carries the rate lens's −η: with gradient_descent, momentum and nesterov the rate lens
// holds the step size; adagrad and adam scale by their own η, so pair them with a rate of 1.
// Over GF(p) the field trainer's Kaczmarz rate (η = 1/⟨x, x⟩ per sample) depends on the sample, so
// it is not one of these fixed lenses (field_train.hpp). The vote rule over Z2 counts changes in the
// integers rather than summing them in Z2; it stays in train.hpp.
#pragma once

#include "bitlens/algebra/real.hpp"
#include "bitlens/learn/para_lens.hpp"

#include <cmath>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bitlens {

template <ring R>
class optimiser_lens {
 public:
  using element = element_t<R>;
  /// Updates state and parameters in place from a change of the parameters.
  using update_fn = std::function<void(std::span<element> state, std::span<element> params, std::span<const element> change)>;

  /// Sets the state before the first step (after it is filled with zeros).
  using init_fn = std::function<void(std::span<element> state, std::size_t params)>;

  /// `state_per_param` slots for each parameter (slot k of parameter i at state[k·n + i]) and
  /// `shared_state` slots after them (a step counter, say); the state starts at zero, then `init`.
  optimiser_lens(std::string name, std::size_t state_per_param, std::size_t shared_state, update_fn update, init_fn init = {})
      : name_(std::move(name)), per_(state_per_param), shared_(shared_state), update_(std::move(update)), init_(std::move(init)) {}

  const std::string& name() const noexcept { return name_; }
  /// The state's size for n parameters.
  std::size_t state_size(std::size_t n) const noexcept { return per_ * n + shared_; }
  /// The state before the first step.
  std::vector<element> initial_state(const R& r, std::size_t n) const {
    std::vector<element> s(state_size(n), r.zero());
    if (init_) init_(s, n);
    return s;
  }
  /// get: the parameters; the state is not exposed.
  std::span<const element> get(std::span<const element> /*state*/, std::span<const element> params) const noexcept { return params; }
  /// put: the next state and parameters, in place. Throws std::invalid_argument on a size mismatch.
  void put(std::span<element> state, std::span<element> params, std::span<const element> change) const {
    if (change.size() != params.size() || state.size() != state_size(params.size())) {
      throw std::invalid_argument("optimiser " + name_ + ": " + std::to_string(params.size()) + " parameters need " +
                                  std::to_string(params.size()) + " changes and " + std::to_string(state_size(params.size())) +
                                  " state slots, given " + std::to_string(change.size()) + " and " + std::to_string(state.size()));
    }
    update_(state, params, change);
  }

 private:
  std::string name_;
  std::size_t per_, shared_;
  update_fn update_;
  init_fn init_;
};

/// p ← p + δ.
template <ring R>
optimiser_lens<R> gradient_descent(const R& r) {
  return optimiser_lens<R>("gd", 0, 0, [r](auto, auto p, auto d) {
    for (std::size_t i = 0; i < p.size(); ++i) p[i] = r.add(p[i], d[i]);
  });
}

/// v ← μ·v + δ, p ← p + v.
template <ring R>
optimiser_lens<R> momentum(const R& r, element_t<R> mu) {
  return optimiser_lens<R>("momentum", 1, 0, [r, mu](auto v, auto p, auto d) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      v[i] = r.add(r.mul(mu, v[i]), d[i]);
      p[i] = r.add(p[i], v[i]);
    }
  });
}

/// v ← μ·v + δ, p ← p + μ·v + δ (the step looks ahead along the new velocity).
template <ring R>
optimiser_lens<R> nesterov(const R& r, element_t<R> mu) {
  return optimiser_lens<R>("nesterov", 1, 0, [r, mu](auto v, auto p, auto d) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      v[i] = r.add(r.mul(mu, v[i]), d[i]);
      p[i] = r.add(p[i], r.add(r.mul(mu, v[i]), d[i]));
    }
  });
}

/// G ← G + δ², p ← p + η·δ / (√G + ε).
inline optimiser_lens<real> adagrad(double eta, double eps = 1e-8) {
  return optimiser_lens<real>("adagrad", 1, 0, [eta, eps](auto g, auto p, auto d) {
    for (std::size_t i = 0; i < p.size(); ++i) {
      g[i] += d[i] * d[i];
      p[i] += eta * d[i] / (std::sqrt(g[i]) + eps);
    }
  });
}

/// Adam: first and second moments per parameter, and the step count t (one shared slot).
inline optimiser_lens<real> adam(double eta, double beta1 = 0.9, double beta2 = 0.999, double eps = 1e-8) {
  return optimiser_lens<real>("adam", 2, 1, [eta, beta1, beta2, eps](auto s, auto p, auto d) {
    const std::size_t n = p.size();
    const double t = s[2 * n] += 1;
    const double c1 = 1 - std::pow(beta1, t), c2 = 1 - std::pow(beta2, t);
    for (std::size_t i = 0; i < n; ++i) {
      double& m = s[i];
      double& v = s[n + i];
      m = beta1 * m + (1 - beta1) * d[i];
      v = beta2 * v + (1 - beta2) * d[i] * d[i];
      p[i] += eta * (m / c1) / (std::sqrt(v / c2) + eps);
    }
  });
}

/// The supervised objective model ; loss ; rate as one lens: parameters the model's, then the
/// targets (the loss's parameters); inputs the model's; no outputs.
template <ring R>
para_lens<R> supervised(const para_lens<R>& model, const para_lens<R>& loss, const para_lens<R>& rate) {
  return then(then(model, loss), rate);
}

/// The changes of the model's parameters for a batch: objective.put([params, y_s], x_s) for every
/// sample, summed in the ring. `objective` is supervised(model, loss, rate).
template <ring R>
std::vector<element_t<R>> batch_change(const para_lens<R>& objective, std::span<const element_t<R>> params,
                                       std::span<const std::vector<element_t<R>>> xs, std::span<const std::vector<element_t<R>>> ys) {
  const R& r = objective.ring();
  if (xs.size() != ys.size()) throw std::invalid_argument("batch_change: one target row per sample");
  std::vector<element_t<R>> total(params.size(), r.zero()), py(params.begin(), params.end());
  for (std::size_t s = 0; s < xs.size(); ++s) {
    py.resize(params.size());
    py.insert(py.end(), ys[s].begin(), ys[s].end());
    const auto c = objective.put(py, xs[s], {});
    for (std::size_t i = 0; i < total.size(); ++i) total[i] = r.add(total[i], c.params[i]);
  }
  return total;
}

/// One training step: the batch's summed change, then the optimiser's put on state and params.
template <ring R>
void training_step(const para_lens<R>& objective, const optimiser_lens<R>& opt, std::span<element_t<R>> state,
                   std::span<element_t<R>> params, std::span<const std::vector<element_t<R>>> xs,
                   std::span<const std::vector<element_t<R>>> ys) {
  const auto change = batch_change(objective, std::span<const element_t<R>>(params.data(), params.size()), xs, ys);
  opt.put(state, params, change);
}

}  // namespace bitlens
