// Bit-sliced counting of ones across wires — the reduction of a group-sum head: for every sample of
// a tile, how many of a group's wires are 1. Wires are added eight at a time through a carry-save
// (Harley–Seal) tree, so a wire costs about six word operations whatever the count's width.
#pragma once

#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/algebra/cpu_features.hpp"

#include <cstddef>
#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

/// Bit planes a count of n wires needs: bit_width(n).
std::size_t count_planes(std::size_t n) noexcept;

/// For 64·words samples, the number of `wires` that are 1, bit-sliced: planes[k·words + i] holds
/// bit k of the counts of the 64 samples of word i. `planes` must hold count_planes(wires.size())
/// × words words. Each wire points at `words` words. Every kernel variant gives the same planes.
void count_wires_sliced(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes,
                        kernel_variant v = kernel_variant::automatic);

/// The counts as integers: out[s] for s < 64·words (counts are below 2^16: num_planes ≤ 16).
void unpack_sliced_counts(const std::uint64_t* planes, std::size_t num_planes, std::size_t words, std::uint16_t* out,
                          kernel_variant v = kernel_variant::automatic);

/// The index of the largest score of each sample (ties: the lowest index). scores holds
/// classes rows of `samples` counts, row c at scores[c · samples].
void argmax_rows(const std::uint16_t* scores, std::size_t classes, std::size_t samples, std::uint32_t* out);

/// The group-sum head over wires split into `classes` equal groups of `group` wires: per-sample
/// scores (ones in each group) and the predicted class. Holds its buffers, so that repeated calls
/// with at most `max_words` words allocate nothing; one scorer per thread.
class group_scorer {
 public:
  /// std::invalid_argument for groups of more than 65535 wires or a kernel variant this CPU lacks.
  group_scorer(std::size_t classes, std::size_t group, std::size_t max_words, kernel_variant kernels = kernel_variant::automatic);

  /// Scores of 64·words samples (words ≤ max_words): row c (64·words counts) at c · 64·words.
  /// `wires` holds classes × group pointers, group by group, each to `words` words.
  std::span<const std::uint16_t> score(std::span<const std::uint64_t* const> wires, std::size_t words);
  /// The predicted class of each of the 64·words samples (ties: the lowest class).
  void predict(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint32_t* out);

 private:
  std::size_t classes_, group_;
  kernel_variant kernels_;
  word_vector planes_;
  std::vector<std::uint16_t> scores_;
};

}  // namespace bitlens
