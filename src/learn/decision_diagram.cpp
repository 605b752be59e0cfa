// Decision diagrams of complete tables, built bottom-up: the table's rows are laid out in the order's
// index (the bottom variable the least significant bit), then pairs of neighbouring entries are merged
// level by level through a unique table, so a diagram for m outputs of n inputs costs O(m·2^n).
#include "bitlens/learn/decision_diagram.hpp"

#include "bitlens/ir/builder.hpp"

#include <algorithm>
#include <bit>
#include <chrono>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_map>

namespace bitlens {
namespace {

using edge = std::uint32_t;                  // 2·node + complemented; node 0 is the constant false
constexpr edge false_edge = 0, true_edge = 1;
constexpr edge free_edge = 0xFFFFFFFFU;      // a cofactor with no cared row: either value will do

bool is_constant(edge e) { return (e >> 1) == 0; }

struct dd_node {
  std::uint32_t level;  // position of its variable in the order
  edge lo, hi;          // the cofactors for variable = 0 and = 1
};

// The table's leaves, one byte per output and row: 0, 1, or 2 for a don't-care.
struct leaves {
  std::size_t n = 0, m = 0;
  std::vector<std::vector<std::uint8_t>> value;

  explicit leaves(const bit_dataset& t) : n(t.num_inputs()), m(t.num_outputs()) {
    if (!diagram_accepts(t)) {
      throw std::invalid_argument("a decision diagram needs a complete table of at most " + std::to_string(max_diagram_inputs) +
                                  " inputs and " + std::to_string(max_diagram_cells) + " rows × outputs");
    }
    value.resize(m);
    for (std::size_t o = 0; o < m; ++o) {
      value[o].resize(std::size_t{1} << n);
      for (std::size_t r = 0; r < value[o].size(); ++r) {
        value[o][r] = !t.care.get(o, r) ? 2 : t.targets.get(o, r) ? 1 : 0;
      }
    }
  }
};

class diagram {
 public:
  diagram(const leaves& l, std::span<const std::size_t> order) : order_(order.begin(), order.end()), unique_(l.n) {
    check_order(l.n);
    const std::size_t rows = std::size_t{1} << l.n;
    // row_of[p]: the table row whose variables, read in the order's index layout, give p.
    std::vector<std::uint32_t> row_of(rows, 0);
    for (std::size_t p = 1; p < rows; ++p) {
      row_of[p] = row_of[p & (p - 1)] | (std::uint32_t{1} << order_[l.n - 1 - static_cast<std::size_t>(std::countr_zero(p))]);
    }
    nodes_.push_back({0, false_edge, false_edge});  // the terminal
    std::vector<edge> level(rows);
    for (std::size_t o = 0; o < l.m; ++o) {
      for (std::size_t p = 0; p < rows; ++p) {
        const auto v = l.value[o][row_of[p]];
        level[p] = v == 2 ? free_edge : v;
      }
      for (std::size_t size = rows, depth = l.n; size > 1; size /= 2) {
        --depth;
        for (std::size_t c = 0; c < size / 2; ++c) level[c] = make(static_cast<std::uint32_t>(depth), level[2 * c], level[2 * c + 1]);
      }
      roots_.push_back(level[0] == free_edge ? false_edge : level[0]);
    }
  }

  diagram_stats stats() const {
    diagram_stats s;
    s.order = order_;
    s.nodes = nodes_.size() - 1;
    for (std::size_t i = 1; i < nodes_.size(); ++i) s.and_estimate += is_constant(nodes_[i].lo) || is_constant(nodes_[i].hi) ? 1 : 3;
    return s;
  }

  circuit<z2> to_circuit(const bit_dataset& t, bool balanced_cubes) const {
    circuit_builder<z2> b;
    std::vector<wire> x;
    for (std::size_t i = 0; i < t.num_inputs(); ++i) x.push_back(b.input(i < t.input_names.size() ? t.input_names[i] : "x" + std::to_string(i)));
    const std::vector<char> cube = balanced_cubes ? cube_nodes() : std::vector<char>(2 * nodes_.size(), 0);
    std::vector<wire> w(nodes_.size());
    w[0] = b.zero();
    const auto wire_of = [&](edge e) {
      if (e != true_edge && cube[e]) return cube_wire(b, x, e);
      return (e & 1U) != 0 ? b.not_(w[e >> 1]) : w[e >> 1];
    };
    for (std::size_t i = 1; i < nodes_.size(); ++i) {  // children come before parents
      const auto& d = nodes_[i];
      // Each node in the shape that costs least: a constant arm makes it one AND (or OR), and
      // hi = ¬lo makes it s ⊕ lo. (lo is never complemented, so lo is never the constant true.)
      const wire s = x[order_[d.level]], lo = wire_of(d.lo), hi = wire_of(d.hi);
      if (d.lo == false_edge) w[i] = b.and_(s, hi);
      else if (d.hi == false_edge) w[i] = b.and_(b.not_(s), lo);
      else if (d.hi == true_edge) w[i] = b.or_(s, lo);
      else if (d.hi == (d.lo ^ 1U)) w[i] = b.add(s, lo);
      else w[i] = b.mux(s, hi, lo);
    }
    for (std::size_t o = 0; o < roots_.size(); ++o) b.output(wire_of(roots_[o]), o < t.output_names.size() ? t.output_names[o] : "y" + std::to_string(o));
    return b.build({.prune = true});  // chain nodes inside balanced cubes are left unused
  }

 private:
  // The cofactors of edge e: those of its node, complemented when e is.
  std::pair<edge, edge> children(edge e) const {
    const auto& d = nodes_[e >> 1];
    return {d.lo ^ (e & 1U), d.hi ^ (e & 1U)};
  }

  // cube[e] for every edge: whether it is a conjunction of literals (true is the empty one).
  // A cube is a chain in the diagram; built as one, cubes over the same variables share only a
  // suffix; built as balanced products (cube_wire), they share aligned sub-products instead.
  std::vector<char> cube_nodes() const {
    std::vector<char> cube(2 * nodes_.size(), 0);
    cube[true_edge] = 1;
    for (edge e = 2; e < cube.size(); ++e) {
      const auto [lo, hi] = children(e);
      cube[e] = (lo == false_edge && cube[hi]) || (hi == false_edge && cube[lo]);
    }
    return cube;
  }

  // The cube of edge e as a product tree over aligned ranges of order positions ([0,2), [2,4), …
  // then [0,4), …), so that equal sub-products of different cubes are one gate (the builder hashes).
  wire cube_wire(circuit_builder<z2>& b, const std::vector<wire>& x, edge e) const {
    std::vector<std::pair<std::size_t, bool>> lits;  // (order position, positive)
    while (e != true_edge) {
      const auto [lo, hi] = children(e);
      lits.emplace_back(nodes_[e >> 1].level, lo == false_edge);
      e = lo == false_edge ? hi : lo;
    }
    const auto product = [&](auto&& self, std::size_t first, std::size_t last, std::size_t lo_pos, std::size_t span) -> wire {
      if (last - first == 1) {
        const wire v = x[order_[lits[first].first]];
        return lits[first].second ? v : b.not_(v);
      }
      std::size_t half = span / 2;
      while (lits[first].first >= lo_pos + half || lits[last - 1].first < lo_pos + half) {  // all on one side
        if (lits[first].first >= lo_pos + half) lo_pos += half;
        half /= 2;
      }
      std::size_t mid = first;
      while (lits[mid].first < lo_pos + half) ++mid;
      return b.and_(self(self, first, mid, lo_pos, half), self(self, mid, last, lo_pos + half, half));
    };
    return product(product, 0, lits.size(), 0, std::bit_ceil(order_.size()));
  }

  void check_order(std::size_t n) const {
    std::vector<char> seen(n, 0);
    for (auto v : order_) {
      if (v >= n || seen[v]) throw std::invalid_argument("a variable order must list each of the " + std::to_string(n) + " inputs once");
      seen[v] = 1;
    }
    if (order_.size() != n) throw std::invalid_argument("a variable order must list each of the " + std::to_string(n) + " inputs once");
  }

  // The reduced node for (level, lo, hi), its lo edge kept uncomplemented so that a function and its
  // complement share one node.
  edge make(std::uint32_t level, edge lo, edge hi) {
    if (lo == free_edge) return hi;
    if (hi == free_edge || lo == hi) return lo;
    const edge neg = lo & 1U;
    lo ^= neg, hi ^= neg;
    const std::uint64_t key = (std::uint64_t{lo} << 32) | hi;
    auto [it, fresh] = unique_[level].try_emplace(key, static_cast<std::uint32_t>(nodes_.size()));
    if (fresh) nodes_.push_back({level, lo, hi});
    return (it->second << 1) | neg;
  }

  std::vector<std::size_t> order_;
  std::vector<std::unordered_map<std::uint64_t, std::uint32_t>> unique_;  // per level
  std::vector<dd_node> nodes_;
  std::vector<edge> roots_;
};

// Rows where flipping input i changes a cared output, summed over outputs (the Boolean difference,
// which is the reverse derivative's count for multilinear circuits).
std::vector<std::size_t> influence(const leaves& l) {
  std::vector<std::size_t> inf(l.n, 0);
  for (std::size_t i = 0; i < l.n; ++i) {
    for (const auto& v : l.value) {
      for (std::size_t r = 0; r < v.size(); ++r) {
        const std::size_t s = r ^ (std::size_t{1} << i);
        inf[i] += v[r] != 2 && v[s] != 2 && v[r] != v[s];
      }
    }
  }
  return inf;
}

}  // namespace

bool diagram_accepts(const bit_dataset& table) {
  return table.num_inputs() <= max_diagram_inputs && table.is_complete_table() &&
         table.num_samples() * std::max<std::size_t>(1, table.num_outputs()) <= max_diagram_cells;
}

diagram_stats diagram_size(const bit_dataset& table, std::span<const std::size_t> order) {
  return diagram(leaves(table), order).stats();
}

circuit<z2> diagram_circuit(const bit_dataset& table, std::span<const std::size_t> order, diagram_shape shape) {
  return diagram(leaves(table), order).to_circuit(table, shape == diagram_shape::balanced_cubes);
}

diagram_stats search_diagram_order(const bit_dataset& table, const diagram_params& params) {
  const auto start = std::chrono::steady_clock::now();
  const auto elapsed = [&] { return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  const leaves l(table);
  const std::size_t n = l.n;
  diagram_stats best;
  std::size_t tried = 0;
  const auto consider = [&](const std::vector<std::size_t>& order) {
    auto s = diagram(l, order).stats();
    ++tried;
    const bool better = best.order.empty() || s.and_estimate < best.and_estimate;
    if (better) best = std::move(s);
    return better;
  };
  // Start candidates: the natural order, its reverse, and the inputs by influence both ways.
  std::vector<std::size_t> natural(n);
  std::iota(natural.begin(), natural.end(), std::size_t{0});
  const auto inf = influence(l);
  std::vector<std::size_t> by_influence = natural;
  std::stable_sort(by_influence.begin(), by_influence.end(), [&](std::size_t a, std::size_t b) { return inf[a] > inf[b]; });
  for (const auto* o : {&natural, &by_influence}) {
    consider(*o);
    consider(std::vector<std::size_t>(o->rbegin(), o->rend()));
  }
  // Sifting: each variable in turn is tried at every position of the best order so far; passes
  // repeat while one improves and time is left.
  for (bool improved = true; improved && n > 1;) {
    improved = false;
    for (const std::size_t v : natural) {
      const auto at = std::find(best.order.begin(), best.order.end(), v) - best.order.begin();
      std::vector<std::size_t> rest = best.order;  // the best order without v
      rest.erase(rest.begin() + at);
      for (std::size_t pos = 0; pos <= rest.size(); ++pos) {
        if (elapsed() >= params.seconds) {
          best.orders_tried = tried;
          return best;
        }
        if (static_cast<std::ptrdiff_t>(pos) == at) continue;  // v where it was: the best order itself
        std::vector<std::size_t> trial = rest;
        trial.insert(trial.begin() + static_cast<std::ptrdiff_t>(pos), v);
        improved = consider(trial) || improved;
      }
    }
  }
  best.orders_tried = tried;
  return best;
}

}  // namespace bitlens
