// Bit-sliced counting of ones across wires — the reduction of a group-sum head: for every sample of
// a tile, how many of a group's wires are 1. Wires are added eight at a time through a carry-save
// (Harley–Seal) tree, so a wire costs about six word operations whatever the count's width.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace bitlens {

/// Bit planes a count of n wires needs: bit_width(n).
std::size_t count_planes(std::size_t n) noexcept;

/// For 64·words samples, the number of `wires` that are 1, bit-sliced: planes[k·words + i] holds
/// bit k of the counts of the 64 samples of word i. `planes` must hold count_planes(wires.size())
/// × words words. Each wire points at `words` words.
void count_wires_sliced(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes);

/// The counts as integers: out[s] for s < 64·words.
void unpack_sliced_counts(const std::uint64_t* planes, std::size_t num_planes, std::size_t words, std::uint16_t* out);

}  // namespace bitlens
