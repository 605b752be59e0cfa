// The group-sum hinge head, the threaded step and the epoch loop of gate-network training.
#include "bitlens/learn/gate_train.hpp"

#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/eval/group_count.hpp"
#include "bitlens/learn/group_sum.hpp"

#include "epoch_loop.hpp"

#include <algorithm>
#include <barrier>
#include <bit>
#include <chrono>
#include <cmath>
#include <limits>
#include <numeric>
#include <random>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>

namespace bitlens {

struct gate_trainer::worker {
  worker(const gate_network& net, const gate_train_params& p, std::size_t group)
      : pass(net, p.tile_words, p.kernels),
        scorer(p.classes, group, pass.tile_words(), p.kernels),
        active(p.classes * pass.tile_words()),
        matters(p.classes * pass.tile_words()),
        wanted(p.classes * pass.tile_words()),
        sums(256 * gate_count_slots) {
    for (std::size_t k = 0; k < net.num_outputs(); ++k) wires.push_back(pass.output(k));
  }
  gate_pass pass;
  group_scorer scorer;
  std::vector<const std::uint64_t*> wires;  // the pass's output rows (fixed: its buffers never move)
  std::vector<std::uint64_t> active;     // classes × tile words: the hinge is active for the group
  std::vector<std::uint64_t> matters;    // classes × tile words: within the protect margin
  std::vector<std::uint64_t> wanted;     // classes × tile words: the sample's label is the class
  std::vector<std::uint32_t> sums;       // one chunk of gates' summed counts (update_layer)
  std::vector<std::uint32_t> flipped;    // entries this worker flipped in a shared step
  std::size_t correct = 0, flips = 0;   // this step's
};

namespace {

// A step's words: the batch rounded up to whole 256-sample units, independent of the tile, so that
// the tile (a speed choice that may depend on the CPU and the thread count) never changes a step.
std::size_t step_words(std::size_t batch) { return std::max<std::size_t>(1, (batch + 255) / 256) * 4; }

std::size_t chosen_tile_words(const gate_train_params& p, unsigned threads) {
  if (p.tile_words != 0) return p.tile_words;
  // 512-bit registers hold a whole 8-word tile row; with 4 words they run at half width. The wider
  // tile only pays when no thread is left without one.
  const std::size_t processes = p.processes != nullptr ? static_cast<std::size_t>(p.processes->size()) : 1;
  const bool wide = resolve(p.kernels, "gate_trainer") == kernel_variant::avx512;
  return wide && step_words(p.batch) >= 8 * threads * processes ? 8 : 4;
}

}  // namespace

gate_trainer::gate_trainer(gate_network& net, const bit_batch& inputs, std::span<const std::uint32_t> labels,
                           const gate_train_params& p)
    : net_(net), p_(p), num_inputs_(inputs.num_wires()), num_words_(words_for_bits(inputs.num_samples())),
      num_samples_(inputs.num_samples()), group_(0),
      team_(p.threads != 0 ? p.threads : std::max(1U, std::thread::hardware_concurrency())) {
  if (inputs.num_wires() != net.num_inputs() || labels.size() != inputs.num_samples()) {
    throw std::invalid_argument("gate_trainer: the network has " + std::to_string(net.num_inputs()) + " inputs, the data " +
                                std::to_string(inputs.num_wires()) + " input wires and " + std::to_string(labels.size()) +
                                " labels for " + std::to_string(inputs.num_samples()) + " samples");
  }
  if (p.classes < 2 || net.num_outputs() % p.classes != 0) {
    throw std::invalid_argument("gate_trainer: " + std::to_string(net.num_outputs()) + " outputs do not split into " +
                                std::to_string(p.classes) + " groups");
  }
  group_ = net.num_outputs() / p.classes;
  rows_.assign(num_words_ * num_inputs_, 0);
  for (std::size_t i = 0; i < num_inputs_; ++i) {
    const auto src = inputs.wire(i).words();
    for (std::size_t w = 0; w < num_words_; ++w) rows_[w * num_inputs_ + i] = src[w];
  }
  valid_.assign(num_words_, ~std::uint64_t{0});
  if (num_words_ > 0) valid_.back() = tail_mask(num_samples_);
  labels_.assign(num_words_ * 64, 0);
  // The tasks: one of p.classes classes, or p.tasks, whose labels are mixed-radix codes.
  std::uint64_t codes = p.classes;
  if (p.tasks.empty()) {
    task_first_ = {0}, task_classes_ = {static_cast<std::uint32_t>(p.classes)};
  } else {
    std::uint64_t total = 0;
    codes = 1;
    for (auto c : p.tasks) {
      if (c < 2) throw std::invalid_argument("gate_trainer: every task needs at least two classes");
      task_first_.push_back(static_cast<std::uint32_t>(total));
      task_classes_.push_back(c);
      total += c;
      codes *= c;
      if (codes > (std::uint64_t{1} << 32)) throw std::invalid_argument("gate_trainer: the tasks' labels do not fit in 32 bits");
    }
    if (total != p.classes) {
      throw std::invalid_argument("gate_trainer: classes is " + std::to_string(p.classes) + ", the tasks' classes sum to " + std::to_string(total));
    }
  }
  for (std::size_t s = 0; s < labels.size(); ++s) {
    if (labels[s] >= codes) {
      throw std::invalid_argument("gate_trainer: sample " + std::to_string(s) + " has label " + std::to_string(labels[s]) +
                                  ", not below " + std::to_string(codes) + (p.tasks.empty() ? " classes" : " (the tasks' label codes)"));
    }
    labels_[s] = labels[s];
  }
  p_.tile_words = chosen_tile_words(p, team_.size());
  for (unsigned t = 0; t < team_.size(); ++t) workers_.push_back(std::make_unique<worker>(net, p_, group_));
  candidates_.resize(net.num_layers());
  if (!(p.gain_decay >= 0 && p.gain_decay < 1)) throw std::invalid_argument("gate_trainer: gain_decay must be in [0, 1)");
  if (p.gain_decay > 0) accumulated_.assign(4 * net.num_gates(), 0.0F);
  if (p.processes != nullptr && p.processes->size() > 1) {
    if (64 * batch_words() > 65535) {
      throw std::invalid_argument("gate_trainer: a step shared between processes sums its counts in 16 bits, so at most 65,535 samples per step (batch " +
                                  std::to_string(p.batch) + ")");
    }
    reduced_.assign(net.num_gates() * gate_count_slots, 0U);
    packed_.assign(reduced_.size(), 0U);
  }
}

gate_trainer::~gate_trainer() = default;

std::size_t gate_trainer::batch_words() const noexcept { return step_words(p_.batch); }

std::size_t gate_trainer::tile_words() const noexcept { return workers_[0]->pass.tile_words(); }

void gate_trainer::head(worker& w, std::span<const std::uint32_t> tile) {
  const std::size_t W = w.pass.tile_words(), S = w.pass.tile_samples();
  const auto scores = w.scorer.score(w.wires, W);
  std::fill(w.active.begin(), w.active.end(), 0);
  std::fill(w.matters.begin(), w.matters.end(), 0);
  std::fill(w.wanted.begin(), w.wanted.end(), 0);
  const std::uint32_t margin = p_.margin;
  for (std::size_t j = 0; j < tile.size(); ++j) {
    for (std::uint64_t bits = valid_[tile[j]]; bits != 0; bits &= bits - 1) {
      const auto bit = static_cast<std::size_t>(std::countr_zero(bits));
      const std::size_t s = 64 * j + bit;
      std::uint32_t code = labels_[64 * tile[j] + bit];
      for (std::size_t t = 0; t < task_classes_.size(); ++t) {  // one hinge per task, over its own groups
        const std::uint32_t first = task_first_[t], n = task_classes_[t];
        const std::uint32_t y = first + code % n;
        code /= n;
        const auto h = hinge_of(scores.data() + s, S, first, n, y, margin, p_.protect_margin);
        if (t == 0) w.correct += h.predicted == y ? 1 : 0;
        const std::uint64_t m = std::uint64_t{1} << bit;
        w.wanted[y * W + j] |= m;
        if (h.protect) {
          w.matters[y * W + j] |= m;
          w.matters[h.rival * W + j] |= m;
        }
        if (h.push) {
          w.active[y * W + j] |= m;
          w.active[h.rival * W + j] |= m;
        }
      }
    }
  }
  for (std::size_t k = 0; k < net_.num_outputs(); ++k) {
    const std::size_t c = k / group_;
    const std::uint64_t* out = w.pass.output(k);
    std::uint64_t* d = w.pass.output_delta(k);
    std::uint64_t* m = w.pass.output_matters(k);
    for (std::size_t j = 0; j < W; ++j) {
      m[j] = w.matters[c * W + j] | w.active[c * W + j];
      d[j] = (out[j] ^ w.wanted[c * W + j]) & w.active[c * W + j];
    }
  }
}

void gate_trainer::run_tiles(worker& w, std::span<const std::uint32_t> words, std::size_t first_tile, std::size_t stride) {
  const std::size_t W = w.pass.tile_words();
  const std::size_t num_tiles = (words.size() + W - 1) / W;
  for (std::size_t t = first_tile; t < num_tiles; t += stride) {
    const auto tile = words.subspan(t * W, std::min(W, words.size() - t * W));
    for (std::size_t i = 0; i < num_inputs_; ++i) {
      std::uint64_t* dst = w.pass.input(i);
      for (std::size_t j = 0; j < W; ++j) dst[j] = j < tile.size() ? rows_[tile[j] * num_inputs_ + i] : 0;
    }
    w.pass.forward();
    head(w, tile);
    // A step's first tile replaces the counts of the previous step: no clearing pass.
    w.pass.reverse(t == first_tile ? gate_pass::counting::replace : gate_pass::counting::add);
  }
}

gate_step_stats gate_trainer::step(std::span<const std::uint32_t> words) {
  for (auto v : words) {
    if (v >= num_words_) throw std::invalid_argument("gate_trainer::step: word " + std::to_string(v) + " of " + std::to_string(num_words_));
  }
  const std::size_t num_tiles = (words.size() + workers_[0]->pass.tile_words() - 1) / workers_[0]->pass.tile_words();
  if (!reduced_.empty()) return distributed_step(words, num_tiles);
  const auto threads = static_cast<unsigned>(std::clamp<std::size_t>(num_tiles, 1, workers_.size()));
  // Each thread runs its tiles and waits for the others; then it updates whole layers (sums every
  // thread's counts, chooses and flips entries). A layer's update reads only its own gates' counts,
  // so no second wait is needed, and the sums are exact: the result does not depend on threads.
  if (!counted_ || counted_threads_ != threads) {
    counted_ = std::make_unique<std::barrier<>>(static_cast<std::ptrdiff_t>(threads));
    counted_threads_ = threads;
  }
  // Two pointers of capture fit std::function's local buffer: the job allocates nothing.
  const struct {
    std::span<const std::uint32_t> words;
    unsigned threads;
  } job{words, threads};
  team_.run(threads, [this, &job](unsigned t) {
    worker& w = *workers_[t];
    w.correct = w.flips = 0;
    run_tiles(w, job.words, t, job.threads);
    counted_->arrive_and_wait();
    for (std::size_t l = t; l < net_.num_layers(); l += job.threads) w.flips += update_layer(l, job.threads, w.sums, nullptr, nullptr);
  });
  gate_step_stats st;
  for (auto v : words) st.samples += static_cast<std::size_t>(std::popcount(valid_[v]));
  for (std::size_t t = 0; t < threads; ++t) st.correct += workers_[t]->correct, st.flips += workers_[t]->flips;
  return st;
}

gate_step_stats gate_trainer::distributed_step(std::span<const std::uint32_t> words, std::size_t num_tiles) {
  // This process runs the tiles t ≡ rank (mod processes), shared among its threads, which then sum
  // whole layers of their counts into reduced_. The processes own contiguous blocks of layers:
  // one reduce-scatter (in 16 bits: a step's counts are at most its samples) leaves each process the
  // summed counts of its own layers, it chooses and flips their entries, and the flipped entries
  // are gathered, so that every process applies every flip and all hold the same tables.
  const auto ranks = static_cast<std::size_t>(p_.processes->size()), rank = static_cast<std::size_t>(p_.processes->rank());
  const std::size_t mine = num_tiles > rank ? (num_tiles - rank + ranks - 1) / ranks : 0;
  const auto threads = static_cast<unsigned>(std::min<std::size_t>(mine, workers_.size()));
  std::uint64_t correct = 0;  // samples predicted right, summed over the processes below
  if (threads == 0) {
    std::fill(reduced_.begin(), reduced_.end(), 0U);
  } else {
    if (!counted_ || counted_threads_ != threads) {
      counted_ = std::make_unique<std::barrier<>>(static_cast<std::ptrdiff_t>(threads));
      counted_threads_ = threads;
    }
    team_.run(threads, [this, words, threads, rank, ranks](unsigned t) {
      worker& w = *workers_[t];
      w.correct = 0;
      run_tiles(w, words, rank + t * ranks, threads * ranks);
      counted_->arrive_and_wait();
      for (std::size_t l = t; l < net_.num_layers(); l += threads) {
        const std::size_t first = net_.first_gate(l), end = first + net_.width(l);
        std::uint32_t* out = reduced_.data() + first * gate_count_slots;
        std::fill(out, out + (end - first) * gate_count_slots, 0U);
        for (std::size_t k = 0; k < threads; ++k) workers_[k]->pass.add_counts_to(first, end, out);
        std::uint16_t* narrow = packed_.data() + first * gate_count_slots;
        for (std::size_t i = 0; i < (end - first) * gate_count_slots; ++i) narrow[i] = static_cast<std::uint16_t>(out[i]);
      }
    });
    for (unsigned t = 0; t < threads; ++t) correct += workers_[t]->correct;
  }
  if (threads == 0) std::fill(packed_.begin(), packed_.end(), std::uint16_t{0});
  // Process r owns layers [L·r / ranks, L·(r + 1) / ranks).
  const std::size_t layers = net_.num_layers();
  const auto layer_block = [&](std::size_t r) { return std::pair{layers * r / ranks, layers * (r + 1) / ranks}; };
  const auto gate_of = [&](std::size_t l) { return l < layers ? net_.first_gate(l) : net_.num_gates(); };
  block_sizes_.resize(ranks);
  for (std::size_t r = 0; r < ranks; ++r) {
    const auto [l0, l1] = layer_block(r);
    block_sizes_[r] = static_cast<int>((gate_of(l1) - gate_of(l0)) * gate_count_slots);
  }
  const std::size_t own_first = layer_block(rank).first, own_end = layer_block(rank).second;
  const std::size_t g0 = gate_of(own_first), g1 = gate_of(own_end);
  own_.resize((g1 - g0) * gate_count_slots);
  p_.processes->sum_scatter(packed_, block_sizes_, own_);
  std::copy(own_.begin(), own_.end(), reduced_.begin() + static_cast<std::ptrdiff_t>(g0 * gate_count_slots));
  p_.processes->sum(std::span<std::uint64_t>(&correct, 1));
  const std::size_t owned = own_end - own_first;
  const auto updaters = static_cast<unsigned>(std::clamp<std::size_t>(owned, 1, workers_.size()));
  if (owned > 0) {
    team_.run(updaters, [this, updaters, own_first, own_end](unsigned t) {
      worker& w = *workers_[t];
      w.flipped.clear();
      for (std::size_t l = own_first + t; l < own_end; l += updaters) update_layer(l, 0, w.sums, reduced_.data(), &w.flipped);
    });
  }
  flipped_.clear();
  for (unsigned t = 0; t < updaters && owned > 0; ++t) flipped_.insert(flipped_.end(), workers_[t]->flipped.begin(), workers_[t]->flipped.end());
  const auto all = p_.processes->gather(flipped_);
  for (const std::uint32_t entry : all) {
    if (entry / 4 < g0 || entry / 4 >= g1) net_.flip_entry(entry / 4, entry % 4);  // another process's layers
  }
  gate_step_stats st;
  for (auto v : words) st.samples += static_cast<std::size_t>(std::popcount(valid_[v]));
  st.correct = static_cast<std::size_t>(correct);
  st.flips = all.size();
  return st;
}

std::size_t gate_trainer::update_layer(std::size_t layer, std::size_t threads, std::span<std::uint32_t> sums,
                                       const std::uint32_t* reduced, std::vector<std::uint32_t>* flipped_entries) {
  // Each layer gets an equal share of the step's flips: without it, early layers — whose counts
  // sum over every output they reach — take nearly all of them, and their flips are the least
  // predictable (their first-order gains ignore everything downstream).
  const auto budget = static_cast<std::size_t>(
      std::ceil(p_.flip_fraction * static_cast<double>(net_.num_gates()) / static_cast<double>(net_.num_layers())));
  auto& cands = candidates_[layer];
  cands.clear();
  // Highest gain first; equal gains by entry index, so the choice is deterministic.
  const auto before = [](const candidate& x, const candidate& y) { return x.gain != y.gain ? x.gain > y.gain : x.entry < y.entry; };
  // The counts are summed a chunk of gates at a time (sums holds one chunk); gains below min_gain
  // are dropped at once.
  const std::size_t chunk = sums.size() / gate_count_slots, end = net_.first_gate(layer) + net_.width(layer);
  const bool accumulate = !accumulated_.empty();
  const auto decay = static_cast<float>(p_.gain_decay);
  // Without accumulators, a gate no sample wants flipped (|δ| = 0) has every entry's gain
  // −matter ≤ 0 and can be skipped; with them, its accumulators still decay.
  const bool skip_unwanted = p_.min_gain > 0 && !accumulate;
  const std::uint8_t* luts = net_.luts().data();  // read only here: the flips come after the scan
  std::int64_t entry_floor = budget > 0 ? p_.min_gain : std::numeric_limits<std::int64_t>::max();
  for (std::size_t first = net_.first_gate(layer); first < end; first += chunk) {
    const std::size_t n = std::min(chunk, end - first);
    if (reduced != nullptr) {
      std::copy_n(reduced + first * gate_count_slots, n * gate_count_slots, sums.begin());
    } else {
      std::fill_n(sums.begin(), n * gate_count_slots, 0U);
      for (std::size_t t = 0; t < threads; ++t) workers_[t]->pass.add_counts_to(first, first + n, sums.data());
    }
    for (std::size_t i = 0; i < n; ++i) {
      if (skip_unwanted && sums[i * gate_count_slots] == 0) continue;
      const auto gains = entry_gains(sums.subspan(i * gate_count_slots).first<gate_count_slots>());
      const unsigned table = luts[first + i];
      for (unsigned e = 0; e < 4; ++e) {
        const auto entry = static_cast<std::uint32_t>(4 * (first + i) + e);
        std::int64_t gain = gains[e];
        if (accumulate) {
          float& acc = accumulated_[entry];
          acc = decay * acc + static_cast<float>(gain);
          gain = static_cast<std::int64_t>(std::floor(acc));
        }
        if (gain < entry_floor) continue;
        if (!p_.allow_constant && ((table ^ (1U << e)) == 0 || (table ^ (1U << e)) == 15)) continue;
        // Keep the best `budget` candidates in a heap whose front is the worst of them. Entries come
        // in increasing order, so once the heap is full a newcomer must beat the front's gain
        // outright (a tie loses on the index): the floor rises, and most of a layer's tens of
        // thousands of entries are turned away by that one comparison.
        cands.push_back({gain, entry});
        std::push_heap(cands.begin(), cands.end(), before);
        if (cands.size() > budget) {
          std::pop_heap(cands.begin(), cands.end(), before);
          cands.pop_back();
        }
        if (cands.size() == budget) entry_floor = std::max(entry_floor, cands.front().gain + 1);
      }
    }
  }
  std::sort_heap(cands.begin(), cands.end(), before);  // best first: of two entries of one gate, the better flips
  std::size_t flipped = 0;
  for (const auto& c : cands) {
    const unsigned table = net_.luts()[c.entry / 4] ^ (1U << (c.entry % 4));
    if (!p_.allow_constant && (table == 0 || table == 15)) continue;  // a second entry of the same gate this step
    ++flipped;
    net_.flip_entry(c.entry / 4, c.entry % 4);
    if (flipped_entries != nullptr) flipped_entries->push_back(c.entry);
    if (accumulate) accumulated_[c.entry] = 0;
  }
  return flipped;
}

namespace {

void train_flips(gate_network& net, const class_samples& data, const gate_train_params& p, gate_train_stats* stats) {
  gate_trainer trainer(net, data.inputs, data.labels, p);
  std::mt19937_64 rng(p.seed);
  const bool anneal = p.final_flip_fraction > 0 && p.final_flip_fraction != p.flip_fraction;
  const train_event last = detail::run_epochs(
      {.items = trainer.num_words(),
       .batch_items = trainer.batch_words(),
       .samples_per_epoch = data.inputs.num_samples(),
       .budget = p.budget,
       .report_every = p.report_every,
       .needs_fraction = anneal,
       .group = p.processes,
       .step =
           [&](std::span<const std::uint32_t> batch, double fraction) {
             if (anneal) trainer.set_flip_fraction(p.flip_fraction * std::pow(p.final_flip_fraction / p.flip_fraction, fraction));
             const gate_step_stats st = trainer.step(batch);
             return detail::epoch_step{st.samples, st.correct, st.flips};
           },
       .on_event = p.on_event},
      rng);
  if (stats != nullptr) stats->last = last;
}

}  // namespace

void train(gate_network& net, const class_samples& data, const gate_train_params& p, gate_train_stats* stats) {
  if (p.valid != nullptr && !p.tasks.empty()) {
    throw std::invalid_argument("gate training: validation selection measures one task; p.tasks must be empty");
  }
  detail::train_selected(net, data, p, stats, train_flips);
}

}  // namespace bitlens
