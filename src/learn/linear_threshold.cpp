// Linear threshold units: averaged perceptron, sparse integer rounding, an adder circuit (see the header).
#include "bitlens/learn/linear_threshold.hpp"

#include "bitlens/algebra/cpu_features.hpp"
#include "bitlens/algebra/row_split.hpp"
#include "bitlens/ir/builder.hpp"

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <random>
#include <stdexcept>

namespace bitlens {
namespace {

void check_one_output(const bit_dataset& d, const char* who) {
  if (d.num_outputs() != 1) throw std::invalid_argument(std::string(who) + ": the data needs one output, it has " + std::to_string(d.num_outputs()));
}

// Σ_i w_i·x_i for every sample: each weight added to the samples whose input is 1.
std::vector<std::int64_t> scores(const std::vector<std::int64_t>& w, const bit_batch& inputs) {
  std::vector<std::int64_t> s(inputs.num_samples(), 0);
  for (std::size_t i = 0; i < w.size(); ++i) {
    if (w[i] == 0) continue;
    const auto words = inputs.wire(i).words();
    for (std::size_t k = 0; k < words.size(); ++k) {
      for (std::uint64_t m = words[k]; m != 0; m &= m - 1) s[64 * k + static_cast<std::size_t>(std::countr_zero(m))] += w[i];
    }
  }
  return s;
}

// Addends of the unit's adder: the one-bits of the weights' magnitudes (its size).
std::size_t addends(const threshold_unit& u) {
  std::size_t n = 0;
  for (const auto w : u.weights) n += static_cast<std::size_t>(std::popcount(static_cast<std::uint64_t>(w < 0 ? -w : w)));
  return n;
}

std::size_t errors(const threshold_unit& u, const bit_dataset& d) {
  return popcount_and(threshold_predictions(u, d.inputs) ^ d.targets.wire(0), d.care.wire(0));
}

}  // namespace

std::size_t threshold_unit::support() const {
  return static_cast<std::size_t>(std::count_if(weights.begin(), weights.end(), [](std::int64_t w) { return w != 0; }));
}

bitvec threshold_predictions(const threshold_unit& u, const bit_batch& inputs) {
  if (u.weights.size() != inputs.num_wires()) {
    throw std::invalid_argument("threshold_predictions: the unit has " + std::to_string(u.weights.size()) + " weights for " + std::to_string(inputs.num_wires()) + " inputs");
  }
  const auto s = scores(u.weights, inputs);
  bitvec out(inputs.num_samples());
  for (std::size_t r = 0; r < s.size(); ++r) out.set(r, s[r] >= u.threshold);
  for (const auto i : u.parity) {
    if (i >= inputs.num_wires()) throw std::invalid_argument("threshold_predictions: parity input " + std::to_string(i) + " of " + std::to_string(inputs.num_wires()));
    out ^= inputs.wire(i);
  }
  return out;
}

std::vector<double> perceptron_weights(const bit_dataset& d, std::size_t epochs, std::uint64_t seed) {
  check_one_output(d, "perceptron_weights");
  const std::size_t n = d.num_inputs();
  // Each cared row as the list of its inputs at 1, and its label as ±1.
  std::vector<std::vector<std::uint32_t>> ones;
  std::vector<int> label;
  for (std::size_t r = 0; r < d.num_samples(); ++r) {
    if (!d.care.get(0, r)) continue;
    std::vector<std::uint32_t> row;
    for (std::size_t i = 0; i < n; ++i) {
      if (d.inputs.get(i, r)) row.push_back(static_cast<std::uint32_t>(i));
    }
    ones.push_back(std::move(row));
    label.push_back(d.targets.get(0, r) ? 1 : -1);
  }
  // Averaged perceptron (the bias is weight n): w the current weights, u the sum of each update
  // times the step it was made at, so that the average of w over all steps is w − u / steps.
  std::vector<std::int64_t> w(n + 1, 0), u(n + 1, 0);
  std::int64_t step = 1;
  std::vector<std::size_t> order(ones.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::mt19937_64 rng(seed);
  for (std::size_t e = 0; e < epochs; ++e) {
    std::shuffle(order.begin(), order.end(), rng);
    for (const std::size_t r : order) {
      std::int64_t score = w[n];
      for (const auto i : ones[r]) score += w[i];
      const int t = label[r];
      if (t * score <= 0) {
        for (const auto i : ones[r]) w[i] += t, u[i] += t * step;
        w[n] += t, u[n] += t * step;
      }
      ++step;
    }
  }
  std::vector<double> avg(n + 1);
  for (std::size_t i = 0; i <= n; ++i) avg[i] = static_cast<double>(w[i]) - static_cast<double>(u[i]) / static_cast<double>(step);
  return avg;
}

threshold_unit integer_unit(const std::vector<double>& real, std::size_t support, unsigned bits, const bit_dataset& d) {
  check_one_output(d, "integer_unit");
  const std::size_t n = d.num_inputs();
  if (real.size() != n + 1) throw std::invalid_argument("integer_unit: " + std::to_string(real.size()) + " weights for " + std::to_string(n) + " inputs and the bias");
  if (bits == 0 || bits > 30) throw std::invalid_argument("integer_unit: bits must be from 1 to 30, got " + std::to_string(bits));
  // The `support` weights of largest magnitude (ties: the lower index).
  std::vector<std::size_t> by_size(n);
  std::iota(by_size.begin(), by_size.end(), std::size_t{0});
  std::stable_sort(by_size.begin(), by_size.end(), [&](std::size_t a, std::size_t b) { return std::abs(real[a]) > std::abs(real[b]); });
  if (support > 0 && support < n) by_size.resize(support);
  double largest = 0;
  for (const auto i : by_size) largest = std::max(largest, std::abs(real[i]));
  threshold_unit u{std::vector<std::int64_t>(n, 0), 0, {}};
  if (largest > 0) {
    const double scale = static_cast<double>((std::int64_t{1} << bits) - 1) / largest;
    for (const auto i : by_size) u.weights[i] = std::llround(real[i] * scale);
  }
  // The threshold with the fewest errors on the cared rows: scanning the distinct scores upward,
  // rows below the threshold say 0.
  const auto s = scores(u.weights, d.inputs);
  std::vector<std::pair<std::int64_t, bool>> rows;
  for (std::size_t r = 0; r < s.size(); ++r) {
    if (d.care.get(0, r)) rows.emplace_back(s[r], d.targets.get(0, r));
  }
  std::sort(rows.begin(), rows.end());
  std::size_t zeros_above = 0, ones_below = 0;
  for (const auto& [score, y] : rows) zeros_above += y ? 0 : 1;
  std::size_t best = zeros_above;  // threshold at the smallest score: every row says 1
  u.threshold = rows.empty() ? 0 : rows.front().first;
  for (std::size_t k = 0; k < rows.size();) {
    const std::int64_t v = rows[k].first;
    for (; k < rows.size() && rows[k].first == v; ++k) {
      if (rows[k].second) ++ones_below;
      else --zeros_above;
    }
    const std::size_t e = ones_below + zeros_above;  // threshold just above v
    if (e < best) best = e, u.threshold = v + 1;
  }
  return u;
}

threshold_unit learn_threshold_unit(const bit_dataset& given, const threshold_params& params, threshold_report* report) {
  check_one_output(given, "learn_threshold_unit");
  // With parity inputs, the unit learns y ⊕ their parity, and the parity is added back at the end.
  bit_dataset train = given;
  for (const auto i : params.parity) {
    if (i >= train.num_inputs()) throw std::invalid_argument("learn_threshold_unit: parity input " + std::to_string(i) + " of " + std::to_string(train.num_inputs()));
    train.targets.wire(0) ^= train.inputs.wire(i);
  }
  std::mt19937_64 rng(params.seed);
  const row_split rows = split_rows(train.num_samples(), params.holdout, rng);
  const bit_dataset fit = train.subset(rows.rest), check = train.subset(rows.held);
  const std::vector<double> real = perceptron_weights(fit, params.epochs, rng());
  threshold_report r;
  std::size_t best_errors = SIZE_MAX, best_size = SIZE_MAX;
  for (const auto support : params.supports) {
    for (const auto bits : params.bits) {
      const threshold_unit u = integer_unit(real, support, bits, fit);
      const std::size_t e = errors(u, check), size = addends(u);
      if (e < best_errors || (e == best_errors && size < best_size)) best_errors = e, best_size = size, r = {support, bits, e};
    }
  }
  if (report != nullptr) *report = r;
  threshold_unit u = integer_unit(perceptron_weights(train, params.epochs, rng()), r.support, r.bits == 0 ? 1 : r.bits, train);
  u.parity = params.parity;
  return u;
}

namespace {

// Σ_k (1 − 2·|g ⊕ x_k| / m)² over the inputs k other than skip_i and skip_j: the degree-1 Fourier
// weight of g, with x the inputs' words one after another. The same body is compiled twice, once
// for the popcnt instruction (chosen when the CPU has it), as a portable build otherwise counts bits
// in software; the test compares it with hamming_distance.
template <class Count>
double weight_body(const std::uint64_t* g, const std::uint64_t* x, std::size_t n, std::size_t words, double m, std::size_t skip_i,
                   std::size_t skip_j, Count count) {
  double w = 0;
  for (std::size_t k = 0; k < n; ++k) {
    if (k == skip_i || k == skip_j) continue;
    const std::uint64_t* xk = x + k * words;
    std::uint64_t differ = 0;
    for (std::size_t t = 0; t < words; ++t) differ += count(g[t] ^ xk[t]);
    const double c = 1 - 2 * static_cast<double>(differ) / m;
    w += c * c;
  }
  return w;
}

double weight_portable(const std::uint64_t* g, const std::uint64_t* x, std::size_t n, std::size_t words, double m, std::size_t i, std::size_t j) {
  return weight_body(g, x, n, words, m, i, j, [](std::uint64_t v) { return static_cast<std::uint64_t>(std::popcount(v)); });
}

#if defined(__x86_64__)
__attribute__((target("popcnt"))) double weight_popcnt(const std::uint64_t* g, const std::uint64_t* x, std::size_t n, std::size_t words, double m,
                                                       std::size_t i, std::size_t j) {
  return weight_body(g, x, n, words, m, i, j, [](std::uint64_t v) { return static_cast<std::uint64_t>(__builtin_popcountll(v)); });
}
#endif

using weight_fn = double (*)(const std::uint64_t*, const std::uint64_t*, std::size_t, std::size_t, double, std::size_t, std::size_t);

weight_fn pick_weight() {
#if defined(__x86_64__)
  if (cpu().popcnt) return weight_popcnt;
#endif
  return weight_portable;
}

}  // namespace

parity_pair find_parity_pair(const bit_dataset& d, std::size_t max_rows) {
  check_one_output(d, "find_parity_pair");
  const std::size_t n = d.num_inputs();
  std::vector<std::size_t> rows;
  for (std::size_t r = 0; r < d.num_samples() && rows.size() < max_rows; ++r) {
    if (d.care.get(0, r)) rows.push_back(r);
  }
  parity_pair best;
  best.rows = rows.size();
  if (n < 3 || rows.empty()) return best;
  const bit_batch x = d.inputs.select(rows);
  const bitvec y = d.targets.select(rows).wire(0);
  const std::size_t words = y.num_words();
  std::vector<std::uint64_t> packed(n * words);  // the inputs' words one after another
  for (std::size_t k = 0; k < n; ++k) std::copy(x.wire(k).words().begin(), x.wire(k).words().end(), packed.begin() + static_cast<std::ptrdiff_t>(k * words));
  const double m = static_cast<double>(rows.size());
  const weight_fn weight = pick_weight();
  best.plain_weight = weight(y.words().data(), packed.data(), n, words, m, n, n);
  best.weight = -1;
  std::vector<std::uint64_t> g(words);
  for (std::size_t i = 0; i < n; ++i) {
    for (std::size_t j = i + 1; j < n; ++j) {
      for (std::size_t t = 0; t < words; ++t) g[t] = y.words()[t] ^ packed[i * words + t] ^ packed[j * words + t];
      const double w = weight(g.data(), packed.data(), n, words, m, i, j);
      if (w > best.weight) best.weight = w, best.inputs = {i, j};
    }
  }
  return best;
}

circuit<z2> threshold_circuit(const threshold_unit& u, std::size_t num_inputs, const std::vector<std::string>& input_names) {
  if (u.weights.size() != num_inputs) {
    throw std::invalid_argument("threshold_circuit: the unit has " + std::to_string(u.weights.size()) + " weights for " + std::to_string(num_inputs) + " inputs");
  }
  circuit_builder<z2> b;
  std::vector<wire> x;
  for (std::size_t i = 0; i < num_inputs; ++i) x.push_back(b.input(input_names.size() == num_inputs ? input_names[i] : "x" + std::to_string(i)));
  // Σ w_i x_i ≥ t  ⟺  Σ |w_i|·ℓ_i ≥ t' with ℓ_i = x_i (w_i > 0) or ¬x_i (w_i < 0), since
  // w·x = |w|·¬x − |w| for w < 0, and t' = t + Σ_{w_i < 0} |w_i|.
  std::int64_t total = 0, target = u.threshold;
  for (const auto w : u.weights) total += w < 0 ? -w : w, target += w < 0 ? -w : 0;
  wire out;
  if (target <= 0) out = b.one();
  else if (target > total) out = b.zero();
  else {
    // With K bits holding the sum (total < 2^K), adding c = 2^K − t' carries into bit K exactly
    // when the sum reaches t'. Columns of wires of equal weight are reduced by full and half adders.
    const auto k = static_cast<std::size_t>(std::bit_width(static_cast<std::uint64_t>(total)));
    std::vector<std::vector<wire>> column(k + 2);
    for (std::size_t i = 0; i < num_inputs; ++i) {
      const std::int64_t w = u.weights[i];
      if (w == 0) continue;
      const wire literal = w > 0 ? x[i] : b.not_(x[i]);
      for (std::size_t j = 0; j <= k; ++j) {
        if (((static_cast<std::uint64_t>(w < 0 ? -w : w) >> j) & 1U) != 0) column[j].push_back(literal);
      }
    }
    const auto c = (std::uint64_t{1} << k) - static_cast<std::uint64_t>(target);
    for (std::size_t j = 0; j <= k; ++j) {
      if (((c >> j) & 1U) != 0) column[j].push_back(b.one());
    }
    for (std::size_t j = 0; j <= k; ++j) {
      auto& col = column[j];
      while (col.size() > 1) {
        const wire a = col.back();
        col.pop_back();
        const wire bb = col.back();
        col.pop_back();
        const wire ab = b.add(a, bb);
        if (col.empty()) {  // half adder
          col.push_back(ab);
          column[j + 1].push_back(b.and_(a, bb));
          break;
        }
        const wire cc = col.back();
        col.pop_back();
        col.insert(col.begin(), b.add(ab, cc));  // the sum waits at the front: the others go first
        column[j + 1].push_back(b.or_(b.and_(a, bb), b.and_(cc, ab)));
      }
    }
    out = column[k].empty() ? b.zero() : column[k].front();
  }
  for (const auto i : u.parity) {
    if (i >= num_inputs) throw std::invalid_argument("threshold_circuit: parity input " + std::to_string(i) + " of " + std::to_string(num_inputs));
    out = b.add(out, x[i]);
  }
  b.output(out);
  return b.build({.prune = true});
}

}  // namespace bitlens
