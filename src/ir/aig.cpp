// The AIG: construction with structural hashing, cleanup, evaluation, and lowering from / to Z2
// circuits.
#include "bitlens/ir/aig.hpp"

#include "bitlens/ir/builder.hpp"

#include <stdexcept>

namespace bitlens {

aig::aig(std::size_t num_inputs) : num_inputs_(num_inputs) {}

aig::lit aig::and_(lit a, lit b) {
  if (a < b) std::swap(a, b);
  if (b == false_lit) return false_lit;
  if (b == true_lit) return a;
  if (a == b) return a;
  if (a == negate(b)) return false_lit;
  const std::uint64_t key = (std::uint64_t{a} << 32) | b;
  if (const auto it = strash_.find(key); it != strash_.end()) return it->second;
  ands_.push_back({a, b});
  const lit out = static_cast<lit>(2 * max_var());
  strash_.emplace(key, out);
  return out;
}

void aig::add_output(lit x, std::string name) {
  outputs_.push_back(x);
  output_names.push_back(std::move(name));
}

aig aig::cleanup() const {
  std::vector<char> live(max_var() + 1, 0);
  for (lit o : outputs_) live[var_of(o)] = 1;
  for (std::size_t v = max_var(); v > num_inputs_; --v) {
    if (!live[v]) continue;
    const auto& g = gate_of(v);
    live[var_of(g.a)] = 1;
    live[var_of(g.b)] = 1;
  }
  aig out(num_inputs_);
  out.input_names = input_names;
  std::vector<lit> map(max_var() + 1, 0);
  for (std::size_t i = 0; i <= num_inputs_; ++i) map[i] = static_cast<lit>(2 * i);
  auto translate = [&](lit x) { return map[var_of(x)] ^ (x & 1U); };
  for (std::size_t v = num_inputs_ + 1; v <= max_var(); ++v) {
    if (!live[v]) continue;
    const auto& g = gate_of(v);
    map[v] = out.and_(translate(g.a), translate(g.b));
  }
  for (std::size_t k = 0; k < outputs_.size(); ++k) out.add_output(translate(outputs_[k]), output_names[k]);
  return out;
}

aig aig::select_outputs(std::span<const std::size_t> which) const {
  aig t = *this;
  t.outputs_.clear();
  t.output_names.clear();
  for (auto k : which) t.add_output(outputs_.at(k), k < output_names.size() ? output_names[k] : std::string{});
  return t.cleanup();
}

std::vector<bool> aig::evaluate(const std::vector<bool>& inputs) const {
  std::vector<char> v(max_var() + 1, 0);
  for (std::size_t i = 0; i < num_inputs_; ++i) v[i + 1] = inputs.at(i) ? 1 : 0;
  auto value = [&](lit x) { return (v[var_of(x)] ^ (x & 1U)) != 0; };
  for (std::size_t var = num_inputs_ + 1; var <= max_var(); ++var) {
    const auto& g = gate_of(var);
    v[var] = value(g.a) && value(g.b);
  }
  std::vector<bool> out;
  for (lit o : outputs_) out.push_back(value(o));
  return out;
}


namespace {

// The operands of node w of f when it is a node of kind k; nullptr otherwise.
const node<z2>* node_if(const circuit<z2>& f, wire w, op k) {
  if (f.is_source(w)) return nullptr;
  const auto& nd = f.node_of(w);
  return nd.kind == k ? &nd : nullptr;
}

}  // namespace

aig lower_to_aig(const circuit<z2>& f) {
  if (f.num_params() != 0) {
    throw std::invalid_argument("lower_to_aig: the circuit has " + std::to_string(f.num_params()) +
                                " parameters; specialise them to constants first");
  }
  aig g(f.num_inputs());
  std::vector<aig::lit> lit_of(f.num_wires(), aig::false_lit);
  for (std::size_t i = 0; i < f.num_inputs(); ++i) {
    lit_of[i] = g.input(i);
    g.input_names.push_back(f.wire_name(f.input(i)));
  }
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    const auto& nd = f.nodes()[k];
    aig::lit out = aig::false_lit;
    switch (nd.kind) {
      case op::constant: out = nd.value ? aig::true_lit : aig::false_lit; break;
      case op::neg: out = lit_of[nd.a]; break;
      case op::mul: out = g.and_(lit_of[nd.a], lit_of[nd.b]); break;
      case op::add: {
        // MUX: add(mul(s, add(a, b)), b) = s ? a : b.   OR: add(add(x, y), mul(x, y)) = x | y.
        bool done = false;
        for (int side = 0; side < 2 && !done; ++side) {
          const wire u = side == 0 ? nd.a : nd.b, rest = side == 0 ? nd.b : nd.a;
          // With a constant arm the mux is cheaper as what it is (an AND with an inverter).
          if (const auto* m = node_if(f, u, op::mul); m != nullptr && node_if(f, rest, op::constant) == nullptr) {
            for (int ms = 0; ms < 2 && !done; ++ms) {
              const wire s = ms == 0 ? m->a : m->b, t = ms == 0 ? m->b : m->a;
              if (const auto* x = node_if(f, t, op::add); x != nullptr && (x->a == rest || x->b == rest)) {
                const wire a = x->a == rest ? x->b : x->a;
                out = g.mux(lit_of[s], lit_of[a], lit_of[rest]);
                done = true;
              }
            }
          }
          if (!done) {
            const auto* s = node_if(f, u, op::add);
            const auto* p = node_if(f, rest, op::mul);
            if (s != nullptr && p != nullptr && ((s->a == p->a && s->b == p->b) || (s->a == p->b && s->b == p->a))) {
              out = g.or_(lit_of[s->a], lit_of[s->b]);
              done = true;
            }
          }
        }
        if (!done) out = g.xor_(lit_of[nd.a], lit_of[nd.b]);
        break;
      }
    }
    lit_of[f.node_wire(k)] = out;
  }
  for (std::size_t k = 0; k < f.num_outputs(); ++k) g.add_output(lit_of[f.output(k)], f.output_name(k));
  return g.cleanup();
}

circuit<z2> to_circuit(const aig& g) {
  circuit_builder<z2> b;
  std::vector<wire> var_wire(g.max_var() + 1);
  var_wire[0] = b.zero();
  for (std::size_t i = 0; i < g.num_inputs(); ++i) {
    var_wire[i + 1] = b.input(i < g.input_names.size() ? g.input_names[i] : std::string{});
  }
  auto lit_wire = [&](aig::lit x) { return (x & 1U) ? b.not_(var_wire[aig::var_of(x)]) : var_wire[aig::var_of(x)]; };
  for (std::size_t v = g.num_inputs() + 1; v <= g.max_var(); ++v) {
    const auto& gate = g.gate_of(v);
    var_wire[v] = b.mul(lit_wire(gate.a), lit_wire(gate.b));
  }
  for (std::size_t k = 0; k < g.num_outputs(); ++k) {
    b.output(lit_wire(g.output(k)), k < g.output_names.size() ? g.output_names[k] : std::string{});
  }
  return b.build(build_params{.prune = true});
}

}  // namespace bitlens
