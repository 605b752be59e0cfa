// gate_network construction (wiring validation) and its scalar reference evaluation.
#include "bitlens/eval/gate_network.hpp"

#include <stdexcept>
#include <string>

namespace bitlens {

gate_network::gate_network(std::size_t num_inputs, std::vector<gate_layer> layers) : num_inputs_(num_inputs) {
  if (num_inputs == 0) throw std::invalid_argument("gate_network: no inputs");
  std::size_t prev_first = 0, prev_width = num_inputs;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const auto& layer = layers[l];
    if (layer.a.empty() || layer.a.size() != layer.b.size()) {
      throw std::invalid_argument("gate_network: layer " + std::to_string(l) + " needs as many a as b operands, and at least one gate");
    }
    layer_first_.push_back(luts_.size());
    for (std::size_t j = 0; j < layer.a.size(); ++j) {
      if (layer.a[j] >= prev_width || layer.b[j] >= prev_width) {
        throw std::invalid_argument("gate_network: layer " + std::to_string(l) + " gate " + std::to_string(j) +
                                    " reads node " + std::to_string(std::max(layer.a[j], layer.b[j])) +
                                    " of a previous layer of width " + std::to_string(prev_width));
      }
      a_.push_back(static_cast<std::uint32_t>(prev_first + layer.a[j]));
      b_.push_back(static_cast<std::uint32_t>(prev_first + layer.b[j]));
      luts_.push_back(gate_lut::pass_a);
    }
    prev_first = num_inputs + layer_first_.back();
    prev_width = layer.a.size();
  }
}

void gate_network::set_lut(std::size_t g, std::uint8_t table) {
  if (table > 15) throw std::invalid_argument("gate_network::set_lut: a 2-input table has 4 bits, got " + std::to_string(table));
  luts_.at(g) = table;
}

std::vector<std::uint8_t> evaluate_gates_reference(const gate_network& net, std::span<const std::uint8_t> input_bits) {
  if (input_bits.size() != net.num_inputs()) throw std::invalid_argument("evaluate_gates_reference: wrong number of input bits");
  std::vector<std::uint8_t> v(input_bits.begin(), input_bits.end());
  for (std::size_t g = 0; g < net.num_gates(); ++g) {
    const unsigned e = (v[net.operand_a()[g]] & 1U) + 2U * (v[net.operand_b()[g]] & 1U);
    v.push_back(static_cast<std::uint8_t>((net.luts()[g] >> e) & 1U));
  }
  return v;
}

}  // namespace bitlens
