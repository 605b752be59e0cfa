// Internal to the tapes: liveness analysis and register allocation shared by the bit-parallel Z2
// tape and the lane-parallel field tape. A node's register is freed after its last reader, before
// the reader's destination is chosen (elementwise kernels may write in place).
#pragma once

#include "bitlens/ir/circuit.hpp"

#include <algorithm>
#include <cstdint>
#include <vector>

namespace bitlens::detail {

template <ring R>
struct register_plan {
  static constexpr std::size_t forever = static_cast<std::size_t>(-1);
  const circuit<R>& f;
  std::vector<wire> rep;              // the wire that really holds w's value (neg may be an alias)
  std::vector<std::size_t> last_use;  // 1 + index of the last node reading the wire; forever = output
  std::vector<char> live;             // whether an output depends on the wire
  std::vector<std::uint32_t> reg;     // register of each representative wire, once assigned
  std::vector<std::uint32_t> free_slots;
  std::uint32_t first_slot;
  std::uint32_t next_slot;

  /// Sources get registers first_source, first_source + 1, …; slots start at first_slot. With
  /// neg_is_alias (characteristic 2), a neg node shares its operand's register.
  register_plan(const circuit<R>& c, std::uint32_t first_source, std::uint32_t first_slot_register, bool neg_is_alias)
      : f(c), rep(c.num_wires()), last_use(c.num_wires(), 0), live(c.num_wires(), 0), reg(c.num_wires(), 0),
        first_slot(first_slot_register), next_slot(first_slot_register) {
    for (wire w = 0; w < c.num_wires(); ++w) {
      rep[w] = (neg_is_alias && !c.is_source(w) && c.node_of(w).kind == op::neg) ? rep[c.node_of(w).a] : w;
    }
    for (std::size_t i = 0; i < c.num_sources(); ++i) reg[i] = static_cast<std::uint32_t>(first_source + i);
    for (wire w : c.outputs()) {
      live[rep[w]] = 1;
      last_use[rep[w]] = forever;
    }
    for (std::size_t k = c.num_nodes(); k-- > 0;) {
      const wire self = c.node_wire(k);
      if (!live[self] || rep[self] != self) continue;
      const auto& nd = c.nodes()[k];
      for (int o = 0; o < op_arity(nd.kind); ++o) {
        const wire w = rep[o == 0 ? nd.a : nd.b];
        live[w] = 1;
        if (last_use[w] != forever) last_use[w] = std::max(last_use[w], k + 1);
      }
    }
  }

  /// Whether node k needs code: live and not an alias.
  bool emits(std::size_t k) const {
    const wire self = f.node_wire(k);
    return live[self] && rep[self] == self;
  }

  /// The destination slot for node k reading representatives a and b (b == a for unary nodes):
  /// operands read for the last time are released first.
  std::uint32_t destination(std::size_t k, wire a, wire b) {
    release_if_dead(a, k);
    if (b != a) release_if_dead(b, k);
    std::uint32_t s = 0;
    if (free_slots.empty()) {
      s = next_slot++;
    } else {
      s = free_slots.back();
      free_slots.pop_back();
    }
    reg[f.node_wire(k)] = s;
    return s;
  }

  std::uint32_t num_slots() const noexcept { return next_slot - first_slot; }

 private:
  void release_if_dead(wire w, std::size_t k) {
    if (reg[w] >= first_slot && last_use[w] == k + 1) free_slots.push_back(reg[w]);
  }
};

}  // namespace bitlens::detail
