// Harley–Seal counting over wires, a word chunk at a time (the chunk's accumulators stay in
// registers or L1 however many wires there are), in each kernel variant.
#include "bitlens/eval/group_count.hpp"

#include "group_count_kernels.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <stdexcept>

namespace bitlens {
namespace {

// The portable variant: chunks of 4 words as plain arrays (the compiler vectorises them for the
// baseline target). The AVX2 and AVX-512 variants are the same tree in intrinsics
// (group_count_kernels.hpp).
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

void count_portable(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes) {
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

}  // namespace

std::size_t count_planes(std::size_t n) noexcept { return std::max<std::size_t>(1, std::bit_width(n)); }

void count_wires_sliced(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint64_t* planes, kernel_variant v) {
  switch (resolve(v, "group counting")) {
    case kernel_variant::avx512: return group_count_kernels::count_avx512(wires, words, planes);
    case kernel_variant::avx2: return group_count_kernels::count_avx2(wires, words, planes);
    default: return count_portable(wires, words, planes);
  }
}

void unpack_sliced_counts(const std::uint64_t* planes, std::size_t num_planes, std::size_t words, std::uint16_t* out,
                          kernel_variant v) {
  if (num_planes <= 16 && resolve(v, "group counting") == kernel_variant::avx512) {
    return group_count_kernels::unpack_avx512(planes, num_planes, words, out);
  }
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

void argmax_rows(const std::uint16_t* scores, std::size_t classes, std::size_t samples, std::uint32_t* out) {
  for (std::size_t s = 0; s < samples; ++s) {
    std::uint16_t top = scores[s];
    std::uint32_t best = 0;
    for (std::size_t c = 1; c < classes; ++c) {
      const std::uint16_t v = scores[c * samples + s];
      if (v > top) {
        top = v;
        best = static_cast<std::uint32_t>(c);
      }
    }
    out[s] = best;
  }
}

group_scorer::group_scorer(std::size_t classes, std::size_t group, std::size_t max_words, kernel_variant kernels)
    : classes_(classes),
      group_(group),
      kernels_(resolve(kernels, "group counting")),
      planes_(count_planes(group) * max_words),
      scores_(classes * 64 * max_words) {
  if (group > 65535) throw std::invalid_argument("group_scorer: groups of more than 65535 wires");
}

std::span<const std::uint16_t> group_scorer::score(std::span<const std::uint64_t* const> wires, std::size_t words) {
  if (wires.size() != classes_ * group_ || 64 * words * classes_ > scores_.size()) {
    throw std::invalid_argument("group_scorer: wrong number of wires or too many words");
  }
  const std::size_t samples = 64 * words;
  for (std::size_t c = 0; c < classes_; ++c) {
    count_wires_sliced(wires.subspan(c * group_, group_), words, planes_.data(), kernels_);
    unpack_sliced_counts(planes_.data(), count_planes(group_), words, scores_.data() + c * samples, kernels_);
  }
  return std::span<const std::uint16_t>(scores_).first(classes_ * samples);
}

void group_scorer::predict(std::span<const std::uint64_t* const> wires, std::size_t words, std::uint32_t* out) {
  argmax_rows(score(wires, words).data(), classes_, 64 * words, out);
}

}  // namespace bitlens
