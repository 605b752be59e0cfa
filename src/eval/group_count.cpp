// Harley–Seal counting over wires, a word chunk at a time (the chunk's accumulators stay in
// registers or L1 however many wires there are).
#include "bitlens/eval/group_count.hpp"

#include <algorithm>
#include <bit>
#include <cstring>

namespace bitlens {
namespace {

constexpr std::size_t chunk = 4;  // words processed together

struct lanes {
  std::uint64_t w[chunk];
};

// Carry-save adder: (high, low) ← a + b + c, bit-sliced.
inline void csa(lanes& high, lanes& low, const lanes& a, const lanes& b, const lanes& c) {
  for (std::size_t i = 0; i < chunk; ++i) {
    const std::uint64_t u = a.w[i] ^ b.w[i];
    high.w[i] = (a.w[i] & b.w[i]) | (u & c.w[i]);
    low.w[i] = u ^ c.w[i];
  }
}

inline lanes load(const std::uint64_t* p, std::size_t n) {
  lanes v{};
  for (std::size_t i = 0; i < n; ++i) v.w[i] = p[i];
  return v;
}

// planes[from…] += v (ripple carry; stops when nothing carries).
inline void ripple_add(lanes* planes, std::size_t from, std::size_t num_planes, lanes v) {
  for (std::size_t k = from; k < num_planes; ++k) {
    std::uint64_t any = 0;
    for (std::size_t i = 0; i < chunk; ++i) {
      const std::uint64_t carry = planes[k].w[i] & v.w[i];
      planes[k].w[i] ^= v.w[i];
      v.w[i] = carry;
      any |= carry;
    }
    if (any == 0) return;
  }
}

}  // namespace

std::size_t count_planes(std::size_t n) noexcept { return std::max<std::size_t>(1, std::bit_width(n)); }

void count_wires_sliced(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes) {
  const std::size_t np = count_planes(wires.size());
  lanes acc[64];  // planes of this chunk: [ones, twos, fours, eights…]
  for (std::size_t w0 = 0; w0 < words; w0 += chunk) {
    const std::size_t n = std::min(chunk, words - w0);
    std::memset(acc, 0, sizeof(lanes) * np);
    lanes ones{}, twos{}, fours{};
    std::size_t j = 0;
    for (; j + 8 <= wires.size(); j += 8) {
      lanes twos_a, twos_b, fours_a, fours_b, eights;
      csa(twos_a, ones, ones, load(wires[j] + w0, n), load(wires[j + 1] + w0, n));
      csa(twos_b, ones, ones, load(wires[j + 2] + w0, n), load(wires[j + 3] + w0, n));
      csa(fours_a, twos, twos, twos_a, twos_b);
      csa(twos_a, ones, ones, load(wires[j + 4] + w0, n), load(wires[j + 5] + w0, n));
      csa(twos_b, ones, ones, load(wires[j + 6] + w0, n), load(wires[j + 7] + w0, n));
      csa(fours_b, twos, twos, twos_a, twos_b);
      csa(eights, fours, fours, fours_a, fours_b);
      ripple_add(acc, 3, np, eights);
    }
    // acc holds multiples of 8 (bits ≥ 3); the accumulators fill bits 0–2, then the leftovers ripple in.
    if (np > 0) acc[0] = ones;
    if (np > 1) acc[1] = twos;
    if (np > 2) acc[2] = fours;
    for (; j < wires.size(); ++j) ripple_add(acc, 0, np, load(wires[j] + w0, n));
    for (std::size_t k = 0; k < np; ++k) {
      for (std::size_t i = 0; i < n; ++i) planes[k * words + w0 + i] = acc[k].w[i];
    }
  }
}

void unpack_sliced_counts(const std::uint64_t* planes, std::size_t num_planes, std::size_t words, std::uint16_t* out) {
  std::memset(out, 0, 64 * words * sizeof(std::uint16_t));
  for (std::size_t k = 0; k < num_planes; ++k) {
    for (std::size_t i = 0; i < words; ++i) {
      std::uint64_t bits = planes[k * words + i];
      while (bits != 0) {
        out[64 * i + static_cast<std::size_t>(std::countr_zero(bits))] += static_cast<std::uint16_t>(1U << k);
        bits &= bits - 1;
      }
    }
  }
}

}  // namespace bitlens
