// Random layered wiring for gate networks, and the conversions between the model (a 2-LUT network)
// and its compiled form (gate_network).
#include "bitlens/models/gate_layers.hpp"

#include <algorithm>
#include <random>
#include <stdexcept>
#include <string>

namespace bitlens {
namespace {

// 2·width operand slots drawn from `pool` (nodes of the previous layer): whole shuffled copies of
// the pool first (so every node in it is read), then independent draws; a gate's second operand
// differs from its first. Slots hold positions in the pool (with the whole previous layer as the
// pool, positions are nodes).
gate_layer random_layer(const std::vector<std::uint32_t>& pool, std::size_t width, std::mt19937_64& rng) {
  const std::size_t prev = pool.size();
  std::vector<std::uint32_t> slots;
  slots.reserve(2 * width);
  std::vector<std::uint32_t> perm(prev);
  for (std::size_t i = 0; i < prev; ++i) perm[i] = static_cast<std::uint32_t>(i);
  while (slots.size() + prev <= 2 * width) {
    std::shuffle(perm.begin(), perm.end(), rng);
    slots.insert(slots.end(), perm.begin(), perm.end());
  }
  std::uniform_int_distribution<std::uint32_t> any(0, static_cast<std::uint32_t>(prev - 1));
  while (slots.size() < 2 * width) slots.push_back(any(rng));
  std::shuffle(slots.begin(), slots.end(), rng);
  gate_layer layer;
  for (std::size_t j = 0; j < width; ++j) {
    std::uint32_t a = slots[2 * j], b = slots[2 * j + 1];
    if (a == b && prev > 1) b = (b + 1 + any(rng) % static_cast<std::uint32_t>(prev - 1)) % static_cast<std::uint32_t>(prev);
    layer.a.push_back(pool[a]);
    layer.b.push_back(pool[b]);
  }
  return layer;
}

// Local wiring: first operands as shuffled copies of the pool (every allowed input is read when
// width ≥ its size), then each second operand drawn among the allowed inputs near the first one's
// pixel (within `radius` rows and columns, any bit of the pixel).
gate_layer local_layer(const std::vector<std::uint32_t>& pool, std::size_t num_inputs, const gate_layers_params& p, std::mt19937_64& rng) {
  const std::size_t pixels = p.image_rows * p.image_cols, bits = num_inputs / pixels;
  std::vector<bool> allowed(num_inputs, false);
  for (auto i : pool) allowed[i] = true;
  gate_layer layer;
  std::vector<std::uint32_t> perm = pool;
  while (layer.a.size() + pool.size() <= p.width) {
    std::shuffle(perm.begin(), perm.end(), rng);
    layer.a.insert(layer.a.end(), perm.begin(), perm.end());
  }
  std::shuffle(perm.begin(), perm.end(), rng);
  layer.a.insert(layer.a.end(), perm.begin(), perm.begin() + static_cast<std::ptrdiff_t>(p.width - layer.a.size()));
  std::shuffle(layer.a.begin(), layer.a.end(), rng);
  const auto r = static_cast<std::ptrdiff_t>(p.local_radius);
  std::uniform_int_distribution<std::ptrdiff_t> offset(-r, r);
  std::uniform_int_distribution<std::size_t> bit(0, bits - 1), any(0, pool.size() - 1);
  for (const std::uint32_t a : layer.a) {
    const std::size_t pixel = a / bits;
    const auto row = static_cast<std::ptrdiff_t>(pixel / p.image_cols), col = static_cast<std::ptrdiff_t>(pixel % p.image_cols);
    // Rejection sampling; a gate with no other allowed input near it reads one from anywhere.
    std::uint32_t b = a;
    for (int attempt = 0; attempt < 64 && b == a; ++attempt) {
      const std::ptrdiff_t rr = row + offset(rng), cc = col + offset(rng);
      if (rr < 0 || cc < 0 || rr >= static_cast<std::ptrdiff_t>(p.image_rows) || cc >= static_cast<std::ptrdiff_t>(p.image_cols)) continue;
      const std::size_t candidate = (static_cast<std::size_t>(rr) * p.image_cols + static_cast<std::size_t>(cc)) * bits + bit(rng);
      if (allowed[candidate]) b = static_cast<std::uint32_t>(candidate);
    }
    while (b == a && pool.size() > 1) b = pool[any(rng)];
    layer.b.push_back(b);
  }
  return layer;
}

std::vector<std::uint32_t> all_nodes(std::size_t n) {
  std::vector<std::uint32_t> v(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = static_cast<std::uint32_t>(i);
  return v;
}

}  // namespace

gate_network make_gate_layers(std::size_t num_inputs, const gate_layers_params& p) {
  if (p.layers == 0 || p.width == 0) throw std::invalid_argument("gate layers: need at least one layer of at least one gate");
  if (num_inputs == 0) throw std::invalid_argument("gate layers: need at least one input");
  if (!(p.random_fraction >= 0.0 && p.random_fraction <= 1.0)) throw std::invalid_argument("gate layers: random_fraction must be in [0, 1]");
  std::mt19937_64 rng(p.seed);
  for (auto i : p.first_layer_inputs) {
    if (i >= num_inputs) throw std::invalid_argument("gate layers: first_layer_inputs names input " + std::to_string(i) + " of " + std::to_string(num_inputs));
  }
  if (p.local_radius > 0 && (p.image_rows == 0 || p.image_cols == 0 || num_inputs % (p.image_rows * p.image_cols) != 0)) {
    throw std::invalid_argument("gate layers: local wiring needs an image shape whose pixels divide the " + std::to_string(num_inputs) + " inputs");
  }
  std::vector<gate_layer> layers;
  const auto widest = std::max(num_inputs, p.width);
  const std::vector<std::uint32_t> nodes = all_nodes(widest);
  for (std::size_t l = 0; l < p.layers; ++l) {
    if (l == 0 && (!p.first_layer_inputs.empty() || p.local_radius > 0)) {
      const std::vector<std::uint32_t> pool = p.first_layer_inputs.empty() ? all_nodes(num_inputs) : p.first_layer_inputs;
      layers.push_back(p.local_radius > 0 ? local_layer(pool, num_inputs, p, rng) : random_layer(pool, p.width, rng));
    } else {
      const std::size_t prev = l == 0 ? num_inputs : p.width;
      layers.push_back(random_layer({nodes.begin(), nodes.begin() + static_cast<std::ptrdiff_t>(prev)}, p.width, rng));
    }
  }
  gate_network net(num_inputs, std::move(layers));
  std::bernoulli_distribution random_table(p.random_fraction);
  std::uniform_int_distribution<int> table(0, 15);
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    if (random_table(rng)) net.set_lut(g, static_cast<std::uint8_t>(table(rng)));
  }
  return net;
}

std::vector<std::uint32_t> informative_inputs(const bit_batch& samples, double min_fraction) {
  std::vector<std::uint32_t> out;
  const double n = static_cast<double>(samples.num_samples());
  for (std::size_t i = 0; i < samples.num_wires(); ++i) {
    const double ones = static_cast<double>(samples.wire(i).popcount());
    if (ones > 0 && ones < n && ones >= min_fraction * n && n - ones >= min_fraction * n) out.push_back(static_cast<std::uint32_t>(i));
  }
  return out;
}

lut_network to_lut_network(const gate_network& net) {
  lut_network out;
  out.num_inputs = net.num_inputs();
  out.num_outputs = net.num_outputs();
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    out.luts.push_back({{net.operand_a()[g], net.operand_b()[g]}, 4 * g});
  }
  out.num_params = 4 * net.num_gates();
  return out;
}

bitvec gate_tables_as_params(const gate_network& net) {
  bitvec p(4 * net.num_gates());
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    for (unsigned e = 0; e < 4; ++e) p.set(4 * g + e, ((net.luts()[g] >> e) & 1U) != 0);
  }
  return p;
}

gate_network compile_gate_layers(const lut_network& net, const bitvec* params) {
  if (params != nullptr && params->size() != net.num_params) {
    throw std::invalid_argument("compile_gate_layers: " + std::to_string(params->size()) + " parameter bits for a network of " +
                                std::to_string(net.num_params));
  }
  const auto unfit = [](std::size_t g, const std::string& why) {
    return std::invalid_argument("compile_gate_layers: LUT " + std::to_string(g) + " " + why);
  };
  // Layers: a LUT whose sources lie in the layer being built belongs to the next; node numbers of
  // the current layer are [first, end), of the layer below [below, first).
  std::vector<gate_layer> layers;
  std::size_t below = 0, first = net.num_inputs;  // the layer below starts as the inputs
  for (std::size_t g = 0; g < net.luts.size(); ++g) {
    const auto& lut = net.luts[g];
    if (lut.sources.size() != 2) throw unfit(g, "has " + std::to_string(lut.sources.size()) + " inputs, not 2");
    if (lut.first_param != 4 * g) throw unfit(g, "has its table at parameter " + std::to_string(lut.first_param) + ", not " + std::to_string(4 * g));
    const std::size_t node = net.num_inputs + g;
    const bool reads_current = !layers.empty() && (lut.sources[0] >= first || lut.sources[1] >= first);
    if (layers.empty() || reads_current) {  // a new layer starts at this LUT
      if (!layers.empty()) below = first, first = node;
      layers.emplace_back();
    }
    for (auto s : lut.sources) {
      if (s < below || s >= first) {
        throw unfit(g, "reads node " + std::to_string(s) + ", outside the layer below it (nodes " + std::to_string(below) + "–" +
                           std::to_string(first - 1) + ")");
      }
    }
    layers.back().a.push_back(static_cast<std::uint32_t>(lut.sources[0] - below));
    layers.back().b.push_back(static_cast<std::uint32_t>(lut.sources[1] - below));
  }
  if (layers.empty() || layers.back().a.size() != net.num_outputs) {
    throw std::invalid_argument("compile_gate_layers: the last layer has " + std::to_string(layers.empty() ? 0 : layers.back().a.size()) +
                                " LUTs, the network " + std::to_string(net.num_outputs) + " outputs");
  }
  gate_network out(net.num_inputs, std::move(layers));
  if (params != nullptr) {
    for (std::size_t g = 0; g < out.num_gates(); ++g) {
      unsigned table = 0;
      for (unsigned e = 0; e < 4; ++e) table |= (params->get(4 * g + e) ? 1U : 0U) << e;
      out.set_lut(g, static_cast<std::uint8_t>(table));
    }
  }
  return out;
}

}  // namespace bitlens
