// Loss and learning-rate lenses: the two ends of a training composite model ; loss ; rate
// (para_lens.hpp). A loss lens (Y, B) → L takes the targets y as its parameters and the model's
// outputs ŷ as its inputs; a learning-rate lens L → 1 closes the composite: its put turns the loss
// into the first change that travels back. Then the composite's put gives every model parameter its
// change for one sample.
//
//   residual_loss        any ring    get = ŷ − y (one element per output)   put: δŷ = δl, δy = −δl
//   squared_error_loss   reals       get = ½ Σ (ŷ − y)²                      put: δŷ = δl·(ŷ − y)
//   softmax_cross_entropy reals      get = −Σ y·log softmax(ŷ)               put: δŷ = δl·(softmax(ŷ) − y)
//   learning_rate(η)     any ring    put: δl = −η (for a scalar loss, as in the paper)
//   residual_rate(η)     any ring    put: δl = −η·l (the residual as the change: RDA's rule; over Z2,
//                                    η = 1, it is the error itself)
// residual_loss ; residual_rate(η) and squared_error_loss ; learning_rate(η) send the same change
// back (−η·(ŷ − y)) — the first works in every ring, the second needs ½ and is the textbook form.
#pragma once

#include "bitlens/algebra/real.hpp"
#include "bitlens/learn/para_lens.hpp"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bitlens {

/// ŷ − y over any ring: m outputs, the targets as the m parameters.
template <ring R>
para_lens<R> residual_loss(const R& r, std::size_t m) {
  using L = para_lens<R>;
  return L(
      r, m, m, m,
      [r](typename L::view y, typename L::view yhat) {
        typename L::values out(yhat.size());
        for (std::size_t k = 0; k < out.size(); ++k) out[k] = r.sub(yhat[k], y[k]);
        return out;
      },
      [r](typename L::view, typename L::view, typename L::view dl) {
        typename L::changes c;
        c.inputs.assign(dl.begin(), dl.end());
        for (auto d : dl) c.params.push_back(r.neg(d));
        return c;
      });
}

/// ½ Σ_k (ŷ_k − y_k)² over the reals: one output.
inline para_lens<real> squared_error_loss(std::size_t m) {
  using L = para_lens<real>;
  return L(
      real{}, m, m, 1,
      [](L::view y, L::view yhat) {
        double s = 0;
        for (std::size_t k = 0; k < yhat.size(); ++k) s += 0.5 * (yhat[k] - y[k]) * (yhat[k] - y[k]);
        return L::values{s};
      },
      [](L::view y, L::view yhat, L::view dl) {
        L::changes c;
        for (std::size_t k = 0; k < yhat.size(); ++k) {
          c.inputs.push_back(dl[0] * (yhat[k] - y[k]));
          c.params.push_back(-dl[0] * (yhat[k] - y[k]));
        }
        return c;
      });
}

/// softmax(z)_k = e^{z_k} / Σ_j e^{z_j}, computed stably (the largest z subtracted first).
inline std::vector<double> softmax(std::span<const double> z) {
  std::vector<double> e(z.size());
  if (z.empty()) return e;
  const double top = *std::max_element(z.begin(), z.end());
  double sum = 0;
  for (std::size_t k = 0; k < z.size(); ++k) sum += e[k] = std::exp(z[k] - top);
  for (auto& v : e) v /= sum;
  return e;
}

/// −Σ_k y_k · log softmax(z)_k over the reals (y a distribution over the m classes, one-hot for a
/// label): one output. Its put is the familiar δz = δl·(softmax(z) − y) when Σ y = 1.
inline para_lens<real> softmax_cross_entropy(std::size_t m) {
  using L = para_lens<real>;
  auto log_softmax = [](L::view z) {
    const double top = *std::max_element(z.begin(), z.end());
    double sum = 0;
    for (auto v : z) sum += std::exp(v - top);
    L::values out(z.size());
    for (std::size_t k = 0; k < z.size(); ++k) out[k] = z[k] - top - std::log(sum);
    return out;
  };
  return L(
      real{}, m, m, 1,
      [log_softmax](L::view y, L::view z) {
        const auto ls = log_softmax(z);
        double s = 0;
        for (std::size_t k = 0; k < z.size(); ++k) s -= y[k] * ls[k];
        return L::values{s};
      },
      [log_softmax](L::view y, L::view z, L::view dl) {
        const auto ls = log_softmax(z);
        double mass = 0;
        for (auto v : y) mass += v;
        L::changes c;
        for (std::size_t k = 0; k < z.size(); ++k) {
          c.inputs.push_back(dl[0] * (mass * std::exp(ls[k]) - y[k]));
          c.params.push_back(-dl[0] * ls[k]);
        }
        return c;
      });
}

/// The learning-rate lens of the paper: n loss components → nothing; put sends −η back for each.
template <ring R>
para_lens<R> learning_rate(const R& r, element_t<R> eta, std::size_t n = 1) {
  using L = para_lens<R>;
  return L(
      r, 0, n, 0, [](typename L::view, typename L::view) { return typename L::values{}; },
      [r, eta, n](typename L::view, typename L::view, typename L::view) {
        return typename L::changes{{}, typename L::values(n, r.neg(eta))};
      });
}

/// The rate for residual losses: put sends −η·l back (l the residual), so the model's output change
/// is −η·(ŷ − y). Over Z2 with η = 1 it is the error ŷ ⊕ y, the RDA paper's change.
template <ring R>
para_lens<R> residual_rate(const R& r, element_t<R> eta, std::size_t n) {
  using L = para_lens<R>;
  return L(
      r, 0, n, 0, [](typename L::view, typename L::view) { return typename L::values{}; },
      [r, eta](typename L::view, typename L::view l, typename L::view) {
        typename L::changes c;
        for (auto v : l) c.inputs.push_back(r.neg(r.mul(eta, v)));
        return c;
      });
}

}  // namespace bitlens
