// The group-sum head over LUT networks: its training targets and class accuracy.
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

std::vector<std::uint32_t> encode_task_labels(std::span<const std::vector<std::uint32_t>> per_task, std::span<const std::uint32_t> tasks) {
  if (per_task.size() != tasks.size() || tasks.empty()) throw std::invalid_argument("encode_task_labels: one label list per task");
  const std::size_t n = per_task[0].size();
  std::vector<std::uint64_t> codes(n, 0);
  std::uint64_t radix = 1;
  for (std::size_t t = 0; t < tasks.size(); ++t) {
    if (per_task[t].size() != n) throw std::invalid_argument("encode_task_labels: every task needs one label per sample");
    for (std::size_t s = 0; s < n; ++s) {
      if (per_task[t][s] >= tasks[t]) {
        throw std::invalid_argument("encode_task_labels: task " + std::to_string(t) + " has " + std::to_string(tasks[t]) +
                                    " classes, sample " + std::to_string(s) + " has class " + std::to_string(per_task[t][s]));
      }
      codes[s] += radix * per_task[t][s];
    }
    radix *= tasks[t];
    if (radix > (std::uint64_t{1} << 32)) throw std::invalid_argument("encode_task_labels: the codes do not fit in 32 bits");
  }
  return {codes.begin(), codes.end()};
}

std::vector<std::uint32_t> task_labels(std::span<const std::uint32_t> codes, std::span<const std::uint32_t> tasks, std::size_t t) {
  if (t >= tasks.size()) throw std::invalid_argument("task_labels: no task " + std::to_string(t));
  std::uint64_t radix = 1;
  for (std::size_t u = 0; u < t; ++u) radix *= tasks[u];
  std::vector<std::uint32_t> out;
  out.reserve(codes.size());
  for (auto c : codes) out.push_back(static_cast<std::uint32_t>(c / radix % tasks[t]));
  return out;
}

std::vector<std::vector<std::uint32_t>> multitask_predict(const bit_batch& outputs, std::span<const std::uint32_t> tasks) {
  std::size_t groups = 0;
  for (auto c : tasks) groups += c;
  if (groups == 0 || outputs.num_wires() % groups != 0) {
    throw std::invalid_argument("multitask_predict: " + std::to_string(outputs.num_wires()) + " outputs do not split into " +
                                std::to_string(groups) + " equal groups");
  }
  const std::size_t group = outputs.num_wires() / groups;
  std::vector<std::vector<std::uint32_t>> out;
  std::size_t first = 0;
  for (auto c : tasks) {
    bit_batch mine(c * group, outputs.num_samples());
    for (std::size_t k = 0; k < c * group; ++k) mine.wire(k) = outputs.wire(first + k);
    out.push_back(group_sum_predict(mine, c));
    first += c * group;
  }
  return out;
}

double classification_accuracy(std::span<const std::uint32_t> predicted, std::span<const std::uint32_t> labels) {
  if (predicted.size() != labels.size()) throw std::invalid_argument("classification_accuracy: sizes differ");
  if (labels.empty()) return 1.0;
  std::size_t right = 0;
  for (std::size_t s = 0; s < labels.size(); ++s) right += predicted[s] == labels[s] ? 1 : 0;
  return double(right) / double(labels.size());
}

}  // namespace bitlens
