// bit_dataset: complete tables, cared bits, and subsets of samples.
#include "bitlens/algebra/bit_dataset.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

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

bit_dataset bit_dataset::complete_table(std::size_t num_inputs, std::size_t num_outputs) {
  if (num_inputs >= 40) throw std::invalid_argument("complete_table: 2^" + std::to_string(num_inputs) + " rows are too many");
  bit_dataset d = zeros(num_inputs, num_outputs, std::size_t{1} << num_inputs);
  for (std::size_t i = 0; i < num_inputs; ++i) {
    // Input i is a square wave of period 2^(i+1): whole words when the period is at least 64 bits.
    auto words = d.inputs.wire(i).words();
    if (i >= 6) {
      const std::size_t run = std::size_t{1} << (i - 6);  // words of 0s, then of 1s
      for (std::size_t w = 0; w < words.size(); ++w) words[w] = ((w / run) & 1U) != 0 ? ~std::uint64_t{0} : 0;
    } else {
      std::uint64_t pattern = 0;
      for (unsigned b = 0; b < 64; ++b) pattern |= std::uint64_t{((b >> i) & 1U)} << b;
      for (auto& w : words) w = pattern;
    }
    d.inputs.wire(i).clear_tail();
  }
  return d;
}

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
