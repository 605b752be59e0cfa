// Group-sum classification for labelled data with more than two classes (as in difflogic): a model
// has classes × group output bits; the score of class c is the number of ones in its group, and the
// prediction is the class of highest score (ties: the lowest class). Its loss lens over Z2 is the
// XOR difference against the one-hot expansion of the label — every bit of the true class's group
// should be 1 and every other bit 0 — so training uses the same step circuit as plain bits, with
// these targets (group_sum_targets), and accuracy is measured by argmax (group_sum_predict).
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

/// A dataset whose targets are the one-hot expansion of `labels` (label[s] < classes): output bit
/// c·group + j is 1 exactly when sample s has label c. Inputs are copied from `inputs`.
bit_dataset group_sum_targets(const bit_batch& inputs, std::span<const std::uint32_t> labels, std::size_t classes,
                              std::size_t group);

/// The predicted class of every sample from the model's outputs (classes × group bits, group ≤ 65535;
/// std::invalid_argument otherwise). Counted bit-sliced by group_scorer.
std::vector<std::uint32_t> group_sum_predict(const bit_batch& outputs, std::size_t classes);

/// Multitask labels (gate_train_params::tasks): the code of a sample whose class in task t is
/// per_task[t][s] is y0 + tasks[0]·(y1 + tasks[1]·(y2 + …)). std::invalid_argument for a class out
/// of range, a code past 32 bits or mismatched sizes.
std::vector<std::uint32_t> encode_task_labels(std::span<const std::vector<std::uint32_t>> per_task, std::span<const std::uint32_t> tasks);
/// Task t's class of every sample, from the codes.
std::vector<std::uint32_t> task_labels(std::span<const std::uint32_t> codes, std::span<const std::uint32_t> tasks, std::size_t t);
/// Each task's predicted classes from a multitask model's outputs: its groups task after task,
/// sum(tasks) groups of equal size; within a task as group_sum_predict.
std::vector<std::vector<std::uint32_t>> multitask_predict(const bit_batch& outputs, std::span<const std::uint32_t> tasks);

/// The fraction of samples whose prediction equals the label.
double classification_accuracy(std::span<const std::uint32_t> predicted, std::span<const std::uint32_t> labels);

}  // namespace bitlens
