// A small least-squares problem over the reals for the optimiser tests: a linear model with bias
// (3 inputs, 2 outputs) as a circuit lens, 20 random inputs and the targets of a random true
// parameter vector, so that the loss can reach 0.
#pragma once

#include "bitlens/algebra/real.hpp"
#include "bitlens/learn/para_lens.hpp"
#include "bitlens/models/field_models.hpp"
#include "support/random_problems.hpp"

#include <vector>

namespace bitlens::test {

struct least_squares {
  static constexpr std::size_t n = 3, m = 2;
  para_lens<real> model = circuit_lens(linear_model(real{}, n, m, true));
  std::vector<std::vector<double>> xs, ys;

  explicit least_squares(rng& g) {
    const auto truth = random_row(real{}, g, model.num_params());
    for (int s = 0; s < 20; ++s) {
      xs.push_back(random_row(real{}, g, n));
      ys.push_back(model.get(truth, xs.back()));
    }
  }
  /// ½ Σ_s |f(p, x_s) − y_s|².
  double loss(const std::vector<double>& p) const {
    double l = 0;
    for (std::size_t s = 0; s < xs.size(); ++s) {
      const auto y = model.get(p, xs[s]);
      for (std::size_t k = 0; k < m; ++k) l += 0.5 * (y[k] - ys[s][k]) * (y[k] - ys[s][k]);
    }
    return l;
  }
};

}  // namespace bitlens::test
