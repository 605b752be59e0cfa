// LUT networks: their seeded wiring (cover or random), their circuit, and architecture strings.
#include "bitlens/models/lut_network.hpp"

#include "bitlens/ir/builder.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <string_view>
#include <numeric>
#include <random>
#include <sstream>
#include <stdexcept>

namespace bitlens {

lut_network make_lut_network(std::size_t num_inputs, std::size_t num_outputs, const lut_network_params& p) {
  if (num_inputs == 0) throw std::invalid_argument("a LUT network needs at least one input (the table has none)");
  if (p.k < 1 || p.k > 8) throw std::invalid_argument("LUT size k must be from 1 to 8, got " + std::to_string(p.k));
  // The size is known before anything is built: refuse it up front rather than fail in bad_alloc.
  std::size_t luts = num_outputs;
  for (std::size_t w : p.widths) luts += std::min(w, max_lut_network_params);
  if (luts > max_lut_network_params >> p.k) {
    throw std::invalid_argument("a network of " + std::to_string(luts) + " " + std::to_string(p.k) + "-LUTs has more than the limit of " +
                                std::to_string(max_lut_network_params) + " parameters");
  }
  std::mt19937_64 rng(p.seed);
  lut_network net;
  net.num_inputs = num_inputs;
  net.num_outputs = num_outputs;
  std::vector<std::size_t> widths = p.widths;
  widths.push_back(num_outputs);
  // Sources available to the current layer: node indices.
  std::vector<std::uint32_t> prev(num_inputs), all(num_inputs);
  std::iota(prev.begin(), prev.end(), 0U);
  std::iota(all.begin(), all.end(), 0U);
  for (std::size_t w : widths) {
    const auto& pool = p.skip ? all : prev;
    const std::size_t arity = std::min(p.k, pool.size());
    std::vector<std::uint32_t> layer;
    std::vector<std::uint32_t> deck;  // for cover wiring: a shuffled copy of the pool, dealt out
    for (std::size_t g = 0; g < w; ++g) {
      lut_network::lut l;
      while (l.sources.size() < arity) {
        std::uint32_t s = 0;
        if (p.wiring == wiring_kind::cover) {
          if (deck.empty()) {
            deck = pool;
            std::shuffle(deck.begin(), deck.end(), rng);
          }
          s = deck.back();
          deck.pop_back();
        } else {
          s = pool[std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(rng)];
        }
        // distinct sources within a LUT (a repeated input would make the LUT non-multilinear)
        if (std::find(l.sources.begin(), l.sources.end(), s) == l.sources.end()) l.sources.push_back(s);
      }
      l.first_param = net.num_params;
      net.num_params += std::size_t{1} << l.sources.size();
      layer.push_back(static_cast<std::uint32_t>(num_inputs + net.luts.size()));
      net.luts.push_back(std::move(l));
    }
    prev = layer;
    all.insert(all.end(), layer.begin(), layer.end());
  }
  return net;
}

circuit<z2> lut_network::build() const {
  circuit_builder<z2> b;
  std::vector<wire> node = b.inputs(num_inputs, "x");
  const auto params = b.params(num_params);
  for (std::size_t g = 0; g < luts.size(); ++g) {
    const auto& l = luts[g];
    std::vector<wire> ins;
    for (auto s : l.sources) ins.push_back(node[s]);
    const std::size_t entries = std::size_t{1} << ins.size();
    for (std::size_t e = 0; e < entries; ++e) b.name(params[l.first_param + e], "t" + std::to_string(g) + "_" + std::to_string(e));
    node.push_back(b.lut(std::span<const wire>(params).subspan(l.first_param, entries), ins));
  }
  for (std::size_t o = 0; o < num_outputs; ++o) b.output(node[num_inputs + luts.size() - num_outputs + o], "y" + std::to_string(o));
  return b.build();
}

std::string lut_network::describe() const {
  std::ostringstream out;
  std::size_t k = 0;
  for (const auto& l : luts) k = std::max(k, l.sources.size());
  out << k << "-LUT network, " << luts.size() << " LUTs, " << num_params << " parameters";
  return out.str();
}

namespace {

// A whole decimal number with nothing around it (no sign, no spaces), or nullopt.
std::optional<std::size_t> whole_number(std::string_view text) {
  std::size_t v = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return v;
}

}  // namespace

lut_network_params parse_architecture(const std::string& text) {
  lut_network_params p;
  const auto colon = text.find(':');
  const auto k = whole_number(std::string_view(text).substr(0, colon));
  if (!k) throw std::invalid_argument("architecture '" + text + "': expected K:W1,W2,... with K the LUT size, e.g. 4:16,8");
  p.k = *k;
  if (colon != std::string::npos) {
    std::stringstream rest(text.substr(colon + 1));
    for (std::string item; std::getline(rest, item, ',');) {
      if (item.empty()) continue;
      const auto w = whole_number(item);
      if (!w || *w == 0) throw std::invalid_argument("architecture '" + text + "': layer width '" + item + "' is not a positive number");
      if (*w > max_lut_network_params) {
        throw std::invalid_argument("architecture '" + text + "': layer width " + item + " is more than the limit of " +
                                    std::to_string(max_lut_network_params));
      }
      p.widths.push_back(*w);
    }
  }
  if (p.k < 1 || p.k > 8) throw std::invalid_argument("architecture '" + text + "': LUT size must be from 1 to 8");
  return p;
}

std::string architecture_string(const lut_network_params& p) {
  std::string s = std::to_string(p.k) + ":";
  for (std::size_t i = 0; i < p.widths.size(); ++i) s += (i ? "," : "") + std::to_string(p.widths[i]);
  return s;
}

}  // namespace bitlens
