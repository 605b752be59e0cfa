// Naturality of the optimiser lenses (learn/lens_optimisers.hpp): an optimiser is natural for an
// invertible change of parameters p = φ(q) when training the reparameterised model
// (reparameterise(model, φ)) from q0 = φ⁻¹(p0) and mapping the result through φ gives what
// training the model itself from p0 gives. For linear φ = A, the change a step receives is Aᵀδ in
// q, so gradient descent, momentum and Nesterov (linear in δ) are natural exactly when A·Aᵀ = I,
// and the per-coordinate optimisers (AdaGrad, Adam) only when A permutes coordinates (signs
// aside). Each cell of the README's table is asserted here — natural, or shown not to be on a
// random instance — over the reals and over Z2.
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/ir/compose.hpp"
#include "bitlens/learn/lens_losses.hpp"
#include "bitlens/learn/lens_optimisers.hpp"
#include "bitlens/models/field_models.hpp"
#include "bitlens/models/lut_network.hpp"
#include "support/random_problems.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <numeric>
#include <vector>

using namespace bitlens;

namespace {

template <ring R>
using matrix = std::vector<std::vector<element_t<R>>>;

// The lens of p = A q (no parameters; its put is Aᵀ), as a circuit with A's entries as constants.
template <ring R>
para_lens<R> linear_change(const R& r, const matrix<R>& a) {
  circuit_builder<R> b(r, builder_params{.simplify = false});
  const auto q = b.inputs(a.size());
  for (const auto& row : a) {
    wire sum = b.zero();
    for (std::size_t j = 0; j < row.size(); ++j) sum = b.add(sum, b.mul(b.constant(row[j]), q[j]));
    b.output(sum);
  }
  return circuit_lens(b.build());
}

template <ring R>
std::vector<element_t<R>> apply(const R& r, const matrix<R>& a, const std::vector<element_t<R>>& q) {
  std::vector<element_t<R>> p(a.size(), r.zero());
  for (std::size_t i = 0; i < a.size(); ++i) {
    for (std::size_t j = 0; j < q.size(); ++j) p[i] = r.add(p[i], r.mul(a[i][j], q[j]));
  }
  return p;
}

// The inverse of an invertible matrix by Gauss–Jordan elimination; empty when singular.
template <ring R>
matrix<R> inverse(const R& r, matrix<R> a, element_t<R> (*inv)(const R&, element_t<R>)) {
  const std::size_t n = a.size();
  matrix<R> out(n, std::vector<element_t<R>>(n, r.zero()));
  for (std::size_t i = 0; i < n; ++i) out[i][i] = r.one();
  for (std::size_t c = 0; c < n; ++c) {
    std::size_t pivot = c;
    while (pivot < n && a[pivot][c] == r.zero()) ++pivot;
    if (pivot == n) return {};
    std::swap(a[c], a[pivot]);
    std::swap(out[c], out[pivot]);
    const auto s = inv(r, a[c][c]);
    for (std::size_t j = 0; j < n; ++j) a[c][j] = r.mul(s, a[c][j]), out[c][j] = r.mul(s, out[c][j]);
    for (std::size_t i = 0; i < n; ++i) {
      if (i == c || a[i][c] == r.zero()) continue;
      const auto f = a[i][c];
      for (std::size_t j = 0; j < n; ++j) a[i][j] = r.sub(a[i][j], r.mul(f, a[c][j])), out[i][j] = r.sub(out[i][j], r.mul(f, out[c][j]));
    }
  }
  return out;
}

double real_inv(const real&, double x) { return 1 / x; }
z2::element z2_inv(const z2&, z2::element x) { return x; }

// Trains `steps` full-batch steps from p0 directly and through φ = a; returns whether φ(q_k) = p_k.
template <ring R>
bool commutes(const para_lens<R>& model, const para_lens<R>& loss, const para_lens<R>& rate, const optimiser_lens<R>& opt,
              const matrix<R>& a, const matrix<R>& a_inv, const std::vector<element_t<R>>& p0,
              const std::vector<std::vector<element_t<R>>>& xs, const std::vector<std::vector<element_t<R>>>& ys) {
  const R& r = model.ring();
  const auto direct = supervised(model, loss, rate);
  const auto through = supervised(reparameterise(model, linear_change(r, a)), loss, rate);
  auto p = p0, q = apply(r, a_inv, p0);
  auto sp = opt.initial_state(r, p.size()), sq = opt.initial_state(r, q.size());
  for (int step = 0; step < 4; ++step) {
    training_step<R>(direct, opt, sp, p, xs, ys);
    training_step<R>(through, opt, sq, q, xs, ys);
  }
  return test::same_elements<R>(apply(r, a, q), p);
}

}  // namespace

TEST_CASE("naturality over the reals: permutations for all, rotations for the linear optimisers, rescaling for none", "[lens][naturality]") {
  const auto seed = test::case_seed(47900);
  INFO("seed " << seed);
  test::rng g(seed);
  const std::size_t n = 3, m = 2;
  const auto model = circuit_lens(linear_model(real{}, n, m, true));
  const std::size_t np = model.num_params();
  std::vector<std::vector<double>> xs, ys;
  for (int s = 0; s < 6; ++s) xs.push_back(test::random_row(real{}, g, n)), ys.push_back(test::random_row(real{}, g, m));
  const auto p0 = test::random_row(real{}, g, np);
  // A permutation, a diagonal rescaling and a product of plane rotations (orthogonal, not a permutation).
  std::vector<std::size_t> order(np);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), g);
  matrix<real> perm(np, std::vector<double>(np, 0.0)), scale = perm, rot = perm;
  for (std::size_t i = 0; i < np; ++i) perm[i][order[i]] = 1, scale[i][i] = 0.5 + static_cast<double>(i % 3), rot[i][i] = 1;
  for (std::size_t i = 0; i + 1 < np; i += 2) {
    const double t = 0.3 + 0.2 * static_cast<double>(i);
    rot[i][i] = std::cos(t), rot[i][i + 1] = -std::sin(t), rot[i + 1][i] = std::sin(t), rot[i + 1][i + 1] = std::cos(t);
  }
  const auto loss = squared_error_loss(m);
  const auto small = learning_rate(real{}, 0.05), unit = learning_rate(real{}, 1.0);
  struct row {
    optimiser_lens<real> opt;
    const para_lens<real>* rate;
    bool permutation, rotation, rescaling;  // natural?
  };
  const std::vector<row> table{{gradient_descent(real{}), &small, true, true, false}, {momentum(real{}, 0.9), &small, true, true, false},
                               {nesterov(real{}, 0.9), &small, true, true, false},    {adagrad(0.1), &unit, true, false, false},
                               {adam(0.1), &unit, true, false, false}};
  for (const auto& t : table) {
    INFO("optimiser " << t.opt.name());
    CHECK(commutes(model, loss, *t.rate, t.opt, perm, inverse(real{}, perm, real_inv), p0, xs, ys) == t.permutation);
    CHECK(commutes(model, loss, *t.rate, t.opt, rot, inverse(real{}, rot, real_inv), p0, xs, ys) == t.rotation);
    CHECK(commutes(model, loss, *t.rate, t.opt, scale, inverse(real{}, scale, real_inv), p0, xs, ys) == t.rescaling);
  }
}

TEST_CASE("naturality over Z2: permutations yes, an invertible GF(2)-linear change only when A·Aᵀ = I", "[lens][naturality]") {
  const auto seed = test::case_seed(48000);
  INFO("seed " << seed);
  test::rng g(seed);
  const z2 r;
  const auto f = make_lut_network(4, 2, {.k = 2, .widths = {3, 2}, .seed = seed}).build();
  const auto model = circuit_lens(f);
  const std::size_t np = model.num_params();
  std::vector<std::vector<z2::element>> xs, ys;
  for (int s = 0; s < 16; ++s) xs.push_back(test::random_row(r, g, 4)), ys.push_back(test::random_row(r, g, 2));
  const auto p0 = test::random_row(r, g, np);
  const auto loss = residual_loss(r, 2);
  const auto rate = residual_rate(r, r.one(), 2);
  std::vector<std::size_t> order(np);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), g);
  matrix<z2> perm(np, std::vector<z2::element>(np, 0));
  for (std::size_t i = 0; i < np; ++i) perm[i][order[i]] = 1;
  for (const auto& opt : {gradient_descent(r), momentum(r, r.one())}) {
    INFO("optimiser " << opt.name());
    CHECK(commutes(model, loss, rate, opt, perm, inverse(r, perm, z2_inv), p0, xs, ys));
    // Random invertible changes: natural exactly when A·Aᵀ = I (checked on each).
    int natural = 0, not_natural = 0;
    for (int c = 0; c < 20; ++c) {
      matrix<z2> a(np, std::vector<z2::element>(np, 0)), a_inv;
      do {
        for (auto& row : a) row = test::random_row(r, g, np);
        a_inv = inverse(r, a, z2_inv);
      } while (a_inv.empty());
      bool orthogonal = true;
      for (std::size_t i = 0; i < np; ++i) {
        for (std::size_t j = 0; j < np; ++j) {
          z2::element dot = 0;
          for (std::size_t k = 0; k < np; ++k) dot ^= a[i][k] & a[j][k];
          orthogonal = orthogonal && dot == (i == j ? 1 : 0);
        }
      }
      const bool commuted = commutes(model, loss, rate, opt, a, a_inv, p0, xs, ys);
      if (orthogonal) CHECK(commuted);
      (commuted ? natural : not_natural) += 1;
    }
    CHECK(not_natural > 0);  // a general invertible change is not natural
  }
}
