// Hyperoptimisers against plain optimisers over the reals (learn/hyperoptimiser.hpp): the final
// training loss against the initial step size α0, for
//   SGD        plain (α fixed) · hyperoptimised (α learned by SGD with step κ) · stacked (α by SGD
//              whose κ is learned by SGD with step κ2)
//   Adam       plain · hyperoptimised (α, β1, β2 learned by SGD with step κ_adam; β = σ(b) through a
//              reparameterisation lens, so that the learned β's stay in (0, 1))
// on two problems, each a linear softmax classifier (a circuit lens) with the mean softmax
// cross-entropy (the rate lens 1/batch):
//   Iris       4 standardised features → 3 classes, the 150 rows, full batch, 300 steps
//   MNIST      the first 1,000 training images of the binarised MNIST (bits as 0.0 / 1.0) → 10
//              classes, batches of 100 in file order, 5 epochs (50 steps)
// The loss reported is the mean cross-entropy over the problem's rows after the last step
// ("diverged" when it is not finite). κ, κ2 and κ_adam are fixed below, not tuned per row.
//
// usage: hyperopt_study IRIS_CSV MNIST_ZIP OUT_PREFIX   (writes OUT_PREFIX.json and OUT_PREFIX.md)
#include "bitlens/io/labelled_bits.hpp"
#include "bitlens/learn/hyperoptimiser.hpp"
#include "bitlens/learn/lens_losses.hpp"
#include "bitlens/models/field_models.hpp"
#include "support/iris.hpp"
#include "support/report_files.hpp"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

using namespace bitlens;

namespace {

using rows = std::vector<std::vector<double>>;

struct problem {
  std::string name;
  rows xs, ys;  // inputs; one-hot targets
  std::size_t batch = 0, steps = 0;
};

constexpr double kappa = 0.01, kappa2 = 1e-4, kappa_adam = 1e-3;

problem iris_problem(const std::string& path) {
  const auto data = bench::read_iris(path);
  problem p{"Iris (150 rows, full batch, 300 steps)", {}, {}, data.size(), 300};
  double mean[4] = {}, sd[4] = {};
  for (const auto& r : data) {
    for (int f = 0; f < 4; ++f) mean[f] += r.features[f] / static_cast<double>(data.size());
  }
  for (const auto& r : data) {
    for (int f = 0; f < 4; ++f) sd[f] += (r.features[f] - mean[f]) * (r.features[f] - mean[f]) / static_cast<double>(data.size());
  }
  for (const auto& r : data) {
    std::vector<double> x(4), y(3, 0.0);
    for (int f = 0; f < 4; ++f) x[f] = (r.features[f] - mean[f]) / std::sqrt(sd[f]);
    y[static_cast<std::size_t>(r.label)] = 1;
    p.xs.push_back(x);
    p.ys.push_back(y);
  }
  return p;
}

problem mnist_problem(const std::string& zip) {
  const auto d = load_labelled_bits(zip + ":MNISTTraining.txt");
  problem p{"MNIST (first 1,000 training images, batches of 100, 5 epochs)", {}, {}, 100, 50};
  const std::size_t n = d.inputs.num_wires();
  for (std::size_t s = 0; s < 1000 && s < d.labels.size(); ++s) {
    std::vector<double> x(n), y(10, 0.0);
    for (std::size_t i = 0; i < n; ++i) x[i] = d.inputs.get(i, s) ? 1.0 : 0.0;
    y[d.labels[s]] = 1;
    p.xs.push_back(x);
    p.ys.push_back(y);
  }
  return p;
}

// Adam's rule over (α, b1, b2) with β = σ(b) (the logistic function): a reparameterisation lens
// keeps the learned β's inside (0, 1), where Adam is defined, whatever steps SGD takes on b.
update_rule<real> adam_logistic_betas() {
  using L = para_lens<real>;
  const auto sigma = [](double b) { return 1 / (1 + std::exp(-b)); };
  const L betas(
      real{}, 0, 3, 3, [sigma](L::view, L::view h) { return L::values{h[0], sigma(h[1]), sigma(h[2])}; },
      [sigma](L::view, L::view h, L::view d) {
        const double s1 = sigma(h[1]), s2 = sigma(h[2]);
        return L::changes{{}, {d[0], d[1] * s1 * (1 - s1), d[2] * s2 * (1 - s2)}};
      });
  const auto adam_u = adam_rule(1e-8);
  return {"adam", reparameterise(adam_u.lens, betas), adam_u.state_slots};
}

double logit(double p) { return std::log(p / (1 - p)); }

double mean_loss(const para_lens<real>& model, const para_lens<real>& loss, const std::vector<double>& params, const problem& pr) {
  double total = 0;
  for (std::size_t s = 0; s < pr.xs.size(); ++s) total += loss.get(pr.ys[s], model.get(params, pr.xs[s]))[0];
  return total / static_cast<double>(pr.xs.size());
}

// Trains from zero parameters and returns the final mean loss.
double run(const problem& pr, const optimiser_lens<real>& opt) {
  const std::size_t n = pr.xs[0].size(), m = pr.ys[0].size();
  const auto model = circuit_lens(linear_model(real{}, n, m, true));
  const auto loss = softmax_cross_entropy(m);
  const auto objective = supervised(model, loss, learning_rate(real{}, 1.0 / static_cast<double>(pr.batch)));
  std::vector<double> params(model.num_params(), 0.0);
  auto state = opt.initial_state(real{}, params.size());
  std::size_t first = 0;
  for (std::size_t step = 0; step < pr.steps; ++step) {
    if (first >= pr.xs.size()) first = 0;
    const std::size_t end = std::min(first + pr.batch, pr.xs.size());
    const std::span<const std::vector<double>> bx(pr.xs.data() + first, end - first), by(pr.ys.data() + first, end - first);
    training_step<real>(objective, opt, state, params, bx, by);
    first = end;
  }
  return mean_loss(model, loss, params, pr);
}

std::string shown(double loss) {
  if (!std::isfinite(loss)) return "diverged";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.4f", loss);
  return buf;
}

}  // namespace

int main(int argc, char** argv) try {
  if (argc != 4) {
    std::fprintf(stderr, "usage: hyperopt_study IRIS_CSV MNIST_ZIP OUT_PREFIX\n");
    return 2;
  }
  const std::vector<problem> problems{iris_problem(argv[1]), mnist_problem(argv[2])};
  const auto sgd = sgd_rule(real{});
  const auto adam_u = adam_rule(1e-8);
  const auto adam_sigma = adam_logistic_betas();
  const std::vector<double> alphas{1e-4, 1e-3, 1e-2, 1e-1, 1.0};
  const std::string out = argv[3];
  std::ofstream json(out + ".json"), md(out + ".md");
  json << "{\"kappa\": " << kappa << ", \"kappa2\": " << kappa2 << ", \"kappa_adam\": " << kappa_adam << ", \"rows\": [\n";
  bool first_row = true;
  const auto start = std::chrono::steady_clock::now();
  for (const auto& pr : problems) {
    md << "\n" << pr.name << ": final mean cross-entropy (from " << shown(std::log(static_cast<double>(pr.ys[0].size())))
       << " at zero parameters)\n\n| α0 | SGD | hyper-SGD (κ = " << kappa << ") | stacked (κ = " << kappa << ", κ2 = " << kappa2
       << ") | Adam | hyper-Adam (κ = " << kappa_adam << ") |\n|---|---|---|---|---|---|\n";
    for (double a0 : alphas) {
      const double l_sgd = run(pr, rule_optimiser(sgd, {a0}));
      const double l_hyper = run(pr, hyperoptimised(sgd, {a0}, rule_optimiser(sgd, {kappa})));
      const double l_stack = run(pr, hyperoptimised(sgd, {a0}, hyperoptimised(sgd, {kappa}, rule_optimiser(sgd, {kappa2}))));
      const double l_adam = run(pr, rule_optimiser(adam_u, {a0, 0.9, 0.999}));
      const double l_hadam = run(pr, hyperoptimised(adam_sigma, {a0, logit(0.9), logit(0.999)}, rule_optimiser(sgd, {kappa_adam})));
      char row[256];
      std::snprintf(row, sizeof row, "| %g | %s | %s | %s | %s | %s |\n", a0, shown(l_sgd).c_str(), shown(l_hyper).c_str(), shown(l_stack).c_str(),
                    shown(l_adam).c_str(), shown(l_hadam).c_str());
      md << row;
      auto num = [](double v) { return std::isfinite(v) ? std::to_string(v) : std::string("null"); };
      json << (first_row ? "" : ",\n") << "  {\"problem\": \"" << pr.name << "\", \"alpha0\": " << a0 << ", \"sgd\": " << num(l_sgd)
           << ", \"hyper_sgd\": " << num(l_hyper) << ", \"stacked_sgd\": " << num(l_stack) << ", \"adam\": " << num(l_adam)
           << ", \"hyper_adam\": " << num(l_hadam) << "}";
      first_row = false;
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  json << "\n], \"seconds\": " << seconds << "}\n";
  bench::finish_report(json, md, out);
  return 0;
} catch (const std::exception& e) {
  std::fprintf(stderr, "hyperopt_study: error: %s\n", e.what());
  return 1;
}
