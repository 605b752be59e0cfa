// The vector variants of bit-sliced group counting (internal): the carry-save tree of
// group_count.cpp over a vector policy, compiled once per instruction set in its own translation
// unit (group_count_avx2.cpp with -mavx2, group_count_avx512.cpp with the AVX-512 flags; see
// src/CMakeLists.txt) and called only where the CPU has it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>

namespace bitlens::group_count_kernels {

/// count_wires_sliced for AVX2 (only where cpu().avx2) and for AVX-512 (only where cpu().avx512).
void count_avx2(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes);
void count_avx512(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes);
/// unpack_sliced_counts for AVX-512 (only where cpu().avx512; num_planes ≤ 16).
void unpack_avx512(const std::uint64_t* planes, std::size_t num_planes, std::size_t words, std::uint16_t* out);

}  // namespace bitlens::group_count_kernels
