// bit_dataset: labelled Boolean samples, bit-sliced — inputs, targets, and a care mask saying which
// target bits are specified (a don't-care is free to be either value). A complete truth table of
// n inputs is the dataset of its 2^n rows, row r having input i equal to bit i of r.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"

#include <span>
#include <string>
#include <vector>

namespace bitlens {

struct bit_dataset {
  bit_batch inputs;   // num_inputs × num_samples
  bit_batch targets;  // num_outputs × num_samples
  bit_batch care;     // num_outputs × num_samples; bit 1 = the target bit is specified
  std::vector<std::string> input_names;   // empty or one per input
  std::vector<std::string> output_names;  // empty or one per output

  /// An all-zero dataset with every target bit cared for.
  static bit_dataset zeros(std::size_t num_inputs, std::size_t num_outputs, std::size_t num_samples);
  /// The complete table of n inputs and m all-zero, cared outputs: 2^n samples, sample r having
  /// input i = bit i of r. std::invalid_argument when n >= 40.
  static bit_dataset complete_table(std::size_t num_inputs, std::size_t num_outputs);

  std::size_t num_inputs() const noexcept { return inputs.num_wires(); }
  std::size_t num_outputs() const noexcept { return targets.num_wires(); }
  std::size_t num_samples() const noexcept { return inputs.num_samples(); }
  /// Number of cared-for target bits (the denominator of accuracy).
  std::size_t num_cared_bits() const;
  /// Whether every target bit is specified.
  bool fully_specified() const;
  /// Whether this is a complete truth table: 2^n samples, sample r having input i = bit i of r.
  bool is_complete_table() const;
  /// The samples listed in `rows`, in that order.
  bit_dataset subset(std::span<const std::size_t> rows) const;
};

}  // namespace bitlens
