// gate_pass: buffers allocated once, and the per-tile calls into the chosen kernel variant.
#include "bitlens/eval/gate_pass.hpp"

#include "gate_kernels.hpp"

#include <algorithm>

namespace bitlens {

std::array<std::int64_t, 4> entry_gains(std::span<const std::uint32_t, gate_count_slots> c) {
  // Selector counts by inclusion–exclusion: entry e = a + 2b, so e3 = a·b, e1 = a·(1−b),
  // e2 = (1−a)·b, e0 = (1−a)(1−b).
  const auto split = [](std::int64_t all, std::int64_t a, std::int64_t b, std::int64_t ab) {
    return std::array<std::int64_t, 4>{all - a - b + ab, a - ab, b - ab, ab};
  };
  const auto fix = split(c[0], c[1], c[2], c[3]);
  const auto matter = split(c[4], c[5], c[6], c[7]);
  return {2 * fix[0] - matter[0], 2 * fix[1] - matter[1], 2 * fix[2] - matter[2], 2 * fix[3] - matter[3]};
}

namespace {

std::size_t widest_layer(const gate_network& net) {
  std::size_t w = 0;
  for (std::size_t l = 0; l < net.num_layers(); ++l) w = std::max(w, net.width(l));
  return w;
}

}  // namespace

gate_pass::gate_pass(const gate_network& net, std::size_t tile_words, kernel_variant kernels)
    : net_(net),
      words_(std::max<std::size_t>(4, (tile_words + 3) / 4 * 4)),
      out_first_(net.num_layers() == 0 ? 0 : net.first_gate(net.num_layers() - 1)),
      kernels_(kernels),
      values_(net.num_nodes() * words_, 0),
      adjoints_{word_vector(widest_layer(net) * 2 * words_, 0), word_vector(widest_layer(net) * 2 * words_, 0)},
      output_rows_(adjoints_[net.num_layers() == 0 ? 0 : (net.num_layers() - 1) % 2].data()),
      counts_(net.num_gates() * gate_count_slots, 0) {
  gate_kernels::select(kernels);  // fail now, not in the first pass, when AVX2 is missing
  for (std::size_t l = 0; l < net.num_layers(); ++l) layer_first_.push_back(net.first_gate(l));
}

gate_kernels::tile_args gate_pass::args() {
  gate_kernels::tile_args t;
  t.num_inputs = net_.num_inputs();
  t.num_gates = net_.num_gates();
  t.num_layers = net_.num_layers();
  t.layer_first = layer_first_.data();
  t.a = net_.operand_a().data();
  t.b = net_.operand_b().data();
  t.luts = net_.luts().data();
  t.words = words_;
  t.values = values_.data();
  t.adjoints[0] = adjoints_[0].data();
  t.adjoints[1] = adjoints_[1].data();
  t.counts = counts_.data();
  // Prefetching the scattered operand rows pays where a tile's state spills out of the L2 (6 × 8000
  // gates: +3–18%) and costs where it fits (6 × 1000: −7–10%), measured; 1 MiB is half a 2 MiB L2.
  const std::size_t state_bytes = (values_.size() + adjoints_[0].size() + adjoints_[1].size()) * sizeof(std::uint64_t) +
                                  counts_.size() * sizeof(std::uint32_t);
  t.prefetch = state_bytes > (std::size_t{1} << 20);
  return t;
}

void gate_pass::forward() { gate_kernels::select(kernels_).forward(args()); }

void gate_pass::reverse(counting mode) {
  auto t = args();
  t.replace_counts = mode == counting::replace;
  gate_kernels::select(kernels_).reverse(t);
}

void gate_pass::add_counts_to(std::size_t first_gate, std::size_t end_gate, std::uint32_t* sum) const {
  const std::uint32_t* c = counts_.data() + first_gate * gate_count_slots;
  const std::size_t n = (end_gate - first_gate) * gate_count_slots;
  for (std::size_t i = 0; i < n; ++i) sum[i] += c[i];
}

}  // namespace bitlens
