// circuit_builder<R>: the lax, ergonomic way to write a circuit in C++ —
//   circuit_builder<z2> b;  auto x = b.input("x"), y = b.input("y");
//   b.output(b.add(x, y), "s");  b.output(b.mul(x, y), "c");  auto half_adder = b.build();
// Inputs, parameters and nodes may be created in any order; build() renumbers them into the strict
// SSA order of circuit<R> (inputs, parameters, nodes). In simplifying mode (the default) the
// builder folds constants, applies the zero/one laws (x+0 = x, x·0 = 0, x·1 = x, and x+x = 0,
// −x = x in characteristic 2) and hash-conses nodes, so equal subterms are built once.
#pragma once

#include "bitlens/ir/circuit.hpp"

#include <algorithm>
#include <cstddef>
#include <span>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace bitlens {

/// Options of circuit_builder.
struct builder_params {
  /// Fold constants, apply the zero/one laws and hash-cons (see the file comment).
  bool simplify = true;
};

/// Options of circuit_builder::build.
struct build_params {
  /// Drop nodes that no output depends on (dead-code elimination). Sources are always kept.
  bool prune = false;
};

template <ring R>
class circuit_builder {
 public:
  using element = element_t<R>;

  explicit circuit_builder(R ring = R{}, builder_params params = {}) : ring_(std::move(ring)), params_(params) {}

  const R& ring() const noexcept { return ring_; }

  /// A new input wire.
  wire input(std::string name = {}) { return add_entry(kind::input, node<R>{}, std::move(name)); }
  /// A new parameter wire (the distinguished block P of a parametrised map P × A → B).
  wire param(std::string name = {}) { return add_entry(kind::param, node<R>{}, std::move(name)); }
  /// n new inputs named prefix0, prefix1, … (unnamed when prefix is empty).
  std::vector<wire> inputs(std::size_t n, const std::string& prefix = {}) { return sources(n, prefix, false); }
  /// n new parameters named prefix0, prefix1, … (unnamed when prefix is empty).
  std::vector<wire> params(std::size_t n, const std::string& prefix = {}) { return sources(n, prefix, true); }

  wire constant(const element& value) { return make(op::constant, 0, 0, value); }
  wire zero() { return constant(ring_.zero()); }
  wire one() { return constant(ring_.one()); }
  wire add(wire a, wire b) { return make(op::add, a, b, ring_.zero()); }
  wire mul(wire a, wire b) { return make(op::mul, a, b, ring_.zero()); }
  wire neg(wire a) { return make(op::neg, a, 0, ring_.zero()); }
  wire sub(wire a, wire b) { return add(a, neg(b)); }

  // Boolean gates as polynomials; exact on {0,1} values over any ring, the usual gates over Z2.
  /// NOT x = 1 − x (x + 1 over Z2).
  wire not_(wire x) { return sub(one(), x); }
  /// AND = product.
  wire and_(wire x, wire y) { return mul(x, y); }
  /// OR x y = x + y − xy.
  wire or_(wire x, wire y) { return sub(add(x, y), mul(x, y)); }
  /// XOR x y = x + y − 2xy (x + y over Z2).
  wire xor_(wire x, wire y) { return sub(add(x, y), mul(constant(ring_.from_integer(2)), mul(x, y))); }
  /// MUX s a b = s·(a − b) + b: a when s = 1, b when s = 0.
  wire mux(wire s, wire a, wire b) { return add(mul(s, sub(a, b)), b); }
  /// XOR of all wires, as a balanced tree (0 for none).
  wire xor_n(std::span<const wire> xs) { return reduce(xs, zero(), [this](wire a, wire b) { return xor_(a, b); }); }
  /// AND of all wires, as a balanced tree (1 for none).
  wire and_n(std::span<const wire> xs) { return reduce(xs, one(), [this](wire a, wire b) { return and_(a, b); }); }

  /// The k-input lookup table with entries `table` (2^k wires, entry m is the value at the input
  /// pattern whose bit i is inputs[i]): the multilinear polynomial Σ_m table[m]·Π_i [x_i = m_i],
  /// built as a tree of 2^k − 1 muxes. Each table wire is used once, so the LUT is multilinear in
  /// its table and its structural derivative in table[m] is the indicator of pattern m.
  wire lut(std::span<const wire> table, std::span<const wire> inputs) {
    if (table.size() != (std::size_t{1} << inputs.size())) {
      throw std::invalid_argument("circuit_builder::lut: a " + std::to_string(inputs.size()) +
                                  "-input LUT needs " + std::to_string(std::size_t{1} << inputs.size()) +
                                  " table wires, got " + std::to_string(table.size()));
    }
    if (inputs.empty()) return table[0];
    const std::size_t half = table.size() / 2;
    const auto rest = inputs.first(inputs.size() - 1);
    const wire lo = lut(table.first(half), rest);
    const wire hi = lut(table.subspan(half), rest);
    return mux(inputs.back(), hi, lo);
  }

  /// Marks w as the next output.
  void output(wire w, std::string name = {}) {
    check(w);
    outputs_.push_back(w);
    output_names_.push_back(std::move(name));
  }
  /// Gives wire w a name (shown in `.circ`, BLIF, Verilog).
  void name(wire w, std::string name) { entries_.at(w).name = std::move(name); }

  /// Number of wires created so far.
  std::size_t num_wires() const noexcept { return entries_.size(); }
  /// Whether w is a constant node; its value is stored in *value when value is not null.
  bool is_constant(wire w, element* value = nullptr) const {
    const auto& e = entries_.at(w);
    if (e.what != kind::node || e.nd.kind != op::constant) return false;
    if (value != nullptr) *value = e.nd.value;
    return true;
  }

  /// The circuit: inputs, then parameters, then nodes, each in creation order.
  circuit<R> build(build_params bp = {}) const;

 private:
  enum class kind : std::uint8_t { input, param, node };
  struct entry {
    kind what;
    node<R> nd;
    std::string name;
  };
  struct key {
    op kind;
    wire a, b;
    element value;
    bool operator==(const key&) const = default;
  };
  struct key_hash {
    R ring;  // a copy, so that moving the builder leaves no dangling pointer
    std::size_t operator()(const key& k) const noexcept {
      std::size_t h = static_cast<std::size_t>(k.kind) * 0x9e3779b97f4a7c15ULL;
      h ^= (k.a + 0x632be59bd9b4e019ULL + (h << 6) + (h >> 2));
      h ^= (k.b + 0x85ebca6b27d4eb4fULL + (h << 6) + (h >> 2));
      h ^= (ring.hash(k.value) + (h << 6) + (h >> 2));
      return h;
    }
  };

  void check(wire w) const {
    if (w >= entries_.size()) throw std::out_of_range("circuit_builder: wire " + std::to_string(w) + " does not exist");
  }
  wire add_entry(kind what, node<R> nd, std::string name) {
    entries_.push_back(entry{what, nd, std::move(name)});
    return static_cast<wire>(entries_.size() - 1);
  }
  std::vector<wire> sources(std::size_t n, const std::string& prefix, bool is_param) {
    std::vector<wire> out;
    out.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
      std::string nm = prefix.empty() ? std::string{} : prefix + std::to_string(i);
      out.push_back(is_param ? param(std::move(nm)) : input(std::move(nm)));
    }
    return out;
  }
  template <class Combine>
  wire reduce(std::span<const wire> xs, wire empty, Combine combine) {
    if (xs.empty()) return empty;
    std::vector<wire> level(xs.begin(), xs.end());
    while (level.size() > 1) {
      std::vector<wire> next;
      for (std::size_t i = 0; i + 1 < level.size(); i += 2) next.push_back(combine(level[i], level[i + 1]));
      if (level.size() % 2 == 1) next.push_back(level.back());
      level = std::move(next);
    }
    return level[0];
  }

  wire make(op o, wire a, wire b, const element& value);
  bool constant_value(wire w, element& v) const { return is_constant(w, &v); }

  R ring_;
  builder_params params_;
  std::vector<entry> entries_;
  std::vector<wire> outputs_;
  std::vector<std::string> output_names_;
  std::unordered_map<key, wire, key_hash> table_{16, key_hash{ring_}};
};

template <ring R>
wire circuit_builder<R>::make(op o, wire a, wire b, const element& value) {
  const int arity = op_arity(o);
  if (arity >= 1) check(a);
  if (arity == 2) check(b);
  if (params_.simplify) {
    const bool char2 = ring_.characteristic() == 2;
    element va{}, vb{};
    const bool ca = arity >= 1 && constant_value(a, va);
    const bool cb = arity == 2 && constant_value(b, vb);
    const element zero = ring_.zero(), one = ring_.one();
    switch (o) {
      case op::add:
        if (ca && cb) return constant(ring_.add(va, vb));
        if (ca && va == zero) return b;
        if (cb && vb == zero) return a;
        if (char2 && a == b) return constant(zero);
        break;
      case op::mul:
        if (ca && cb) return constant(ring_.mul(va, vb));
        if ((ca && va == zero) || (cb && vb == zero)) return constant(zero);
        if (ca && va == one) return b;
        if (cb && vb == one) return a;
        break;
      case op::neg:
        if (ca) return constant(ring_.neg(va));
        if (char2) return a;
        if (entries_[a].what == kind::node && entries_[a].nd.kind == op::neg) return entries_[a].nd.a;
        break;
      case op::constant:
        break;
    }
    if (arity == 2 && b < a) std::swap(a, b);  // add and mul commute: one canonical order
    const key k{o, arity >= 1 ? a : 0, arity == 2 ? b : 0, o == op::constant ? value : zero};
    if (auto it = table_.find(k); it != table_.end()) return it->second;
    const wire w = add_entry(kind::node, node<R>{o, k.a, k.b, k.value}, {});
    table_.emplace(k, w);
    return w;
  }
  return add_entry(kind::node, node<R>{o, arity >= 1 ? a : 0, arity == 2 ? b : 0, value}, {});
}

template <ring R>
circuit<R> circuit_builder<R>::build(build_params bp) const {
  std::vector<char> live(entries_.size(), 1);
  if (bp.prune) {
    std::fill(live.begin(), live.end(), 0);
    for (wire w : outputs_) live[w] = 1;
    for (std::size_t i = entries_.size(); i-- > 0;) {
      const auto& e = entries_[i];
      if (e.what != kind::node) {
        live[i] = 1;  // sources define the interface and always stay
      } else if (live[i]) {
        const int arity = op_arity(e.nd.kind);
        if (arity >= 1) live[e.nd.a] = 1;
        if (arity == 2) live[e.nd.b] = 1;
      }
    }
  }
  // Renumber: inputs, then parameters, then live nodes, each in creation order.
  std::vector<wire> index(entries_.size(), 0);
  wire next = 0;
  std::size_t num_inputs = 0, num_params = 0;
  for (kind k : {kind::input, kind::param, kind::node}) {
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (entries_[i].what == k && live[i]) {
        index[i] = next++;
        num_inputs += k == kind::input ? 1 : 0;
        num_params += k == kind::param ? 1 : 0;
      }
    }
  }
  std::vector<node<R>> nodes;
  std::vector<std::string> names(next);
  bool any_name = false;
  for (std::size_t i = 0; i < entries_.size(); ++i) {
    if (!live[i]) continue;
    const auto& e = entries_[i];
    names[index[i]] = e.name;
    any_name = any_name || !e.name.empty();
    if (e.what != kind::node) continue;
    node<R> nd = e.nd;
    const int arity = op_arity(nd.kind);
    if (arity >= 1) nd.a = index[nd.a];
    if (arity == 2) nd.b = index[nd.b];
    nodes.push_back(nd);
  }
  std::vector<wire> outputs;
  for (wire w : outputs_) outputs.push_back(index[w]);
  const bool any_output_name =
      std::any_of(output_names_.begin(), output_names_.end(), [](const std::string& s) { return !s.empty(); });
  return circuit<R>(ring_, num_inputs, num_params, std::move(nodes), std::move(outputs),
                    any_name ? std::move(names) : std::vector<std::string>{},
                    any_output_name ? output_names_ : std::vector<std::string>{});
}

/// Replays f into b with its inputs bound to `inputs` and its parameters to `params` (wires of b);
/// returns the wire of b for every wire of f. The workhorse of composition and of every transform
/// that rebuilds a circuit (the reverse derivative needs the whole map, not just the outputs).
template <ring R>
std::vector<wire> append_forward(circuit_builder<R>& b, const circuit<R>& f, std::span<const wire> inputs,
                                 std::span<const wire> params) {
  if (inputs.size() != f.num_inputs() || params.size() != f.num_params()) {
    throw std::invalid_argument("append: the circuit takes " + std::to_string(f.num_inputs()) + " inputs and " +
                                std::to_string(f.num_params()) + " parameters, got " +
                                std::to_string(inputs.size()) + " and " + std::to_string(params.size()));
  }
  std::vector<wire> map(f.num_wires());
  std::copy(inputs.begin(), inputs.end(), map.begin());
  std::copy(params.begin(), params.end(), map.begin() + static_cast<std::ptrdiff_t>(f.num_inputs()));
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    wire w = 0;
    switch (nd.kind) {
      case op::add: w = b.add(map[nd.a], map[nd.b]); break;
      case op::mul: w = b.mul(map[nd.a], map[nd.b]); break;
      case op::neg: w = b.neg(map[nd.a]); break;
      case op::constant: w = b.constant(nd.value); break;
    }
    map[f.node_wire(k)] = w;
  }
  return map;
}

/// Appends f to b (see append_forward) and returns the wires of b carrying f's outputs.
template <ring R>
std::vector<wire> append(circuit_builder<R>& b, const circuit<R>& f, std::span<const wire> inputs,
                         std::span<const wire> params) {
  const auto map = append_forward(b, f, inputs, params);
  std::vector<wire> out;
  out.reserve(f.num_outputs());
  for (wire w : f.outputs()) out.push_back(map[w]);
  return out;
}

}  // namespace bitlens
