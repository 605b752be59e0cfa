// The training loop: rda, parity and vote (see train.hpp), over the fused step circuit.
#include "bitlens/learn/train.hpp"

#include "bitlens/eval/thread_team.hpp"

#include "bitlens/eval/tape.hpp"
#include "bitlens/learn/lens.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>
#include <thread>

namespace bitlens {

std::string_view optimizer_name(optimizer_kind k) noexcept {
  switch (k) {
    case optimizer_kind::rda: return "rda";
    case optimizer_kind::parity: return "parity";
    case optimizer_kind::vote: return "vote";
  }
  return "?";
}

std::optional<optimizer_kind> parse_optimizer(std::string_view name) noexcept {
  for (auto k : {optimizer_kind::rda, optimizer_kind::parity, optimizer_kind::vote}) {
    if (optimizer_name(k) == name) return k;
  }
  return std::nullopt;
}

namespace {

using clock_type = std::chrono::steady_clock;
using rng_type = std::mt19937_64;

bitvec random_bits(std::size_t n, rng_type& rng) {
  bitvec v(n);
  for (auto& w : v.words()) w = rng();
  v.clear_tail();
  return v;
}

void check_shapes(const circuit<z2>& model, const bit_dataset& d, const char* what) {
  if (d.num_inputs() != model.num_inputs() || d.num_outputs() != model.num_outputs()) {
    throw std::invalid_argument(std::string(what) + " has " + std::to_string(d.num_inputs()) + " inputs and " +
                                std::to_string(d.num_outputs()) + " outputs, but the model has " +
                                std::to_string(model.num_inputs()) + " and " + std::to_string(model.num_outputs()));
  }
}

// Mini-batches: windows of a reshuffled copy of the data (whole words, so copies are word copies).
class batcher {
 public:
  batcher(const bit_batch& full, std::size_t batch_size, rng_type& rng) : full_(full), rng_(rng) {
    const std::size_t n = full.num_samples();
    size_ = batch_size == 0 || batch_size >= n ? n : std::min(n, (batch_size + 63) / 64 * 64);
    if (size_ < n) {
      order_.resize(n);
      std::iota(order_.begin(), order_.end(), std::size_t{0});
    }
  }
  bool whole() const noexcept { return order_.empty(); }
  /// Samples per batch.
  std::size_t size() const noexcept { return size_; }
  const bit_batch& next() {
    if (whole()) return full_;
    if (shuffled_.num_samples() == 0 || offset_ + size_ > full_.num_samples()) reshuffle();
    window_ = bit_batch(full_.num_wires(), size_);
    for (std::size_t w = 0; w < full_.num_wires(); ++w) {
      const auto src = shuffled_.wire(w).words().subspan(offset_ / 64, size_ / 64);
      std::copy(src.begin(), src.end(), window_.wire(w).words().begin());
    }
    offset_ += size_;
    return window_;
  }

 private:
  void reshuffle() {
    std::shuffle(order_.begin(), order_.end(), rng_);
    shuffled_ = bit_batch(full_.num_wires(), full_.num_samples());
    for (std::size_t w = 0; w < full_.num_wires(); ++w) {
      for (std::size_t s = 0; s < order_.size(); ++s) shuffled_.set(w, s, full_.get(w, order_[s]));
    }
    offset_ = 0;
  }
  const bit_batch& full_;
  rng_type& rng_;
  std::size_t size_ = 0;
  std::size_t offset_ = 0;
  std::vector<std::size_t> order_;
  bit_batch shuffled_, window_;
};

// Shared state of a run: budgets, best-so-far bookkeeping, events.
class run_state {
 public:
  run_state(const train_params& tp, const tape& scorer, const bit_batch& train_in, const bit_batch* valid_in,
            std::size_t num_outputs, std::uint64_t cared, std::uint64_t valid_cared, thread_team& team)
      : tp_(tp), scorer_(scorer), train_in_(train_in), valid_in_(valid_in), m_(num_outputs), cared_(cared), team_(team),
        start_(clock_type::now()), last_progress_(start_), valid_cared_(valid_cared) {}

  /// How every tape run of this training runs: on its one thread team.
  eval_params runs() const { return {.threads = tp_.threads, .team = &team_}; }

  double seconds() const { return std::chrono::duration<double>(clock_type::now() - start_).count(); }
  /// Whether the budget is spent after `steps` steps, or a callback asked to stop.
  bool out_of_budget(std::uint64_t steps) const {
    return stopped_ || tp_.budget.spent(steps, epochs_after(steps), seconds());
  }
  std::uint64_t train_errors(const bitvec& p) const { return sum(count_ones(scorer_, train_in_, p, runs())); }
  std::uint64_t valid_errors(const bitvec& p) const { return sum(count_ones(scorer_, *valid_in_, p, runs())); }

  /// Offers parameters whose training errors are `errors`; keeps them if they are the best so far
  /// (by validation errors when a validation set is given, training errors otherwise).
  void offer(const bitvec& p, std::uint64_t errors, std::uint64_t step) {
    bool better = false;
    std::optional<std::uint64_t> v;
    if (valid_in_ != nullptr) {
      if (errors < best_train_ || (step - last_valid_step_) >= eval_every()) {
        v = valid_errors(p);
        last_valid_step_ = step;
        better = !best_valid_ || *v < *best_valid_ || (*v == *best_valid_ && errors < best_train_);
      }
    } else {
      better = errors < best_train_;
    }
    if (errors < best_train_) best_train_ = errors;
    if (better) {
      best_ = p;
      best_errors_ = errors;
      if (v) best_valid_ = v;
      improved_ = true;
      emit(train_event_kind::best, step, errors);
    }
    if (std::chrono::duration<double>(clock_type::now() - last_progress_).count() >= tp_.progress_every) {
      last_progress_ = clock_type::now();
      emit(train_event_kind::progress, step, errors);
    }
  }
  /// Sends an event; a callback's false makes out_of_budget true from then on.
  void emit(train_event_kind kind, std::uint64_t step, std::uint64_t errors) {
    if (!tp_.on_event) return;
    train_event e;
    e.kind = kind;
    e.steps = step;
    e.seconds = seconds();
    e.errors = errors;
    e.checked = cared_;
    e.best_errors = best_train_;
    e.samples = static_cast<std::uint64_t>(static_cast<double>(step) * samples_per_step_);
    e.epochs = epochs_after(step);
    if (best_valid_) e.valid_errors = best_valid_, e.valid_checked = valid_cared_;
    if (!tp_.on_event(e)) stopped_ = true;
  }
  /// Samples one step trains on (for the epoch count).
  void set_samples_per_step(double samples) { samples_per_step_ = samples; }
  /// Passes over the training samples that `steps` steps make.
  double epochs_after(std::uint64_t steps) const {
    return static_cast<double>(steps) * samples_per_step_ / static_cast<double>(std::max<std::size_t>(1, train_in_.num_samples()));
  }
  /// Whether a new best arrived since the last call.
  bool take_improved() { return std::exchange(improved_, false); }
  std::uint64_t best_train_errors() const { return best_train_; }
  const bitvec& best() const { return best_; }
  std::uint64_t best_errors() const { return best_errors_; }
  std::optional<std::uint64_t> best_valid() const { return best_valid_; }
  /// Whether any parameters have been offered (best_errors_ starts at the sentinel UINT64_MAX).
  bool has_best() const { return best_errors_ != UINT64_MAX; }
  std::uint64_t eval_every() const {
    return tp_.eval_every != 0 ? tp_.eval_every : std::max<std::uint64_t>(16, 1 + train_in_.num_samples() / 64);
  }
  std::size_t outputs() const { return m_; }

  static std::uint64_t sum(const std::vector<std::uint64_t>& v) { return std::accumulate(v.begin(), v.end(), std::uint64_t{0}); }

 private:
  const train_params& tp_;
  const tape& scorer_;
  const bit_batch& train_in_;
  const bit_batch* valid_in_;
  std::size_t m_;
  std::uint64_t cared_;
  thread_team& team_;
  clock_type::time_point start_, last_progress_;
  bitvec best_;
  std::uint64_t best_errors_ = UINT64_MAX;
  std::uint64_t best_train_ = UINT64_MAX;
  std::optional<std::uint64_t> best_valid_;
  std::uint64_t last_valid_step_ = 0;
  bool improved_ = false;
  bool stopped_ = false;
  double samples_per_step_ = 1;
  std::uint64_t valid_cared_ = 0;
};

std::uint64_t errors_of(const std::vector<std::uint64_t>& counts, std::size_t m) {
  return std::accumulate(counts.begin(), counts.begin() + static_cast<std::ptrdiff_t>(m), std::uint64_t{0});
}

// rda: one sample at a time, p ← p ⊕ R_P[f](p, x, error).
void run_rda(const tape& step, const bit_batch& full, bitvec& p, run_state& rs, train_stats& st, const train_params& tp,
             rng_type& rng) {
  const std::size_t m = rs.outputs();
  bit_batch one(full.num_wires(), 1);
  std::vector<std::size_t> order(full.num_samples());
  std::iota(order.begin(), order.end(), std::size_t{0});
  rs.offer(p, rs.train_errors(p), 0);
  while (!rs.out_of_budget(st.steps)) {
    std::shuffle(order.begin(), order.end(), rng);
    for (std::size_t k = 0; k < order.size() && !rs.out_of_budget(st.steps); ++k) {
      for (std::size_t w = 0; w < full.num_wires(); ++w) one.set(w, 0, full.get(w, order[k]));
      const auto counts = count_ones(step, one, p, {.threads = 1});
      for (std::size_t j = 0; j < p.size(); ++j) {
        if (counts[m + j] & 1U) p.flip(j);
      }
      ++st.steps;
      ++st.accepted;
      if (st.steps % rs.eval_every() == 0) rs.offer(p, rs.train_errors(p), st.steps);
      if (tp.stop_when_exact && rs.best_train_errors() == 0) return;
    }
    rs.offer(p, rs.train_errors(p), st.steps);
    if (tp.stop_when_exact && rs.best_train_errors() == 0) return;
  }
}

// parity: p ← p ⊕ (parity over the batch of the per-sample parameter changes).
void run_parity(const tape& step, batcher& batches, bitvec& p, run_state& rs, train_stats& st, const train_params& tp) {
  const std::size_t m = rs.outputs();
  while (!rs.out_of_budget(st.steps)) {
    const auto counts = count_ones(step, batches.next(), p, rs.runs());
    const std::uint64_t e = batches.whole() ? errors_of(counts, m) : rs.train_errors(p);
    rs.offer(p, e, st.steps);
    if (tp.stop_when_exact && rs.best_train_errors() == 0) return;
    for (std::size_t j = 0; j < p.size(); ++j) {
      if (counts[m + j] & 1U) p.flip(j);
    }
    ++st.steps;
    ++st.accepted;
  }
}

// vote: rank parameter bits by net gain (fixes − breaks) and propose flips; accept what does not
// make the batch error worse; perturb and restart when stuck.
class vote_search {
 public:
  vote_search(const tape& step, const step_layout& layout, batcher& batches, run_state& rs, train_stats& st,
              const train_params& tp, rng_type& rng, std::size_t num_params)
      : step_(step), layout_(layout), batches_(batches), rs_(rs), st_(st), tp_(tp), rng_(rng),
        gain_(num_params, 0), acc_(num_params, 0.0) {
    patience_ = tp.patience != 0 ? tp.patience : std::max<std::size_t>(32, num_params / 4);
    perturb_flips_ = tp.perturb_flips != 0 ? tp.perturb_flips : std::max<std::size_t>(2, num_params / 100);
    restart_after_ = tp.restart_after != 0 ? tp.restart_after : 50;
  }

  void run(bitvec& p) {
    evaluate(p);
    std::size_t stall = 0, since_best = 0;
    while (!rs_.out_of_budget(st_.steps)) {
      if (tp_.stop_when_exact && rs_.best_train_errors() == 0) return;
      bitvec proposal = p;
      if (!propose(proposal)) {
        stall = patience_;  // nothing left to try here
      } else {
        const auto counts = run_step(proposal);
        const std::uint64_t e = errors_of(counts, rs_.outputs());
        if (e < errors_ || (e == errors_ && (rng_() & 1U))) {
          stall = e < errors_ ? 0 : stall + 1;
          p = std::move(proposal);
          ++st_.accepted;
          if (batches_.whole()) {
            adopt(counts);
            offer(p);
          } else {
            evaluate(p);  // with mini-batches, move on to a fresh batch (proposals compare on one batch)
          }
        } else {
          ++st_.rejected;
          ++stall;
        }
      }
      if (stall >= patience_) {
        since_best = rs_.take_improved() ? 0 : since_best + 1;
        if (since_best > restart_after_ && tp_.stop_when_stalled) {
          st_.stalled = true;
          return;
        }
        if (since_best > restart_after_) {
          p = random_bits(p.size(), rng_);
          std::fill(acc_.begin(), acc_.end(), 0.0);
          ++st_.restarts;
          since_best = 0;
          rs_.emit(train_event_kind::restart, st_.steps, errors_);
        } else {
          for (std::size_t i = 0; i < perturb_flips_; ++i) p.flip(rng_() % p.size());
          ++st_.perturbations;
          rs_.emit(train_event_kind::perturb, st_.steps, errors_);
        }
        evaluate(p);
        stall = 0;
      }
    }
  }

 private:
  // One pass of the step circuit over the current batch.
  std::vector<std::uint64_t> run_step(const bitvec& p) {
    ++st_.steps;
    return count_ones(step_, *batch_, p, rs_.runs());
  }
  // Draws the next batch and takes the counts of p on it.
  void evaluate(const bitvec& p) {
    batch_ = &batches_.next();
    adopt(run_step(p));
    offer(p);
  }
  void offer(const bitvec& p) { rs_.offer(p, batches_.whole() ? errors_ : rs_.train_errors(p), st_.steps); }

  // Takes the counts of the current parameters: errors, gains, and the ranked candidate list.
  void adopt(const std::vector<std::uint64_t>& counts) {
    const std::size_t m = rs_.outputs();
    errors_ = errors_of(counts, m);
    std::fill(gain_.begin(), gain_.end(), 0);
    for (std::size_t e = 0; e < layout_.votes.size(); ++e) {
      const auto j = layout_.votes[e].param;
      gain_[j] += static_cast<std::int64_t>(counts[m + 2 * e]) - static_cast<std::int64_t>(counts[m + 2 * e + 1]);
    }
    const bool stateful = tp_.vote.decay > 0;
    for (std::size_t j = 0; j < gain_.size(); ++j) {
      acc_[j] = stateful ? tp_.vote.decay * acc_[j] + double(gain_[j]) : double(gain_[j]);
    }
    order_.clear();
    for (std::size_t j = 0; j < gain_.size(); ++j) {
      if (acc_[j] > 0 && gain_[j] >= 0) order_.push_back(static_cast<std::uint32_t>(j));
    }
    // Ties broken at random (a shuffle before a stable sort), so equal gains do not always pick the same bit.
    std::shuffle(order_.begin(), order_.end(), rng_);
    std::stable_sort(order_.begin(), order_.end(), [&](std::uint32_t a, std::uint32_t b) { return acc_[a] > acc_[b]; });
    cursor_ = 0;
    batch_tried_ = false;
  }

  // Flips the next proposal into p; false when the ranked list is exhausted.
  bool propose(bitvec& p) {
    if (cursor_ >= order_.size()) return false;
    const double best = acc_[order_[0]];
    if (tp_.vote.threshold > 0 && !batch_tried_) {
      // One proposal flips every bit near the best gain; if it is rejected, single flips follow.
      batch_tried_ = true;
      for (std::size_t n = 0; n < order_.size() && acc_[order_[n]] >= tp_.vote.threshold * best; ++n) p.flip(order_[n]);
      return true;
    }
    if (tp_.vote.temperature > 0) {
      const std::size_t window = std::min<std::size_t>(order_.size() - cursor_, 64);
      std::vector<double> w(window);
      for (std::size_t i = 0; i < window; ++i) w[i] = std::exp((acc_[order_[cursor_ + i]] - best) / (tp_.vote.temperature * best));
      const std::size_t pick = cursor_ + std::discrete_distribution<std::size_t>(w.begin(), w.end())(rng_);
      std::swap(order_[cursor_], order_[pick]);
      p.flip(order_[cursor_++]);
      return true;
    }
    for (std::size_t i = 0; i < tp_.vote.flips && cursor_ < order_.size(); ++i) p.flip(order_[cursor_++]);
    return true;
  }

  const tape& step_;
  const step_layout& layout_;
  batcher& batches_;
  run_state& rs_;
  train_stats& st_;
  const train_params& tp_;
  rng_type& rng_;
  const bit_batch* batch_ = nullptr;  // the batch the current counts and proposals refer to
  std::vector<std::int64_t> gain_;
  std::vector<double> acc_;
  std::vector<std::uint32_t> order_;
  std::size_t cursor_ = 0;
  bool batch_tried_ = false;  // the threshold proposal of the current ranking was tried
  std::uint64_t errors_ = 0;
  std::size_t patience_, perturb_flips_, restart_after_;
};

}  // namespace

std::uint64_t count_errors(const circuit<z2>& model, const bitvec& params, const bit_dataset& data, unsigned threads) {
  check_shapes(model, data, "the data");
  const tape scorer(error_circuit(model));
  return run_state::sum(count_ones(scorer, step_inputs(data), params, {.threads = threads}));
}

bitvec train(const circuit<z2>& model, const bit_dataset& data, const train_params& tp, train_stats* stats, const bitvec* initial) {
  const bit_dataset* const valid = tp.valid;
  check_shapes(model, data, "the training data");
  if (valid != nullptr) check_shapes(model, *valid, "the validation data");
  if (initial != nullptr && initial->size() != model.num_params()) {
    throw std::invalid_argument("initial parameters have " + std::to_string(initial->size()) + " bits, the model has " +
                                std::to_string(model.num_params()));
  }
  rng_type rng(tp.seed);
  bitvec p = initial != nullptr ? *initial : random_bits(model.num_params(), rng);
  step_layout layout;
  const auto mode = tp.optimizer == optimizer_kind::vote ? cotangent_mode::per_output : cotangent_mode::summed;
  const tape step(training_step_circuit(model, mode, layout));
  const tape scorer(error_circuit(model));
  const bit_batch train_in = step_inputs(data);
  const bit_batch valid_in = valid != nullptr ? step_inputs(*valid) : bit_batch{};
  // One team for every tape run of the training: a step is a few runs of a few milliseconds each.
  thread_team team(tp.threads != 0 ? tp.threads : std::max(1U, std::thread::hardware_concurrency()));
  run_state rs(tp, scorer, train_in, valid != nullptr ? &valid_in : nullptr, model.num_outputs(), data.num_cared_bits(),
               valid != nullptr ? valid->num_cared_bits() : 0, team);
  batcher batches(train_in, tp.batch, rng);
  rs.set_samples_per_step(tp.optimizer == optimizer_kind::rda ? 1.0 : static_cast<double>(batches.size()));

  train_stats st;
  if (model.num_params() == 0) {  // nothing to learn: score the circuit as it is
    rs.offer(p, rs.train_errors(p), 0);
  } else {
    switch (tp.optimizer) {
    case optimizer_kind::rda: run_rda(step, train_in, p, rs, st, tp, rng); break;
    case optimizer_kind::parity: run_parity(step, batches, p, rs, st, tp); break;
    case optimizer_kind::vote: vote_search(step, layout, batches, rs, st, tp, rng, model.num_params()).run(p); break;
    }
  }
  bitvec best = rs.has_best() ? rs.best() : p;
  st.seconds = rs.seconds();
  st.train_errors = rs.train_errors(best);
  st.train_cared_bits = data.num_cared_bits();
  if (valid != nullptr) {
    st.valid_errors = rs.valid_errors(best);
    st.valid_cared_bits = valid->num_cared_bits();
  }
  st.exact = st.train_errors == 0;
  rs.emit(train_event_kind::done, st.steps, st.train_errors);
  if (stats != nullptr) *stats = st;
  return best;
}

}  // namespace bitlens
