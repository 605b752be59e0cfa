#include "bitlens/learn/group_sum.hpp"

#include "bitlens/eval/group_count.hpp"

#include <stdexcept>
#include <string>

namespace bitlens {

bit_dataset group_sum_targets(const bit_batch& inputs, std::span<const std::uint32_t> labels, std::size_t classes,
                              std::size_t group) {
  if (labels.size() != inputs.num_samples()) throw std::invalid_argument("group_sum_targets: one label per sample is needed");
  if (classes < 2 || group == 0) throw std::invalid_argument("group_sum_targets: needs at least 2 classes and a group size of 1 or more");
  bit_dataset d = bit_dataset::zeros(inputs.num_wires(), classes * group, inputs.num_samples());
  d.inputs = inputs;
  for (std::size_t s = 0; s < labels.size(); ++s) {
    if (labels[s] >= classes) {
      throw std::invalid_argument("group_sum_targets: label " + std::to_string(labels[s]) + " of sample " + std::to_string(s) +
                                  " is not below " + std::to_string(classes));
    }
    for (std::size_t j = 0; j < group; ++j) d.targets.set(labels[s] * group + j, s, true);
  }
  return d;
}

std::vector<std::uint32_t> group_sum_predict(const bit_batch& outputs, std::size_t classes) {
  if (classes == 0 || outputs.num_wires() % classes != 0) {
    throw std::invalid_argument("group_sum_predict: " + std::to_string(outputs.num_wires()) + " outputs do not split into " +
                                std::to_string(classes) + " equal groups");
  }
  const std::size_t group = outputs.num_wires() / classes, words = words_for_bits(outputs.num_samples());
  std::vector<const std::uint64_t*> wires;
  for (const auto& w : outputs.wires()) wires.push_back(w.words().data());
  std::vector<std::uint32_t> best(64 * words);
  group_scorer(classes, group, words).predict(wires, words, best.data());
  best.resize(outputs.num_samples());
  return best;
}

double classification_accuracy(std::span<const std::uint32_t> predicted, std::span<const std::uint32_t> labels) {
  if (predicted.size() != labels.size()) throw std::invalid_argument("classification_accuracy: sizes differ");
  if (labels.empty()) return 1.0;
  std::size_t right = 0;
  for (std::size_t s = 0; s < labels.size(); ++s) right += predicted[s] == labels[s] ? 1 : 0;
  return double(right) / double(labels.size());
}

}  // namespace bitlens
