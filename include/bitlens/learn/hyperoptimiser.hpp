// Hyperoptimisers, after "Gradient Descent: The Ultimate Optimizer" (Chandra, Xie, Ragan-Kelley,
// Meijer): an update rule's hyperparameters — the step size, Adam's β's — learned by gradient
// descent through the rule itself, and their learner hyperoptimised in turn, to any height.
//
// An update rule is a parametric lens U: (H, S^k × P × Δ) → S^k × P applied to every parameter
// coordinate, (s_i, p_i, δ_i) ↦ (s'_i, p'_i), whose parameters are the hyperparameters h. After a
// step p' = U(h; s, p, δ) the next step's change δ' arrives (the composite's put at p': −∇L(p')
// when the rate is 1), and U's put at the previous inputs with output change (0, δ') gives h its
// change: Σ_i U.put(h, (s_i, p_i, δ_i), (0, …, 0, δ'_i)).params = −∂L(p')/∂h. As in the paper, the
// dependence of s and p on h through earlier steps is cut. An optimiser lens over h applies that
// change before the step uses h — a plain one, or a hyperoptimised one.
//
//   sgd_rule          any ring   h = (α):          p' = p + α·δ
//   momentum_rule     any ring   h = (α, μ):       v' = μ·v + δ, p' = p + α·v'
//   adam_rule         reals      h = (α, β1, β2):  Adam (lens_optimisers.hpp), its put by hand
//   rule_optimiser(U, h)          U with fixed h, as an optimiser lens
//   hyperoptimised(U, h0, above)  U with h learned by `above`, an optimiser lens over |h| values
//
// Over GF(p) the rules and the hypergradient are exact field arithmetic (a step size in the field
// has no size, but the construction — U's put giving h its change — is the same); the study of
// bench/hyperopt_study.cpp is over the reals.
#pragma once

#include "bitlens/algebra/real.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/learn/lens_optimisers.hpp"
#include "bitlens/learn/para_lens.hpp"

#include <cmath>
#include <string>
#include <utility>
#include <vector>

namespace bitlens {

template <ring R>
struct update_rule {
  std::string name;
  /// Parameters: the hyperparameters. Inputs: the state slots, then p, then δ. Outputs: the new
  /// state slots, then p'.
  para_lens<R> lens;
  std::size_t state_slots = 0;
};

/// p' = p + α·δ, as a circuit (so its put is R[U]).
template <ring R>
update_rule<R> sgd_rule(const R& r) {
  circuit_builder<R> b(r);
  const wire p = b.input("p"), d = b.input("d"), alpha = b.param("alpha");
  b.output(b.add(p, b.mul(alpha, d)), "p_next");
  return {"sgd", circuit_lens(b.build()), 0};
}

/// v' = μ·v + δ, p' = p + α·v', as a circuit.
template <ring R>
update_rule<R> momentum_rule(const R& r) {
  circuit_builder<R> b(r);
  const wire v = b.input("v"), p = b.input("p"), d = b.input("d");
  const wire alpha = b.param("alpha"), mu = b.param("mu");
  const wire v_next = b.add(b.mul(mu, v), d);
  b.output(v_next, "v_next");
  b.output(b.add(p, b.mul(alpha, v_next)), "p_next");
  return {"momentum", circuit_lens(b.build()), 1};
}

/// Adam over the reals with h = (α, β1, β2); state slots m, v, t. Not a polynomial (square root,
/// division, β^t), so get and put are written out; put's change for t is 0 (a step counter).
inline update_rule<real> adam_rule(double eps = 1e-8) {
  using L = para_lens<real>;
  struct forward {
    double m1, v1, t1, c1, c2, mhat, vhat, root, denom, p1;
  };
  auto run = [eps](L::view h, L::view in) {
    const double alpha = h[0], b1 = h[1], b2 = h[2], m = in[0], v = in[1], t = in[2], p = in[3], d = in[4];
    forward f{};
    f.m1 = b1 * m + (1 - b1) * d;
    f.v1 = b2 * v + (1 - b2) * d * d;
    f.t1 = t + 1;
    f.c1 = 1 - std::pow(b1, f.t1);
    f.c2 = 1 - std::pow(b2, f.t1);
    f.mhat = f.m1 / f.c1;
    f.vhat = f.v1 / f.c2;
    f.root = std::sqrt(f.vhat);
    f.denom = f.root + eps;
    f.p1 = p + alpha * f.mhat / f.denom;
    return f;
  };
  L lens(
      real{}, 3, 5, 4,
      [run](L::view h, L::view in) {
        const auto f = run(h, in);
        return L::values{f.m1, f.v1, f.t1, f.p1};
      },
      [run](L::view h, L::view in, L::view out) {
        const double alpha = h[0], b1 = h[1], b2 = h[2], m = in[0], v = in[1], d = in[4];
        const auto f = run(h, in);
        const double gp = out[3];
        const double g_mhat = gp * alpha / f.denom;
        // ∂p'/∂v̂ = −α·m̂ / (denom² · 2√v̂); v̂ = 0 only where m̂ = 0 too, so the term is 0 there.
        const double g_vhat = f.root > 0 ? -gp * alpha * f.mhat / (f.denom * f.denom * 2 * f.root) : 0.0;
        const double g_m1 = out[0] + g_mhat / f.c1, g_v1 = out[1] + g_vhat / f.c2;
        // m̂ = m'/c1 with c1 = 1 − β1^t': ∂m̂/∂β1 through c1 = m'·t'·β1^(t'−1) / c1².
        const double dc1 = f.t1 * std::pow(b1, f.t1 - 1) / (f.c1 * f.c1), dc2 = f.t1 * std::pow(b2, f.t1 - 1) / (f.c2 * f.c2);
        L::changes c;
        c.params = {gp * f.mhat / f.denom, g_m1 * (m - d) + g_mhat * f.m1 * dc1, g_v1 * (v - d * d) + g_vhat * f.v1 * dc2};
        c.inputs = {g_m1 * b1, g_v1 * b2, 0.0, gp, g_m1 * (1 - b1) + g_v1 * 2 * (1 - b2) * d};
        return c;
      });
  return {"adam", std::move(lens), 3};
}

namespace detail {

// A hyperoptimised lens's state slots per model parameter: the rule's own, then the previous
// step's inputs (the rule's slots, p and δ). The shared part (h, the flag, `above`'s state)
// follows those of all n parameters.
template <ring R>
std::size_t hyper_slots_per_param(const update_rule<R>& rule) {
  return 2 * rule.state_slots + 2;
}

// One coordinate's rule inputs (s_0 … s_{k−1}, p, δ) from slot-major state.
template <class E>
std::vector<E> rule_inputs(std::span<const E> slots, std::size_t k, std::size_t n, std::size_t i, E p, E d) {
  std::vector<E> in;
  for (std::size_t j = 0; j < k; ++j) in.push_back(slots[j * n + i]);
  in.push_back(p);
  in.push_back(d);
  return in;
}

}  // namespace detail

/// The rule with fixed hyperparameters h, as an optimiser lens (state: the rule's slots).
template <ring R>
optimiser_lens<R> rule_optimiser(const update_rule<R>& rule, std::vector<element_t<R>> h) {
  if (h.size() != rule.lens.num_params()) throw std::invalid_argument("rule_optimiser: the " + rule.name + " rule has " + std::to_string(rule.lens.num_params()) + " hyperparameters");
  const std::size_t k = rule.state_slots;
  return optimiser_lens<R>(rule.name, k, 0, [rule, h, k](auto state, auto p, auto d) {
    const std::size_t n = p.size();
    for (std::size_t i = 0; i < n; ++i) {
      const auto in = detail::rule_inputs<element_t<R>>(state, k, n, i, p[i], d[i]);
      const auto out = rule.lens.get(h, in);
      for (std::size_t j = 0; j < k; ++j) state[j * n + i] = out[j];
      p[i] = out[k];
    }
  });
}

/// The rule with hyperparameters learned by `above` from h0: before each step after the first,
/// `above` takes the hypergradient change (see the file comment) and updates h; then the rule runs
/// with the new h. State per parameter: the rule's slots and the previous step's inputs; shared: h,
/// a flag (a previous step exists) and `above`'s own state.
template <ring R>
optimiser_lens<R> hyperoptimised(const update_rule<R>& rule, std::vector<element_t<R>> h0, const optimiser_lens<R>& above) {
  using E = element_t<R>;
  const std::size_t H = rule.lens.num_params(), k = rule.state_slots;
  if (h0.size() != H) throw std::invalid_argument("hyperoptimised: the " + rule.name + " rule has " + std::to_string(H) + " hyperparameters");
  const std::size_t per = detail::hyper_slots_per_param(rule), shared = H + 1 + above.state_size(H);
  const R r = rule.lens.ring();
  auto update = [rule, above, r, H, k, per](std::span<E> state, std::span<E> p, std::span<const E> d) {
    const std::size_t n = p.size();
    const auto slots = state.first(k * n), prev = state.subspan(k * n, (k + 2) * n), rest = state.subspan(per * n);
    const auto h = rest.first(H);
    E& flag = rest[H];
    const auto above_state = rest.subspan(H + 1);
    if (flag != r.zero()) {
      std::vector<E> hchange(H, r.zero()), out_change(k + 1, r.zero());
      for (std::size_t i = 0; i < n; ++i) {
        std::vector<E> in;
        for (std::size_t j = 0; j < k + 2; ++j) in.push_back(prev[j * n + i]);
        out_change[k] = d[i];
        const auto c = rule.lens.put(std::span<const E>(h.data(), H), in, out_change);
        for (std::size_t j = 0; j < H; ++j) hchange[j] = r.add(hchange[j], c.params[j]);
      }
      above.put(above_state, h, hchange);
    }
    for (std::size_t i = 0; i < n; ++i) {
      const auto in = detail::rule_inputs<E>(slots, k, n, i, p[i], d[i]);
      for (std::size_t j = 0; j < k + 2; ++j) prev[j * n + i] = in[j];
      const auto out = rule.lens.get(std::span<const E>(h.data(), H), in);
      for (std::size_t j = 0; j < k; ++j) slots[j * n + i] = out[j];
      p[i] = out[k];
    }
    flag = r.one();
  };
  auto init = [h0, above, r, H, per](std::span<E> state, std::size_t n) {
    const auto rest = state.subspan(per * n);
    std::copy(h0.begin(), h0.end(), rest.begin());
    const auto s = above.initial_state(r, H);
    std::copy(s.begin(), s.end(), rest.begin() + static_cast<std::ptrdiff_t>(H + 1));
  };
  return optimiser_lens<R>("hyper-" + rule.name + " / " + above.name(), per, shared, update, init);
}

/// The hyperparameters h of a hyperoptimised lens's state, for n model parameters (to watch them learn).
template <ring R>
std::vector<element_t<R>> hyperparameters(const update_rule<R>& rule, std::span<const element_t<R>> state, std::size_t n) {
  const std::size_t per = detail::hyper_slots_per_param(rule), H = rule.lens.num_params();
  return {state.begin() + static_cast<std::ptrdiff_t>(per * n), state.begin() + static_cast<std::ptrdiff_t>(per * n + H)};
}

}  // namespace bitlens
