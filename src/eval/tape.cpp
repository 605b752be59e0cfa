// Compilation of a Z2 circuit to a tape, and the tiled, threaded runner.
#include "bitlens/eval/tape.hpp"

#include "bitlens/eval/detail/register_plan.hpp"
#include "bitlens/eval/tile_runner.hpp"
#include "word_kernels.hpp"

#include <algorithm>
#include <bit>
#include <stdexcept>
#include <string>

namespace bitlens {
namespace {

constexpr std::uint32_t zeros_register = 0;
constexpr std::uint32_t ones_register = 1;
constexpr std::size_t scratch_budget_bytes = 256 * 1024;

bool is_const_one(const circuit<z2>& f, wire w) {
  return !f.is_source(w) && f.node_of(w).kind == op::constant && f.node_of(w).value == 1;
}

}  // namespace

tape::tape(const circuit<z2>& f) : num_inputs_(f.num_inputs()), num_params_(f.num_params()) {
  // Over Z2, neg is the identity: the plan makes a neg node an alias of its operand (no code).
  const auto first_slot = static_cast<std::uint32_t>(2 + f.num_sources());
  detail::register_plan<z2> plan(f, 2, first_slot, true);
  for (std::size_t k = 0; k < f.num_nodes(); ++k) {
    if (!plan.emits(k)) continue;
    const auto& nd = f.nodes()[k];
    if (nd.kind == op::constant) {
      plan.reg[f.node_wire(k)] = nd.value ? ones_register : zeros_register;
      continue;
    }
    const wire a = plan.rep[nd.a], b = plan.rep[nd.b];
    bit_instr in{};
    if (nd.kind == op::add && (is_const_one(f, a) || is_const_one(f, b))) {
      in = {bit_op::not_, 0, plan.reg[is_const_one(f, a) ? b : a], 0};
    } else {
      in = {nd.kind == op::add ? bit_op::xor_ : bit_op::and_, 0, plan.reg[a], plan.reg[b]};
    }
    in.dst = plan.destination(k, a, b);
    code_.push_back(in);
  }
  for (wire w : f.outputs()) outputs_.push_back(plan.reg[plan.rep[w]]);
  num_slots_ = plan.num_slots();
}

std::size_t tape::default_tile_words() const noexcept {
  const std::size_t per_word = (num_slots_ + 2) * sizeof(std::uint64_t);
  return std::clamp<std::size_t>(scratch_budget_bytes / std::max<std::size_t>(per_word, 1), 8, 4096);
}

namespace {

void check_shapes(const tape& t, const bit_batch& inputs, const bitvec& params) {
  if (inputs.num_wires() != t.num_inputs() || params.size() != t.num_params()) {
    throw std::invalid_argument("tape: expects " + std::to_string(t.num_inputs()) + " input wires and " +
                                std::to_string(t.num_params()) + " parameters, got " +
                                std::to_string(inputs.num_wires()) + " and " + std::to_string(params.size()));
  }
}

// Runs `t` over tiles [first, end) with stride `stride`, calling sink(tile_start_word, words, regs)
// after each tile. One scratch area per call (per thread), allocated once.
template <class Sink>
void run_tiles(const tape& t, const bit_batch& inputs, const bitvec& params, std::size_t tile_words,
               std::size_t first, std::size_t stride, std::size_t num_tiles, kernels::variant k, Sink&& sink) {
  const std::size_t total_words = words_for_bits(inputs.num_samples());
  word_vector scratch((t.num_slots() + 2) * tile_words, 0);
  std::fill(scratch.begin() + static_cast<std::ptrdiff_t>(tile_words),
            scratch.begin() + static_cast<std::ptrdiff_t>(2 * tile_words), ~std::uint64_t{0});
  std::vector<std::uint64_t*> regs(t.first_slot() + t.num_slots());
  regs[0] = scratch.data();
  regs[1] = scratch.data() + tile_words;
  for (std::size_t j = 0; j < t.num_params(); ++j) regs[2 + t.num_inputs() + j] = params.get(j) ? regs[1] : regs[0];
  for (std::size_t s = 0; s < t.num_slots(); ++s) regs[t.first_slot() + s] = scratch.data() + (2 + s) * tile_words;
  for (std::size_t tile = first; tile < num_tiles; tile += stride) {
    const std::size_t start = tile * tile_words;
    const std::size_t words = std::min(tile_words, total_words - start);
    for (std::size_t i = 0; i < t.num_inputs(); ++i) {
      // Inputs are read in place; the const_cast is safe because no instruction writes a source register.
      regs[2 + i] = const_cast<std::uint64_t*>(inputs.wire(i).words().data() + start);
    }
    k.run(t.instructions(), regs.data(), words);
    sink(start, words, regs.data());
  }
}

template <class Sink>
void run_threaded(const tape& t, const bit_batch& inputs, const bitvec& params, eval_params ep,
                  Sink&& make_sink_for_thread) {
  const std::size_t total_words = words_for_bits(inputs.num_samples());
  const std::size_t tile_words = ep.tile_words != 0 ? ep.tile_words : t.default_tile_words();
  const std::size_t num_tiles = (total_words + tile_words - 1) / tile_words;
  const unsigned members = run_members(ep, num_tiles);
  const kernels::variant k = kernels::select(ep.kernels);
  run_on_members(ep, members, [&](unsigned id) { run_tiles(t, inputs, params, tile_words, id, members, num_tiles, k, make_sink_for_thread(id)); });
}

}  // namespace

bit_batch evaluate(const tape& t, const bit_batch& inputs, const bitvec& params, eval_params ep) {
  check_shapes(t, inputs, params);
  bit_batch out(t.num_outputs(), inputs.num_samples());
  run_threaded(t, inputs, params, ep, [&](unsigned) {
    return [&](std::size_t start, std::size_t words, std::uint64_t* const* regs) {
      for (std::size_t k = 0; k < t.num_outputs(); ++k) {
        std::copy_n(regs[t.output_register(k)], words, out.wire(k).words().data() + start);
      }
    };
  });
  for (std::size_t k = 0; k < t.num_outputs(); ++k) out.wire(k).clear_tail();
  return out;
}

std::vector<std::uint64_t> count_ones(const tape& t, const bit_batch& inputs, const bitvec& params,
                                      eval_params ep) {
  check_shapes(t, inputs, params);
  const std::size_t total_words = words_for_bits(inputs.num_samples());
  const std::uint64_t last_mask = tail_mask(inputs.num_samples());
  const std::size_t tile_words = ep.tile_words != 0 ? ep.tile_words : t.default_tile_words();
  const unsigned members = run_members(ep, (total_words + tile_words - 1) / tile_words);
  std::vector<std::vector<std::uint64_t>> partial(members, std::vector<std::uint64_t>(t.num_outputs(), 0));
  const auto popcount = kernels::select(ep.kernels).popcount;
  run_threaded(t, inputs, params, ep, [&](unsigned id) {
    return [&, id](std::size_t start, std::size_t words, std::uint64_t* const* regs) {
      const bool last_tile = start + words == total_words;
      for (std::size_t k = 0; k < t.num_outputs(); ++k) {
        const std::uint64_t* r = regs[t.output_register(k)];
        std::uint64_t n = popcount(r, last_tile ? words - 1 : words);
        if (last_tile && words > 0) n += static_cast<std::uint64_t>(std::popcount(r[words - 1] & last_mask));
        partial[id][k] += n;
      }
    };
  });
  std::vector<std::uint64_t> total(t.num_outputs(), 0);
  for (const auto& p : partial) {
    for (std::size_t k = 0; k < total.size(); ++k) total[k] += p[k];
  }
  return total;
}

}  // namespace bitlens
