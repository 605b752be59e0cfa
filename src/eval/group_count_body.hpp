// The carry-save (Harley–Seal) tree of group_count.cpp over a vector policy (internal; included by
// exactly the two vector variant files, inside an anonymous namespace so that neither's copies
// replace the other's at link time).
//
// A policy V provides vec, words (64-bit words per vec), zero, load / store of the first n ≤ words
// words (the rest masked off), csa(high, low, a, b, c) — the carry and sum of three — and_, xor_
// and is_zero. AVX2 composes a carry-save step of five operations; AVX-512 of two VPTERNLOGQ (the
// majority of three, 0xe8, is the carry; their parity, 0x96, the sum).
#pragma once

#include "group_count_kernels.hpp"

#include "bitlens/eval/group_count.hpp"

#include <algorithm>

namespace bitlens::group_count_kernels {
namespace {

// planes[from…] += v (ripple carry; stops when nothing carries).
template <class V>
[[gnu::always_inline]] inline void ripple_add_vec(typename V::vec* planes, std::size_t from, std::size_t num_planes, typename V::vec v) {
  for (std::size_t k = from; k < num_planes; ++k) {
    const auto carry = V::and_(planes[k], v);
    planes[k] = V::xor_(planes[k], v);
    if (V::is_zero(carry)) return;
    v = carry;
  }
}

template <class V>
[[gnu::always_inline]] inline void count_vec_body(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes) {
  using vec = typename V::vec;
  const std::size_t np = count_planes(wires.size());
  vec acc[64];
  for (std::size_t w0 = 0; w0 < words; w0 += V::words) {
    const std::size_t n = std::min(V::words, words - w0);
    const auto in = [&](std::size_t j) { return V::load(n, wires[j] + w0); };
    for (std::size_t k = 0; k < np; ++k) acc[k] = V::zero();
    vec ones = V::zero(), twos = ones, fours = ones;
    std::size_t j = 0;
    for (; j + 8 <= wires.size(); j += 8) {
      vec twos_a, twos_b, fours_a, fours_b, eights;
      V::csa(twos_a, ones, ones, in(j), in(j + 1));
      V::csa(twos_b, ones, ones, in(j + 2), in(j + 3));
      V::csa(fours_a, twos, twos, twos_a, twos_b);
      V::csa(twos_a, ones, ones, in(j + 4), in(j + 5));
      V::csa(twos_b, ones, ones, in(j + 6), in(j + 7));
      V::csa(fours_b, twos, twos, twos_a, twos_b);
      V::csa(eights, fours, fours, fours_a, fours_b);
      ripple_add_vec<V>(acc, 3, np, eights);
    }
    if (np > 0) acc[0] = ones;
    if (np > 1) acc[1] = twos;
    if (np > 2) acc[2] = fours;
    for (; j < wires.size(); ++j) ripple_add_vec<V>(acc, 0, np, in(j));
    for (std::size_t k = 0; k < np; ++k) V::store(n, planes + k * words + w0, acc[k]);
  }
}

}  // namespace
}  // namespace bitlens::group_count_kernels
