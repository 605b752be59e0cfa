// Internal to eval/: the one liveness analysis and slot allocator of straight-line code, used by
// every code generator here — the bit-parallel Z2 tape and the lane-parallel field tape (through
// register_plan.hpp) and compiled gate inference (gate_inference.cpp). A value's slot is given back
// after its last reader, before that reader's destination is chosen (the kernels are elementwise,
// so an instruction may write over an operand it reads for the last time).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <vector>

namespace bitlens::detail {

/// One operation's operand values; `none` for an operand it does not have (b = a for unary ops is
/// also fine).
struct code_op {
  static constexpr std::uint32_t none = 0xffffffffU;
  std::uint32_t a = none, b = none;
};

/// Values [0, first_op) exist before the code (sources, constants); value first_op + k is op k's
/// result. live[v]: an output depends on v; last_use[v]: 1 + the last op reading v, or `forever`
/// for an output.
struct liveness {
  static constexpr std::size_t forever = static_cast<std::size_t>(-1);
  std::vector<char> live;
  std::vector<std::size_t> last_use;

  liveness(std::size_t first_op, std::span<const code_op> ops, std::span<const std::uint32_t> outputs)
      : live(first_op + ops.size(), 0), last_use(first_op + ops.size(), 0) {
    for (auto v : outputs) {
      live[v] = 1;
      last_use[v] = forever;
    }
    for (std::size_t k = ops.size(); k-- > 0;) {
      if (!live[first_op + k]) continue;
      for (auto v : {ops[k].a, ops[k].b}) {
        if (v == code_op::none) continue;
        live[v] = 1;
        if (last_use[v] != forever) last_use[v] = std::max(last_use[v], k + 1);
      }
    }
  }
};

/// Slots from first_slot on, reused once their value is dead.
class slot_allocator {
 public:
  explicit slot_allocator(std::uint32_t first_slot) : first_slot_(first_slot), next_slot_(first_slot) {}

  /// The slot for op k's result, given its operands (value and register; value none for a missing
  /// operand): operands read for the last time by op k give their slots back first.
  std::uint32_t destination(const liveness& lv, std::size_t k, std::uint32_t a, std::uint32_t a_reg, std::uint32_t b,
                            std::uint32_t b_reg) {
    release_if_dead(lv, a, a_reg, k);
    if (b != a) release_if_dead(lv, b, b_reg, k);
    if (free_slots_.empty()) return next_slot_++;
    const std::uint32_t s = free_slots_.back();
    free_slots_.pop_back();
    return s;
  }

  std::uint32_t num_slots() const noexcept { return next_slot_ - first_slot_; }

 private:
  void release_if_dead(const liveness& lv, std::uint32_t v, std::uint32_t reg, std::size_t k) {
    if (v != code_op::none && reg >= first_slot_ && lv.last_use[v] == k + 1) free_slots_.push_back(reg);
  }
  std::uint32_t first_slot_, next_slot_;
  std::vector<std::uint32_t> free_slots_;
};

}  // namespace bitlens::detail
