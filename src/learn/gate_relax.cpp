// The relaxed gate network: logits, the softmax head, Adam, and the chunked threaded step.
#include "bitlens/learn/gate_relax.hpp"

#include "epoch_loop.hpp"

#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/eval/thread_team.hpp"
#include "bitlens/learn/group_sum.hpp"
#include "relax_kernels.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace bitlens {
namespace {

constexpr std::size_t chunk_samples = 32;
constexpr std::size_t functions = 16;

// Function f (its truth table, bit a + 2b) over the reals: t0(1−a)(1−b) + t1·a(1−b) + t2(1−a)b +
// t3·ab = c0 + c1·a + c2·b + c3·ab.
struct real_anf {
  std::array<std::array<float, 4>, functions> c{};
  real_anf() {
    for (unsigned f = 0; f < functions; ++f) {
      const float t0 = static_cast<float>(f & 1U), t1 = static_cast<float>((f >> 1) & 1U), t2 = static_cast<float>((f >> 2) & 1U),
                  t3 = static_cast<float>((f >> 3) & 1U);
      c[f] = {t0, t1 - t0, t2 - t0, t0 - t1 - t2 + t3};
    }
  }
};
const real_anf anf;

struct chunk_buffers {
  std::span<float> values, adjoints, scores, dscore;  // nodes × n, 2 × widest × n, classes × n, classes × n
  std::size_t widest;
};

struct chunk_result {
  std::size_t correct = 0;  // samples whose highest relaxed score is their label's
  double loss = 0;          // summed cross-entropy of the chunk's samples
};

// The samples a chunk shows, and through which views (input_views.hpp): view_of[j] is sample j's
// view, or view_of is empty and the samples are shown as they are.
struct chunk_samples_shown {
  std::span<const std::uint32_t> samples;
  std::span<const std::uint32_t> view_of;
  const std::vector<input_view>* views = nullptr;
};

// The network's input rows of a chunk (n ≥ samples, the padding 0).
void load_inputs(const bit_batch& inputs, std::size_t num_inputs, const chunk_samples_shown& shown, std::size_t n, float* values) {
  const auto samples = shown.samples;
  const auto bit = [&](std::size_t wire, std::uint32_t s) {
    return static_cast<float>((inputs.wire(wire).words()[s / 64] >> (s % 64)) & 1U);
  };
  for (std::size_t i = 0; i < num_inputs; ++i) {
    float* row = values + i * n;
    std::fill(row + samples.size(), row + n, 0.0F);
    if (shown.view_of.empty()) {
      for (std::size_t j = 0; j < samples.size(); ++j) row[j] = bit(i, samples[j]);
      continue;
    }
    for (std::size_t j = 0; j < samples.size(); ++j) {
      const std::int32_t src = (*shown.views)[shown.view_of[j]][i];
      row[j] = src == no_input ? 0.0F : bit(static_cast<std::size_t>(src), samples[j]);
    }
  }
}

// The relaxed network on one chunk of samples (at most chunk_samples): forward, the head (scores
// = group sums / tau, softmax cross-entropy divided by batch_size), reverse; adds ∂loss/∂α to grad.
chunk_result relaxed_chunk(const relax_kernels::variant& kernels, const gate_network& net, const std::vector<std::size_t>& layer_first,
                           const std::vector<float>& alpha, const bit_batch& inputs, std::span<const std::uint32_t> labels,
                           std::size_t classes, float tau, const chunk_samples_shown& shown, float batch_size,
                           const chunk_buffers& buf, float* grad) {
  const auto samples = shown.samples;
  const std::size_t n = (samples.size() + 7) / 8 * 8, num_inputs = net.num_inputs();
  const std::size_t outputs = net.num_outputs(), group = outputs / classes;
  load_inputs(inputs, num_inputs, shown, n, buf.values.data());
  relax_kernels::chunk_args a;
  a.num_inputs = num_inputs;
  a.num_gates = net.num_gates();
  a.num_layers = net.num_layers();
  a.layer_first = layer_first.data();
  a.a = net.operand_a().data();
  a.b = net.operand_b().data();
  a.alpha = alpha.data();
  a.samples = n;
  a.values = buf.values.data();
  a.adjoints[0] = buf.adjoints.data();
  a.adjoints[1] = buf.adjoints.data() + buf.widest * n;
  a.grad_alpha = grad;
  kernels.forward(a);
  const float* out = buf.values.data() + (num_inputs + layer_first.back()) * n;
  std::fill_n(buf.scores.begin(), classes * n, 0.0F);
  for (std::size_t k = 0; k < outputs; ++k) {
    float* sc = buf.scores.data() + (k / group) * n;
    const float* o = out + k * n;
    for (std::size_t j = 0; j < n; ++j) sc[j] += o[j];
  }
  const float inv_tau = 1 / tau;
  std::fill_n(buf.dscore.begin(), classes * n, 0.0F);  // ∂loss/∂(group sum); padding samples stay 0
  chunk_result r;
  for (std::size_t j = 0; j < samples.size(); ++j) {
    const std::uint32_t y = labels[samples[j]];
    std::size_t predicted = 0;
    r.loss += group_softmax(buf.scores.data() + j, n, classes, y, inv_tau, batch_size, buf.dscore.data() + j, predicted);
    r.correct += predicted == y ? 1 : 0;
  }
  float* last = a.adjoints[(net.num_layers() - 1) % 2];
  for (std::size_t k = 0; k < outputs; ++k) std::copy_n(buf.dscore.data() + (k / group) * n, n, last + k * n);
  kernels.reverse(a);
  return r;
}

class relaxation {
 public:
  relaxation(gate_network& net, const bit_batch& inputs, std::span<const std::uint32_t> labels, const gate_relax_params& p)
      : net_(net), inputs_(inputs), labels_(labels.begin(), labels.end()), p_(p), kernels_(relax_kernels::select(p.kernels)),
        team_(p.threads != 0 ? p.threads : std::max(1U, std::thread::hardware_concurrency())) {
    if (inputs.num_wires() != net.num_inputs() || labels.size() != inputs.num_samples()) {
      throw std::invalid_argument("relaxed gate training: the network has " + std::to_string(net.num_inputs()) + " inputs, the data " +
                                  std::to_string(inputs.num_wires()) + " input wires and " + std::to_string(labels.size()) +
                                  " labels for " + std::to_string(inputs.num_samples()) + " samples");
    }
    check_input_views(p.input_views, net.num_inputs(), inputs.num_wires());
    if (p.input_views.size() > std::numeric_limits<std::uint32_t>::max()) throw std::invalid_argument("relaxed gate training: too many input views");
    if (net.num_gates() > max_relaxed_gates) {
      throw std::invalid_argument("relaxed gate training: " + std::to_string(net.num_gates()) + " gates, more than the limit of " +
                                  std::to_string(max_relaxed_gates) + " (max_relaxed_gates)");
    }
    if (p.classes < 2 || net.num_outputs() % p.classes != 0) {
      throw std::invalid_argument("relaxed gate training: " + std::to_string(net.num_outputs()) + " outputs do not split into " +
                                  std::to_string(p.classes) + " groups");
    }
    if (p.batch == 0 || !(p.learning_rate > 0) || !(p.tau >= 0) || !(p.beta1 >= 0 && p.beta1 < 1) || !(p.beta2 >= 0 && p.beta2 < 1) ||
        !(p.epsilon > 0) || !(p.init_scale >= 0)) {
      throw std::invalid_argument("relaxed gate training: batch, learning rate and epsilon must be positive, tau not negative, the betas in [0, 1)");
    }
    tau_ = p.tau > 0 ? p.tau : std::sqrt(static_cast<double>(net.num_outputs() / p.classes) / 8);
    for (std::size_t s = 0; s < labels.size(); ++s) {
      if (labels[s] >= p.classes) {
        throw std::invalid_argument("relaxed gate training: sample " + std::to_string(s) + " has label " + std::to_string(labels[s]) +
                                    ", not below " + std::to_string(p.classes) + " classes");
      }
    }
    const std::size_t gates = net.num_gates();
    for (std::size_t l = 0; l < net.num_layers(); ++l) layer_first_.push_back(net.first_gate(l));
    widest_ = 0;
    for (std::size_t l = 0; l < net.num_layers(); ++l) widest_ = std::max(widest_, net.width(l));
    logits_.resize(functions * gates);
    std::mt19937_64 rng(p.seed);
    std::normal_distribution<float> normal(0.0F, static_cast<float>(p.init_scale));
    for (auto& x : logits_) x = normal(rng);
    first_choice_ = most_likely();
    m_.assign(logits_.size(), 0.0F);
    v_.assign(logits_.size(), 0.0F);
    prob_.resize(logits_.size());
    alpha_.resize(4 * gates);
    for (std::size_t g = 0; g < gates; ++g) refresh(g);
    const std::size_t max_chunks = (p.batch + chunk_samples - 1) / chunk_samples;
    grads_.assign(max_chunks, std::vector<float>(4 * gates, 0.0F));
    chunk_correct_.assign(max_chunks, 0);
    for (unsigned t = 0; t < team_.size(); ++t) {
      workers_.push_back({std::vector<float>(net.num_nodes() * chunk_samples), std::vector<float>(2 * widest_ * chunk_samples),
                          std::vector<float>(p.classes * chunk_samples), std::vector<float>(p.classes * chunk_samples)});
    }
  }

  /// Changes the step size of the following steps (a schedule).
  void set_learning_rate(double lr) noexcept { p_.learning_rate = lr; }

  /// One Adam step on the given samples (at most p.batch), sample j shown through view view_of[j]
  /// (or as it is when view_of is empty). Returns how many the relaxed network classified right
  /// before the step.
  std::size_t step(std::span<const std::uint32_t> samples, std::span<const std::uint32_t> view_of) {
    const std::size_t chunks = (samples.size() + chunk_samples - 1) / chunk_samples;
    const auto threads = static_cast<unsigned>(std::clamp<std::size_t>(chunks, 1, team_.size()));
    team_.run(threads, [&](unsigned t) {
      for (std::size_t c = t; c < chunks; c += threads) {
        const std::size_t first = c * chunk_samples, count = std::min(chunk_samples, samples.size() - first);
        run_chunk(workers_[t], {samples.subspan(first, count), view_of.empty() ? view_of : view_of.subspan(first, count), &p_.input_views},
                  c, static_cast<float>(samples.size()));
      }
    });
    ++steps_;
    // Adam's bias corrections folded into the step size, once per step.
    const auto n = static_cast<double>(steps_);
    const auto step_size = static_cast<float>(p_.learning_rate * std::sqrt(1 - std::pow(p_.beta2, n)) / (1 - std::pow(p_.beta1, n)));
    const std::size_t gates = net_.num_gates(), update_threads = team_.size();
    team_.run(update_threads, [&](unsigned t) {
      const std::size_t per = (gates + update_threads - 1) / update_threads;
      for (std::size_t g = t * per; g < std::min(gates, (t + 1) * per); ++g) update(g, chunks, step_size);
    });
    std::size_t correct = 0;
    for (std::size_t c = 0; c < chunks; ++c) correct += chunk_correct_[c];
    return correct;
  }

  /// Sets every gate's table to its most likely function; returns how many differ from the start.
  std::size_t discretise() {
    const auto choice = most_likely();
    std::size_t changed = 0;
    for (std::size_t g = 0; g < choice.size(); ++g) {
      net_.set_lut(g, choice[g]);
      changed += choice[g] != first_choice_[g] ? 1 : 0;
    }
    return changed;
  }

 private:
  struct worker {
    std::vector<float> values, adjoints, scores, dscore;
  };

  std::vector<std::uint8_t> most_likely() const {
    std::vector<std::uint8_t> out(net_.num_gates());
    for (std::size_t g = 0; g < out.size(); ++g) {
      const float* l = logits_.data() + functions * g;
      out[g] = static_cast<std::uint8_t>(std::max_element(l, l + functions) - l);
    }
    return out;
  }

  // The softmax of gate g's logits and the coefficients of its expected function.
  void refresh(std::size_t g) {
    const float* l = logits_.data() + functions * g;
    float* pr = prob_.data() + functions * g;
    const float top = *std::max_element(l, l + functions);
    float sum = 0;
    for (std::size_t f = 0; f < functions; ++f) sum += pr[f] = std::exp(l[f] - top);
    std::array<float, 4> al{};
    for (std::size_t f = 0; f < functions; ++f) {
      pr[f] /= sum;
      for (std::size_t j = 0; j < 4; ++j) al[j] += pr[f] * anf.c[f][j];
    }
    std::copy(al.begin(), al.end(), alpha_.begin() + static_cast<std::ptrdiff_t>(4 * g));
  }

  // ∂loss/∂α summed over the chunks in order, through the softmax to the logits, then Adam.
  void update(std::size_t g, std::size_t chunks, float step_size) {
    std::array<float, 4> ga{};
    for (std::size_t c = 0; c < chunks; ++c) {
      float* src = grads_[c].data() + 4 * g;
      for (std::size_t j = 0; j < 4; ++j) ga[j] += src[j], src[j] = 0;
    }
    float* l = logits_.data() + functions * g;
    const float* pr = prob_.data() + functions * g;
    std::array<float, functions> dp{};
    float mean = 0;
    for (std::size_t f = 0; f < functions; ++f) {
      dp[f] = ga[0] * anf.c[f][0] + ga[1] * anf.c[f][1] + ga[2] * anf.c[f][2] + ga[3] * anf.c[f][3];
      mean += pr[f] * dp[f];
    }
    const auto b1 = static_cast<float>(p_.beta1), b2 = static_cast<float>(p_.beta2);
    const auto eps = static_cast<float>(p_.epsilon);
    float* m = m_.data() + functions * g;
    float* v = v_.data() + functions * g;
    for (std::size_t f = 0; f < functions; ++f) {
      const float grad = pr[f] * (dp[f] - mean);
      m[f] = b1 * m[f] + (1 - b1) * grad;
      v[f] = b2 * v[f] + (1 - b2) * grad * grad;
      l[f] -= step_size * m[f] / (std::sqrt(v[f]) + eps);
    }
    refresh(g);
  }

  void run_chunk(worker& w, const chunk_samples_shown& samples, std::size_t chunk, float batch_size) {
    const chunk_buffers buf{w.values, w.adjoints, w.scores, w.dscore, widest_};
    const chunk_result r = relaxed_chunk(kernels_, net_, layer_first_, alpha_, inputs_, labels_, p_.classes, static_cast<float>(tau_),
                                         samples, batch_size, buf, grads_[chunk].data());
    chunk_correct_[chunk] = r.correct;
  }

  gate_network& net_;
  const bit_batch& inputs_;
  std::vector<std::uint32_t> labels_;
  gate_relax_params p_;
  relax_kernels::variant kernels_;
  thread_team team_;
  std::vector<std::size_t> layer_first_;
  std::size_t widest_ = 0;
  double tau_ = 0;  // p_.tau, or the automatic choice
  std::vector<float> logits_, m_, v_, prob_, alpha_;
  std::vector<std::uint8_t> first_choice_;
  std::vector<std::vector<float>> grads_;  // per chunk of a step: gates × 4
  std::vector<std::size_t> chunk_correct_;
  std::vector<worker> workers_;
  std::size_t steps_ = 0;
};

}  // namespace

double relaxed_loss(const gate_network& net, std::span<const float> alpha, const bit_batch& inputs, std::span<const std::uint32_t> labels,
                    std::size_t classes, double tau, std::span<float> grad, kernel_variant kernels) {
  if (alpha.size() != 4 * net.num_gates() || (!grad.empty() && grad.size() != alpha.size())) {
    throw std::invalid_argument("relaxed_loss: alpha (and grad) need 4 numbers per gate");
  }
  if (inputs.num_wires() != net.num_inputs() || labels.size() != inputs.num_samples() || classes < 2 ||
      net.num_outputs() % classes != 0 || !(tau > 0)) {
    throw std::invalid_argument("relaxed_loss: mismatched data, classes or tau");
  }
  for (auto y : labels) {
    if (y >= classes) throw std::invalid_argument("relaxed_loss: a label is not below the number of classes");
  }
  std::vector<std::size_t> layer_first;
  std::size_t widest = 0;
  for (std::size_t l = 0; l < net.num_layers(); ++l) layer_first.push_back(net.first_gate(l)), widest = std::max(widest, net.width(l));
  std::vector<float> values(net.num_nodes() * chunk_samples), adjoints(2 * widest * chunk_samples), scores(classes * chunk_samples),
      dscore(classes * chunk_samples), scratch(grad.empty() ? alpha.size() : 0);
  const std::vector<float> a(alpha.begin(), alpha.end());
  std::vector<std::uint32_t> all(labels.size());
  std::iota(all.begin(), all.end(), 0U);
  const auto variant = relax_kernels::select(kernels);
  double loss = 0;
  for (std::size_t first = 0; first < all.size(); first += chunk_samples) {
    const auto chunk = std::span<const std::uint32_t>(all).subspan(first, std::min(chunk_samples, all.size() - first));
    loss += relaxed_chunk(variant, net, layer_first, a, inputs, labels, classes, static_cast<float>(tau), {chunk, {}, nullptr},
                          static_cast<float>(all.size()), {values, adjoints, scores, dscore, widest},
                          grad.empty() ? scratch.data() : grad.data())
                .loss;
  }
  return all.empty() ? 0.0 : loss / static_cast<double>(all.size());
}

namespace {

void train_relaxed(gate_network& net, const class_samples& data, const gate_relax_params& p, gate_train_stats* stats) {
  relaxation r(net, data.inputs, data.labels, p);
  std::mt19937_64 rng(p.seed ^ 0x9e3779b97f4a7c15ULL), view_rng(p.seed ^ 0x5851f42d4c957f2dULL);
  const std::size_t n = data.inputs.num_samples();
  std::vector<std::uint32_t> view_of(p.input_views.empty() ? 0 : n);
  std::uniform_int_distribution<std::uint32_t> pick_view(0, p.input_views.empty() ? 0 : static_cast<std::uint32_t>(p.input_views.size() - 1));
  const bool anneal = p.final_learning_rate > 0 && p.final_learning_rate != p.learning_rate;
  std::size_t first_of_batch = 0;  // where the step's batch starts in the epoch's order (for its views)
  const train_event last = detail::run_epochs(
      {.items = n,
       .batch_items = p.batch,
       .samples_per_epoch = n,
       .budget = p.budget,
       .report_every = p.report_every,
       .needs_fraction = anneal,
       .start_epoch =
           [&](std::mt19937_64&) {
             for (auto& v : view_of) v = pick_view(view_rng);
             first_of_batch = 0;
           },
       .step =
           [&](std::span<const std::uint32_t> batch, double fraction) {
             if (anneal) r.set_learning_rate(p.learning_rate * std::pow(p.final_learning_rate / p.learning_rate, fraction));
             const auto views =
                 view_of.empty() ? std::span<const std::uint32_t>{} : std::span<const std::uint32_t>(view_of).subspan(first_of_batch, batch.size());
             first_of_batch += batch.size();
             return detail::epoch_step{batch.size(), r.step(batch, views), 0};
           },
       // Each event discretises the network: what it reports (and validation measures) is the discrete one.
       .complete_event = [&](train_event& e) { e.changes = r.discretise(); },
       .on_event = p.on_event},
      rng);
  r.discretise();
  if (stats != nullptr) stats->last = last;
}

}  // namespace

void train(gate_network& net, const class_samples& data, const gate_relax_params& p, gate_train_stats* stats) {
  detail::train_selected(net, data, p, stats, train_relaxed);
}

}  // namespace bitlens
