// Group-sum classification for labelled data with more than two classes (as in difflogic): a model
// has classes × group output bits; the score of class c is the number of ones in its group, and the
// prediction is the class of highest score (ties: the lowest class). This file is the one home of
// its three losses:
//   - for LUT networks (train.hpp), the XOR difference against the one-hot expansion of the label
//     — every bit of the true class's group should be 1 and every other bit 0 — so training uses
//     the same step circuit as plain bits, with these targets (group_sum_targets);
//   - for the flip rule of gate networks (gate_train.hpp), a hinge: group_hinge;
//   - for their relaxation (gate_relax.hpp), softmax cross-entropy over the group sums divided by a
//     temperature: group_softmax, whose change is the put of the softmax_cross_entropy lens
//     (lens_losses.hpp) at the scaled scores (tested).
// Accuracy is measured by argmax (group_sum_predict).
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"

#include <cmath>
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

/// The flip rule's hinge for one sample, over the groups [first, first + n) whose scores are
/// scores[c · stride]: the predicted class (the highest score, ties to the lowest class) and the
/// strongest rival of the true class y (the highest score among the others). The sample keeps m on
/// both groups (a flip that would lose it counts against the flip) while it is won by less than
/// protect_margin, and sends δ (a fix wanted) while it is won by less than margin. Only the
/// strongest rival is pushed down, so a sample pushes one group up and one down — the multiclass
/// perceptron's balance; pushing every offender down drowns the true class.
struct group_hinge {
  std::uint32_t predicted = 0, rival = 0;
  bool protect = false, push = false;
};
template <class Score>  // an unsigned count: 16 bits as group_scorer gives them, or wider
inline group_hinge hinge_of(const Score* scores, std::size_t stride, std::uint32_t first, std::uint32_t n, std::uint32_t y,
                            std::uint32_t margin, std::uint32_t protect_margin) {
  const std::uint32_t true_score = scores[y * stride];
  std::uint32_t best = first, top = scores[first * stride], rival = y == first ? first + 1 : first,
                rival_score = scores[rival * stride];
  for (std::uint32_t c = first; c < first + n; ++c) {
    const std::uint32_t v = scores[c * stride];
    if (v > top) top = v, best = c;
    if (c != y && v > rival_score) rival_score = v, rival = c;
  }
  return {best, rival, true_score < rival_score + protect_margin, true_score < rival_score + margin};
}

/// The relaxation's loss for one sample: softmax cross-entropy of the scores scores[c · stride]
/// divided by the temperature (inv_tau = 1/τ) against class y. Writes ∂loss/∂score_c divided by
/// `divisor` (the batch, for a mean) to dscore[c · stride]; returns the loss and sets `predicted`
/// (ties to the lowest class).
inline float group_softmax(const float* scores, std::size_t stride, std::size_t classes, std::uint32_t y, float inv_tau, float divisor,
                           float* dscore, std::size_t& predicted) {
  float top = scores[0] * inv_tau;
  predicted = 0;
  for (std::size_t c = 1; c < classes; ++c) {
    const float s = scores[c * stride] * inv_tau;
    if (s > top) top = s, predicted = c;
  }
  float sum = 0;
  for (std::size_t c = 0; c < classes; ++c) sum += std::exp(scores[c * stride] * inv_tau - top);
  for (std::size_t c = 0; c < classes; ++c) {
    const float prob = std::exp(scores[c * stride] * inv_tau - top) / sum;
    dscore[c * stride] = (prob - (c == y ? 1.0F : 0.0F)) * inv_tau / divisor;
  }
  return std::log(sum) - (scores[y * stride] * inv_tau - top);
}

/// The fraction of samples whose prediction equals the label.
double classification_accuracy(std::span<const std::uint32_t> predicted, std::span<const std::uint32_t> labels);

}  // namespace bitlens
