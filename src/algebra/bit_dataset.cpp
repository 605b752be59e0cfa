#include "bitlens/algebra/bit_dataset.hpp"

namespace bitlens {

bit_dataset bit_dataset::zeros(std::size_t num_inputs, std::size_t num_outputs, std::size_t num_samples) {
  bit_dataset d{bit_batch(num_inputs, num_samples), bit_batch(num_outputs, num_samples),
                bit_batch(num_outputs, num_samples), {}, {}};
  for (std::size_t o = 0; o < num_outputs; ++o) d.care.wire(o).fill(true);
  return d;
}

std::size_t bit_dataset::num_cared_bits() const {
  std::size_t n = 0;
  for (const auto& w : care.wires()) n += w.popcount();
  return n;
}

bool bit_dataset::fully_specified() const { return num_cared_bits() == num_outputs() * num_samples(); }

bool bit_dataset::is_complete_table() const {
  const std::size_t n = num_inputs();
  if (n >= 40 || num_samples() != (std::size_t{1} << n)) return false;
  for (std::size_t i = 0; i < n; ++i) {
    const auto& w = inputs.wire(i);
    for (std::size_t r = 0; r < num_samples(); ++r) {
      if (w.get(r) != (((r >> i) & 1U) != 0)) return false;
    }
  }
  return true;
}

bit_dataset bit_dataset::subset(std::span<const std::size_t> rows) const {
  return bit_dataset{inputs.select(rows), targets.select(rows), care.select(rows), input_names, output_names};
}

}  // namespace bitlens
