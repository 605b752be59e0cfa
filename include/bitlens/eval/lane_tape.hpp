// lane_tape<R>: a circuit over a field compiled for lane-parallel evaluation — structure of
// arrays, one array of elements per register, each instruction one batched kernel call
// (algebra/field_kernels.hpp) over a tile of samples. Registers: broadcast constants, then inputs,
// then broadcast parameters, then scratch slots reused by liveness. Tiles run on threads; every
// lane is computed exactly, so results do not depend on tiling or thread count.
#pragma once

#include "bitlens/algebra/field_kernels.hpp"
#include "bitlens/eval/detail/register_plan.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/eval/tile_runner.hpp"

#include <algorithm>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitlens {

namespace detail {
// Batched kernels where the field has them; a plain loop over the ring otherwise.
template <ring R>
void lane_op(const R& r, op kind, const element_t<R>* a, const element_t<R>* b, element_t<R>* out, std::size_t n) {
  if constexpr (requires { mul_n(r, a, b, out, n); add_n(r, a, b, out, n); neg_n(r, a, out, n); }) {
    switch (kind) {
      case op::add: add_n(r, a, b, out, n); return;
      case op::mul: mul_n(r, a, b, out, n); return;
      case op::neg: neg_n(r, a, out, n); return;
      case op::constant: return;
    }
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      out[i] = kind == op::add ? r.add(a[i], b[i]) : kind == op::mul ? r.mul(a[i], b[i]) : r.neg(a[i]);
    }
  }
}
}  // namespace detail

template <ring R>
class lane_tape {
 public:
  using element = element_t<R>;
  struct instr {
    op kind;
    std::uint32_t dst, a, b;
  };

  /// Compiles f; nodes no output needs produce no instruction.
  explicit lane_tape(const circuit<R>& f) : ring_(f.ring()), num_inputs_(f.num_inputs()), num_params_(f.num_params()) {
    // Constants first: one broadcast register per distinct value.
    std::vector<std::uint32_t> const_reg(f.num_wires(), 0);
    for (std::size_t k = 0; k < f.num_nodes(); ++k) {
      const auto& nd = f.nodes()[k];
      if (nd.kind != op::constant) continue;
      const auto it = std::find(constants_.begin(), constants_.end(), nd.value);
      const_reg[f.node_wire(k)] = static_cast<std::uint32_t>(it - constants_.begin());
      if (it == constants_.end()) constants_.push_back(nd.value);
    }
    const auto first_source = static_cast<std::uint32_t>(constants_.size());
    const auto first_slot = static_cast<std::uint32_t>(first_source + f.num_sources());
    detail::register_plan<R> plan(f, first_source, first_slot, ring_.characteristic() == 2);
    for (std::size_t k = 0; k < f.num_nodes(); ++k) {
      if (!plan.emits(k)) continue;
      const auto& nd = f.nodes()[k];
      if (nd.kind == op::constant) {
        plan.reg[f.node_wire(k)] = const_reg[f.node_wire(k)];
        continue;
      }
      const wire a = plan.rep[nd.a], b = op_arity(nd.kind) == 2 ? plan.rep[nd.b] : a;
      instr in{nd.kind, 0, plan.reg[a], plan.reg[b]};
      in.dst = plan.destination(k, a, b);
      code_.push_back(in);
    }
    for (wire w : f.outputs()) outputs_.push_back(plan.reg[plan.rep[w]]);
    num_slots_ = plan.num_slots();
  }

  const R& ring() const noexcept { return ring_; }
  std::size_t num_inputs() const noexcept { return num_inputs_; }
  std::size_t num_params() const noexcept { return num_params_; }
  std::size_t num_outputs() const noexcept { return outputs_.size(); }
  std::size_t num_slots() const noexcept { return num_slots_; }
  std::span<const instr> instructions() const noexcept { return code_; }
  std::span<const element> constants() const noexcept { return constants_; }
  std::uint32_t output_register(std::size_t k) const { return outputs_.at(k); }
  std::uint32_t first_input_register() const noexcept { return static_cast<std::uint32_t>(constants_.size()); }
  std::uint32_t first_slot() const noexcept { return static_cast<std::uint32_t>(constants_.size() + num_inputs_ + num_params_); }

 private:
  R ring_;
  std::size_t num_inputs_, num_params_, num_slots_ = 0;
  std::vector<element> constants_;
  std::vector<instr> code_;
  std::vector<std::uint32_t> outputs_;
};

/// Samples in lanes: lanes[i][s] is wire i of sample s.
template <ring R>
using lane_batch = std::vector<std::vector<element_t<R>>>;

/// The outputs of t for every sample: one lane array per output. `inputs` has one array per tape
/// input, all of the same length; `params` one element per parameter. std::invalid_argument on a
/// shape mismatch. ep.tile_words is read as lanes per tile (0 = 1024).
template <ring R>
lane_batch<R> evaluate_lanes(const lane_tape<R>& t, const lane_batch<R>& inputs, std::span<const element_t<R>> params,
                             eval_params ep = {}) {
  using element = element_t<R>;
  if (inputs.size() != t.num_inputs() || params.size() != t.num_params()) {
    throw std::invalid_argument("evaluate_lanes: the tape takes " + std::to_string(t.num_inputs()) + " inputs and " +
                                std::to_string(t.num_params()) + " parameters, got " + std::to_string(inputs.size()) +
                                " and " + std::to_string(params.size()));
  }
  const std::size_t n = inputs.empty() ? 0 : inputs[0].size();
  for (const auto& lane : inputs) {
    if (lane.size() != n) throw std::invalid_argument("evaluate_lanes: input lanes have different lengths");
  }
  lane_batch<R> out(t.num_outputs(), std::vector<element>(n));
  const std::size_t tile = ep.tile_words != 0 ? ep.tile_words : 1024;
  const std::size_t tiles = (n + tile - 1) / tile;
  auto work = [&](std::size_t first, std::size_t stride) {
    // Per thread: broadcast registers (constants, parameters) and slots, filled once.
    const std::size_t nconst = t.constants().size(), first_slot = t.first_slot();
    std::vector<element> scratch((nconst + t.num_params() + t.num_slots()) * tile);
    std::vector<element*> regs(first_slot + t.num_slots());
    for (std::size_t c = 0; c < nconst; ++c) {
      regs[c] = scratch.data() + c * tile;
      std::fill_n(regs[c], tile, t.constants()[c]);
    }
    for (std::size_t j = 0; j < t.num_params(); ++j) {
      regs[t.first_input_register() + t.num_inputs() + j] = scratch.data() + (nconst + j) * tile;
      std::fill_n(regs[t.first_input_register() + t.num_inputs() + j], tile, params[j]);
    }
    for (std::size_t s = 0; s < t.num_slots(); ++s) regs[first_slot + s] = scratch.data() + (nconst + t.num_params() + s) * tile;
    for (std::size_t k = first; k < tiles; k += stride) {
      const std::size_t start = k * tile, len = std::min(tile, n - start);
      for (std::size_t i = 0; i < t.num_inputs(); ++i) {
        // Inputs are read in place; no instruction writes a source register.
        regs[t.first_input_register() + i] = const_cast<element*>(inputs[i].data() + start);
      }
      for (const auto& in : t.instructions()) detail::lane_op(t.ring(), in.kind, regs[in.a], regs[in.b], regs[in.dst], len);
      for (std::size_t o = 0; o < t.num_outputs(); ++o) std::copy_n(regs[t.output_register(o)], len, out[o].data() + start);
    }
  };
  const unsigned members = run_members(ep, tiles);
  run_on_members(ep, members, [&](unsigned id) { work(id, members); });
  return out;
}

}  // namespace bitlens
