// The relaxed gate network: its loss and reverse derivative against a plain double-precision
// reference and finite differences, the AVX2 kernels against the portable ones, training that
// learns a small problem and gives the same tables for any thread count.
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/learn/gate_relax.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/gate_toy.hpp"
#include "support/kernel_variants.hpp"
#include "support/seeds.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace bitlens;

namespace {

// The reference: each sample on its own, in doubles, straight from the definition.
double reference_loss(const gate_network& net, const std::vector<double>& alpha, const test::gate_toy& data, std::size_t classes, double tau) {
  double total = 0;
  const std::size_t group = net.num_outputs() / classes;
  for (std::size_t s = 0; s < data.labels.size(); ++s) {
    std::vector<double> v(net.num_nodes());
    for (std::size_t i = 0; i < net.num_inputs(); ++i) v[i] = data.inputs.get(i, s) ? 1.0 : 0.0;
    for (std::size_t g = 0; g < net.num_gates(); ++g) {
      const double a = v[net.operand_a()[g]], b = v[net.operand_b()[g]];
      v[net.num_inputs() + g] = alpha[4 * g] + alpha[4 * g + 1] * a + alpha[4 * g + 2] * b + alpha[4 * g + 3] * a * b;
    }
    std::vector<double> score(classes, 0.0);
    const std::size_t out_first = net.num_nodes() - net.num_outputs();
    for (std::size_t k = 0; k < net.num_outputs(); ++k) score[k / group] += v[out_first + k] / tau;
    double sum = 0;
    for (double x : score) sum += std::exp(x);
    total += std::log(sum) - score[data.labels[s]];
  }
  return total / static_cast<double>(data.labels.size());
}

// Coefficients of random expected functions: softmax weights over the 16 tables.
std::vector<float> random_alpha(std::size_t gates, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal(0, 1.5);
  std::vector<float> alpha(4 * gates);
  for (std::size_t g = 0; g < gates; ++g) {
    double w[16], sum = 0;
    for (double& x : w) sum += x = std::exp(normal(rng));
    double c[4] = {0, 0, 0, 0};
    for (unsigned f = 0; f < 16; ++f) {
      const double t0 = f & 1U, t1 = (f >> 1) & 1U, t2 = (f >> 2) & 1U, t3 = (f >> 3) & 1U, p = w[f] / sum;
      c[0] += p * t0, c[1] += p * (t1 - t0), c[2] += p * (t2 - t0), c[3] += p * (t0 - t1 - t2 + t3);
    }
    for (int j = 0; j < 4; ++j) alpha[4 * g + j] = static_cast<float>(c[j]);
  }
  return alpha;
}

gate_network small_network(std::uint64_t seed) { return make_gate_layers(24, {.layers = 3, .width = 16, .seed = seed}); }

}  // namespace

TEST_CASE("relaxed loss and its reverse derivative match the reference and finite differences", "[learn][relax]") {
  const auto seed = test::case_seed(98000);
  INFO("seed " << seed);
  const auto data = test::make_gate_toy(150, seed);  // not a multiple of the chunk: padding samples must not count
  const auto net = small_network(seed);
  const auto alpha = random_alpha(net.num_gates(), seed);
  const double tau = 2;
  std::vector<double> ref_alpha(alpha.begin(), alpha.end());
  std::vector<float> grad(alpha.size(), 0.0F);
  const double loss = relaxed_loss(net, alpha, data.inputs, data.labels, 4, tau, grad);
  CHECK(loss == Approx(reference_loss(net, ref_alpha, data, 4, tau)).epsilon(1e-5));
  // Central differences in doubles on the reference, for every coefficient.
  const double h = 1e-4;
  double worst = 0, largest = 0;
  for (std::size_t k = 0; k < alpha.size(); ++k) {
    auto up = ref_alpha, down = ref_alpha;
    up[k] += h, down[k] -= h;
    const double numeric = (reference_loss(net, up, data, 4, tau) - reference_loss(net, down, data, 4, tau)) / (2 * h);
    worst = std::max(worst, std::abs(numeric - grad[k]));
    largest = std::max(largest, std::abs(numeric));
  }
  INFO("largest derivative " << largest << ", worst difference " << worst);
  CHECK(largest > 1e-3);
  CHECK(worst < 2e-4 + 1e-3 * largest);
}

TEST_CASE("relaxed kernels: every variant computes what the portable loops compute, to the bit", "[learn][relax]") {
  const auto seed = test::case_seed(99000);
  INFO("seed " << seed);
  const auto data = test::make_gate_toy(200, seed);  // six chunks of 32 and one of 8: both AVX-512 widths
  const auto net = small_network(seed);
  const auto alpha = random_alpha(net.num_gates(), seed + 1);
  std::vector<float> g_portable(alpha.size(), 0.0F);
  const double l_portable = relaxed_loss(net, alpha, data.inputs, data.labels, 4, 3, g_portable, kernel_variant::portable);
  for (auto k : test::runnable_kernel_variants()) {
    INFO("kernels " << name(k));
    std::vector<float> g(alpha.size(), 0.0F);
    CHECK(relaxed_loss(net, alpha, data.inputs, data.labels, 4, 3, g, k) == l_portable);
    CHECK(g == g_portable);
  }
}

TEST_CASE("relaxed training learns a small problem, the same for any thread count", "[learn][relax]") {
  const auto seed = test::case_seed(100000);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(4096, seed), held_out = test::make_gate_toy(2048, seed + 1);
  gate_relax_params p;
  p.classes = 4;
  p.batch = 128;
  p.budget = {.epochs = 30};
  p.tau = 1;
  p.learning_rate = 0.05;
  p.seed = seed;
  p.threads = 1;
  // Relaxed training needs more gates than the flip rule to discretise well: 80 per layer passes
  // seeds 1–8 of BITLENS_TEST_SEED (40 gives 0.63–0.90).
  auto net = make_gate_layers(24, {.layers = 3, .width = 80, .seed = seed});
  gate_train_stats report_stats;
  bitlens::train(net, {train.inputs, train.labels}, p, &report_stats);
  const train_event& report = report_stats.last;
  CHECK(report.epochs == 30);
  CHECK(report.samples == 30 * 4096);
  // The discretised network: guessing gives at most 0.375; x0 alone 0.75.
  const double accuracy = classification_accuracy(compiled_gates(net).predict_groups(held_out.inputs, 4), held_out.labels);
  CHECK(accuracy >= 0.9);
  // A step size annealed to a tenth learns it too, and differently.
  auto annealed = make_gate_layers(24, {.layers = 3, .width = 80, .seed = seed});
  auto q = p;
  q.final_learning_rate = p.learning_rate / 10;
  bitlens::train(annealed, {train.inputs, train.labels}, q);
  CHECK(annealed != net);
  CHECK(classification_accuracy(compiled_gates(annealed).predict_groups(held_out.inputs, 4), held_out.labels) >= 0.9);
  p.budget = {.epochs = 3};
  auto one = make_gate_layers(24, {.layers = 3, .width = 40, .seed = seed}), two = one;
  bitlens::train(one, {train.inputs, train.labels}, p);
  p.threads = 2;
  bitlens::train(two, {train.inputs, train.labels}, p);
  CHECK(one == two);
  p.tau = -1;
  CHECK_THROWS_WITH(bitlens::train(one, {train.inputs, train.labels}, p), Catch::Contains("tau"));
}

TEST_CASE("relaxed training through input views: a view is the data it shows, drawn the same for any thread count", "[learn][relax]") {
  const auto seed = test::case_seed(100100);
  INFO("seed " << seed);
  const auto train = test::make_gate_toy(1024, seed);
  const gate_relax_params p{.classes = 4, .batch = 96, .budget = {.epochs = 2}, .tau = 1, .threads = 1, .seed = seed};
  const auto fresh = [&] { return make_gate_layers(24, {.layers = 2, .width = 16, .seed = seed}); };
  // One view that reverses the inputs and blanks input 5: training through it is training on the
  // data so transformed.
  input_view reversed(24);
  for (std::size_t i = 0; i < 24; ++i) reversed[i] = static_cast<std::int32_t>(23 - i);
  reversed[5] = no_input;
  bit_batch transformed(24, train.labels.size());
  for (std::size_t s = 0; s < train.labels.size(); ++s) {
    for (std::size_t i = 0; i < 24; ++i) transformed.set(i, s, i != 5 && train.inputs.get(23 - i, s));
  }
  auto through_view = fresh(), on_transformed = fresh();
  auto q = p;
  q.input_views = {reversed};
  bitlens::train(through_view, {train.inputs, train.labels}, q);
  bitlens::train(on_transformed, {transformed, train.labels}, p);
  CHECK(through_view == on_transformed);
  // Several views, drawn per sample: the tables do not depend on the thread count.
  q.input_views = {reversed, image_shifts(4, 6, 1, 1)[3], image_shifts(4, 6, 1, 0)[0]};
  auto one = fresh(), two = fresh();
  bitlens::train(one, {train.inputs, train.labels}, q);
  q.threads = 2;
  bitlens::train(two, {train.inputs, train.labels}, q);
  CHECK(one == two);
  CHECK(one != through_view);
  // A view of the wrong size, or reading a bit the samples do not have, is refused.
  q.input_views = {input_view(23, 0)};
  CHECK_THROWS_WITH(bitlens::train(one, {train.inputs, train.labels}, q), Catch::Contains("23 entries for 24 inputs"));
  q.input_views = {input_view(24, 24)};
  CHECK_THROWS_WITH(bitlens::train(one, {train.inputs, train.labels}, q), Catch::Contains("reads bit 24"));
}
