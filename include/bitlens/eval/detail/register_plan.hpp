// Internal to the tapes: a circuit's nodes as straight-line code for the planner of slot_plan.hpp,
// shared by the bit-parallel Z2 tape and the lane-parallel field tape. With neg_is_alias
// (characteristic 2) a neg node is its operand and emits no code.
#pragma once

#include "bitlens/eval/detail/slot_plan.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cstdint>
#include <vector>

namespace bitlens::detail {

template <ring R>
struct register_plan {
  const circuit<R>& f;
  std::vector<wire> rep;           // the wire that really holds w's value (neg may be an alias)
  std::vector<std::uint32_t> reg;  // register of each representative wire, once assigned
  liveness lv;                     // over wires: sources first, then node k's wire
  slot_allocator slots;

  /// Sources get registers first_source, first_source + 1, …; slots start at first_slot.
  register_plan(const circuit<R>& c, std::uint32_t first_source, std::uint32_t first_slot_register, bool neg_is_alias)
      : f(c), rep(representatives(c, neg_is_alias)), reg(c.num_wires(), 0), lv(c.num_sources(), ops(c, rep), outputs(c, rep)),
        slots(first_slot_register) {
    for (std::size_t i = 0; i < c.num_sources(); ++i) reg[i] = static_cast<std::uint32_t>(first_source + i);
  }

  /// Whether node k needs code: live and not an alias.
  bool emits(std::size_t k) const {
    const wire self = f.node_wire(k);
    return lv.live[self] && rep[self] == self;
  }

  /// The destination slot for node k reading representatives a and b (b == a for unary nodes).
  std::uint32_t destination(std::size_t k, wire a, wire b) {
    const std::uint32_t s = slots.destination(lv, k, a, reg[a], b, reg[b]);
    reg[f.node_wire(k)] = s;
    return s;
  }

  std::uint32_t num_slots() const noexcept { return slots.num_slots(); }

 private:
  static std::vector<wire> representatives(const circuit<R>& c, bool neg_is_alias) {
    std::vector<wire> r(c.num_wires());
    for (wire w = 0; w < c.num_wires(); ++w) {
      r[w] = (neg_is_alias && !c.is_source(w) && c.node_of(w).kind == op::neg) ? r[c.node_of(w).a] : w;
    }
    return r;
  }
  // Node k as code: it reads the representatives of its operands (none for a constant).
  static std::vector<code_op> ops(const circuit<R>& c, const std::vector<wire>& rep) {
    std::vector<code_op> out(c.num_nodes());
    for (std::size_t k = 0; k < c.num_nodes(); ++k) {
      const auto& nd = c.nodes()[k];
      const int arity = op_arity(nd.kind);
      if (arity >= 1) out[k].a = static_cast<std::uint32_t>(rep[nd.a]);
      if (arity >= 2) out[k].b = static_cast<std::uint32_t>(rep[nd.b]);
    }
    return out;
  }
  static std::vector<std::uint32_t> outputs(const circuit<R>& c, const std::vector<wire>& rep) {
    std::vector<std::uint32_t> out;
    for (wire w : c.outputs()) out.push_back(static_cast<std::uint32_t>(rep[w]));
    return out;
  }
};

}  // namespace bitlens::detail
