// Compilation of a gate_network to specialised word operations, and the tiled inference runner.
#include "bitlens/eval/gate_inference.hpp"

#include "bitlens/eval/detail/slot_plan.hpp"
#include "bitlens/eval/group_count.hpp"
#include "bitlens/eval/tile_runner.hpp"
#include "word_kernels.hpp"

#include <algorithm>
#include <stdexcept>
#include <string>

namespace bitlens {
namespace {

// A value during compilation: id 0 is the constant 0, ids 1…n the inputs, then emitted ops;
// `neg` complements it, so constant 1 is {0, true}.
struct literal {
  std::uint32_t id = 0;
  bool neg = false;
};

struct pending_op {
  bit_op op;
  std::uint32_t a, b;  // value ids
};

// Table t (bit a + 2b) with operand a complemented: entries e and e ^ 1 trade places.
std::uint8_t flip_a(std::uint8_t t) { return static_cast<std::uint8_t>(((t & 0x5) << 1) | ((t & 0xA) >> 1)); }
std::uint8_t flip_b(std::uint8_t t) { return static_cast<std::uint8_t>(((t & 0x3) << 2) | ((t & 0xC) >> 2)); }

class specialiser {
 public:
  explicit specialiser(std::size_t inputs) : next_id_(static_cast<std::uint32_t>(1 + inputs)) {}

  literal gate(std::uint8_t t, literal a, literal b) {
    if (a.neg) t = flip_a(t);
    if (b.neg) t = flip_b(t);
    if (a.id == 0) return unary((t >> 0) & 1U, (t >> 2) & 1U, b.id);  // a = 0: f(b) = t[2b]
    if (b.id == 0) return unary(t & 1U, (t >> 1) & 1U, a.id);         // b = 0: f(a) = t[a]
    if (a.id == b.id) return unary(t & 1U, (t >> 3) & 1U, a.id);       // a = b: f(x) = t[3x]
    switch (t) {
      case 0x0: return {0, false};
      case 0xF: return {0, true};
      case 0xA: return {a.id, false};
      case 0x5: return {a.id, true};
      case 0xC: return {b.id, false};
      case 0x3: return {b.id, true};
      case 0x8: return emit(bit_op::and_, a.id, b.id, false);
      case 0x7: return emit(bit_op::and_, a.id, b.id, true);
      case 0xE: return emit(bit_op::or_, a.id, b.id, false);
      case 0x1: return emit(bit_op::or_, a.id, b.id, true);
      case 0x6: return emit(bit_op::xor_, a.id, b.id, false);
      case 0x9: return emit(bit_op::xor_, a.id, b.id, true);
      case 0x2: return emit(bit_op::andn, a.id, b.id, false);  // a ∧ ¬b
      case 0xD: return emit(bit_op::andn, a.id, b.id, true);
      case 0x4: return emit(bit_op::andn, b.id, a.id, false);  // ¬a ∧ b
      default: return emit(bit_op::andn, b.id, a.id, true);     // 0xB: a ∨ ¬b
    }
  }

  // An output must be materialised positive: a complemented value gets a not_.
  std::uint32_t positive(literal x) {
    if (!x.neg) return x.id;
    if (x.id == 0) return ones_id;
    return emit(bit_op::not_, x.id, x.id, false).id;
  }

  std::vector<pending_op> ops;
  static constexpr std::uint32_t ones_id = 0xffffffffU;  // constant 1 as an output

 private:
  literal unary(unsigned f0, unsigned f1, std::uint32_t x) {
    if (f0 == f1) return {0, f0 != 0};
    return {x, f0 != 0};  // f = x (0,1) or ¬x (1,0)
  }
  literal emit(bit_op op, std::uint32_t a, std::uint32_t b, bool neg) {
    ops.push_back({op, a, b});
    return {next_id_++, neg};
  }
  std::uint32_t next_id_;
};

}  // namespace

compiled_gates::compiled_gates(const gate_network& net) : num_inputs_(net.num_inputs()) {
  const std::size_t n_in = net.num_inputs();
  specialiser sp(n_in);
  std::vector<literal> node(net.num_nodes());
  for (std::size_t i = 0; i < n_in; ++i) node[i] = {static_cast<std::uint32_t>(1 + i), false};
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    node[n_in + g] = sp.gate(net.luts()[g], node[net.operand_a()[g]], node[net.operand_b()[g]]);
  }
  std::vector<std::uint32_t> out_ids;
  const std::size_t first_out = net.num_nodes() - net.num_outputs();
  for (std::size_t k = 0; k < net.num_outputs(); ++k) out_ids.push_back(sp.positive(node[first_out + k]));

  // The emitted ops as straight-line code for the planner (eval/detail/slot_plan.hpp): value 0 is
  // the constant 0, 1 … n the inputs, then one value per op.
  const auto first_op = static_cast<std::uint32_t>(1 + n_in);
  std::vector<detail::code_op> code;
  for (const auto& o : sp.ops) code.push_back({o.a, o.op == bit_op::not_ ? detail::code_op::none : o.b});
  std::vector<std::uint32_t> live_outputs;
  for (auto id : out_ids) {
    if (id != specialiser::ones_id) live_outputs.push_back(id);
  }
  const detail::liveness lv(first_op, code, live_outputs);
  // Registers: 0 zeros, 1 ones, 2 + i input i, then slots.
  std::vector<std::uint32_t> reg(first_op + sp.ops.size(), 0);
  for (std::size_t i = 0; i < n_in; ++i) reg[1 + i] = static_cast<std::uint32_t>(2 + i);
  detail::slot_allocator slots(static_cast<std::uint32_t>(2 + n_in));
  for (std::size_t k = 0; k < sp.ops.size(); ++k) {
    if (!lv.live[first_op + k]) continue;
    const auto& o = sp.ops[k];
    const std::uint32_t dst = slots.destination(lv, k, code[k].a, reg[o.a], code[k].b, code[k].b == detail::code_op::none ? 0 : reg[o.b]);
    reg[first_op + k] = dst;
    code_.push_back({o.op, dst, reg[o.a], reg[o.b]});
  }
  num_slots_ = slots.num_slots();
  for (auto id : out_ids) outputs_.push_back(id == specialiser::ones_id ? 1U : reg[id]);
}

std::size_t compiled_gates::tile_words(const eval_params& ep) const noexcept {
  if (ep.tile_words != 0) return ep.tile_words;
  // Keep the slots within about 1 MiB (half of a 2 MiB L2), in whole AVX2 vectors.
  const std::size_t per_word = (num_slots_ + 2) * sizeof(std::uint64_t);
  return std::clamp<std::size_t>((1U << 20) / per_word / 4 * 4, 4, 1024);
}

template <class Sink>
void compiled_gates::run(const bit_batch& inputs, eval_params ep, Sink&& make_sink) const {
  if (inputs.num_wires() != num_inputs_) {
    throw std::invalid_argument("compiled_gates: expects " + std::to_string(num_inputs_) + " input wires, got " +
                                std::to_string(inputs.num_wires()));
  }
  const std::size_t total_words = words_for_bits(inputs.num_samples());
  const std::size_t tw = tile_words(ep);
  const std::size_t num_tiles = (total_words + tw - 1) / tw;
  const unsigned threads = run_members(ep, num_tiles);
  const auto kernel = kernels::select(ep.kernels);  // the tape's word kernels: one instruction set
  auto worker = [&](unsigned id) {
    auto sink = make_sink(id);
    word_vector scratch((num_slots_ + 2) * tw, 0);
    std::fill_n(scratch.begin() + static_cast<std::ptrdiff_t>(tw), tw, ~std::uint64_t{0});
    std::vector<std::uint64_t*> regs(2 + num_inputs_ + num_slots_);
    regs[0] = scratch.data();
    regs[1] = scratch.data() + tw;
    for (std::size_t s = 0; s < num_slots_; ++s) regs[2 + num_inputs_ + s] = scratch.data() + (2 + s) * tw;
    for (std::size_t tile = id; tile < num_tiles; tile += threads) {
      const std::size_t start = tile * tw, words = std::min(tw, total_words - start);
      // Inputs are read in place; no instruction writes an input register.
      for (std::size_t i = 0; i < num_inputs_; ++i) regs[2 + i] = const_cast<std::uint64_t*>(inputs.wire(i).words().data() + start);
      kernel.run_all(code_, regs.data(), words);
      sink(start, words, regs.data());
    }
  };
  run_on_members(ep, threads, worker);
}

bit_batch compiled_gates::evaluate(const bit_batch& inputs, eval_params ep) const {
  bit_batch out(num_outputs(), inputs.num_samples());
  run(inputs, ep, [&](unsigned) {
    return [&](std::size_t start, std::size_t words, std::uint64_t* const* regs) {
      for (std::size_t k = 0; k < num_outputs(); ++k) std::copy_n(regs[outputs_[k]], words, out.wire(k).words().data() + start);
    };
  });
  for (std::size_t k = 0; k < num_outputs(); ++k) out.wire(k).clear_tail();
  return out;
}

std::vector<std::uint32_t> compiled_gates::predict_groups(const bit_batch& inputs, std::size_t classes, eval_params ep) const {
  if (classes == 0 || num_outputs() % classes != 0) {
    throw std::invalid_argument("predict_groups: " + std::to_string(num_outputs()) + " outputs do not split into " +
                                std::to_string(classes) + " equal groups");
  }
  const std::size_t group = num_outputs() / classes;
  std::vector<std::uint32_t> predicted(inputs.num_samples());
  run(inputs, ep, [&](unsigned) {
    // Per-thread buffers, allocated once per run.
    return [&, wires = std::vector<const std::uint64_t*>(num_outputs()), scorer = group_scorer(classes, group, tile_words(ep), ep.kernels),
            best = std::vector<std::uint32_t>(64 * tile_words(ep))](std::size_t start, std::size_t words,
                                                                    std::uint64_t* const* regs) mutable {
      for (std::size_t k = 0; k < wires.size(); ++k) wires[k] = regs[outputs_[k]];
      scorer.predict(wires, words, best.data());
      const std::size_t first = 64 * start, n = std::min(64 * words, predicted.size() - first);
      std::copy_n(best.begin(), n, predicted.begin() + static_cast<std::ptrdiff_t>(first));
    };
  });
  return predicted;
}

}  // namespace bitlens
