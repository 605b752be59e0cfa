// The fused gate kernels, written once over a vector policy V (internal; included by exactly the
// variant files). Everything here is in an anonymous namespace so that the AVX2 translation
// unit's copies never replace the portable ones at link time.
//
// A gate with table t computes, in algebraic normal form,
//   out = c0 ⊕ c1·a ⊕ c2·b ⊕ c3·a·b,   c0 = t0, c1 = t0⊕t1, c2 = t0⊕t2, c3 = t0⊕t1⊕t2⊕t3,
// so ∂out/∂a = c1 ⊕ c3·b and ∂out/∂b = c2 ⊕ c3·a; the coefficients are broadcast to full words.
//
// A policy V provides vec, words (64-bit words per vec), load/store (aligned), broadcast,
// and_/or_/xor_, is_zero, and count8(x, acc, add): acc[k] = (add ? acc[k] : 0) + popcount(x[k])
// for k < 8. It may also provide xor_and(x, y, z) = x ⊕ (y·z) and or_and(x, y, z) =
// x ∨ (y·z) as one instruction (AVX-512's VPTERNLOGQ); otherwise they are composed of two.
#pragma once

#include "gate_kernels.hpp"

#include <cstring>

namespace bitlens::gate_kernels {
namespace {

// The four ANF coefficients of every table, as full-word masks: a gate broadcasts its row straight
// from memory instead of deriving each mask from the table bits.
struct anf_table_t {
  alignas(32) std::uint64_t c[16][4];
};

constexpr anf_table_t make_anf_table() {
  anf_table_t t{};
  for (unsigned v = 0; v < 16; ++v) {
    const unsigned t0 = v & 1U, t1 = (v >> 1) & 1U, t2 = (v >> 2) & 1U, t3 = (v >> 3) & 1U;
    const unsigned bits[4] = {t0, t0 ^ t1, t0 ^ t2, t0 ^ t1 ^ t2 ^ t3};
    for (unsigned k = 0; k < 4; ++k) t.c[v][k] = std::uint64_t{0} - bits[k];
  }
  return t;
}

constexpr anf_table_t anf_table = make_anf_table();

// x ⊕ (y·z) and x ∨ (y·z): the policy's single instruction when it has one.
template <class V, class T>
[[gnu::always_inline]] inline T xor_and(T x, T y, T z) {
  if constexpr (requires { V::xor_and(x, y, z); }) {
    return V::xor_and(x, y, z);
  } else {
    return V::xor_(x, V::and_(y, z));
  }
}
template <class V, class T>
[[gnu::always_inline]] inline T or_and(T x, T y, T z) {
  if constexpr (requires { V::or_and(x, y, z); }) {
    return V::or_and(x, y, z);
  } else {
    return V::or_(x, V::and_(y, z));
  }
}

// How many gates ahead the kernels prefetch a gate's scattered operand rows (values, and in reverse
// the adjoint rows it adds to), when tile_args::prefetch says the state is larger than the L2.
// Measured at 6 × 8000 gates: 16 ahead gave 5–25% over none (AVX2 most).
constexpr std::size_t prefetch_gates = 16;

template <class V>
void forward_body(const tile_args& t) {
  const std::size_t w = t.words;
  for (std::size_t g = 0; g < t.num_gates; ++g) {
    if (t.prefetch && g + prefetch_gates < t.num_gates) {  // the operands are scattered rows: fetch them ahead
      __builtin_prefetch(t.values + t.a[g + prefetch_gates] * w);
      __builtin_prefetch(t.values + t.b[g + prefetch_gates] * w);
    }
    const std::uint64_t* c = anf_table.c[t.luts[g] & 15U];
    const auto c0 = V::broadcast(c[0]), c1 = V::broadcast(c[1]), c2 = V::broadcast(c[2]), c3 = V::broadcast(c[3]);
    const std::uint64_t* a = t.values + t.a[g] * w;
    const std::uint64_t* b = t.values + t.b[g] * w;
    std::uint64_t* out = t.values + (t.num_inputs + g) * w;
    for (std::size_t i = 0; i < w; i += V::words) {
      const auto va = V::load(a + i), vb = V::load(b + i);
      V::store(out + i, xor_and<V>(xor_and<V>(c0, va, c1), vb, xor_and<V>(c2, va, c3)));
    }
  }
}

// Counts of one gate over the tile: |X|, |X·a|, |X·b|, |X·a·b| for X = δ, then for X = m, added to
// counts[0…7] by the policy's count8 (eight popcounts at once), or stored there when `replace`.
template <class V>
[[gnu::always_inline]] inline void count_gate(const std::uint64_t* d, const std::uint64_t* m, const std::uint64_t* a,
                                              const std::uint64_t* b, std::size_t w, bool replace, std::uint32_t* counts) {
  for (std::size_t i = 0; i < w; i += V::words) {
    const auto vd = V::load(d + i), vm = V::load(m + i), va = V::load(a + i), vb = V::load(b + i);
    const auto da = V::and_(vd, va), ma = V::and_(vm, va);
    const typename V::vec x[8] = {vd, da, V::and_(vd, vb), V::and_(da, vb), vm, ma, V::and_(vm, vb), V::and_(ma, vb)};
    V::count8(x, counts, !replace || i > 0);
  }
}

template <class V>
bool all_zero(const std::uint64_t* p, std::size_t w) {
  auto acc = V::load(p);
  for (std::size_t i = V::words; i < w; i += V::words) acc = V::or_(acc, V::load(p + i));
  return V::is_zero(acc);
}

template <class V>
void reverse_body(const tile_args& t) {
  const std::size_t w = t.words, row = 2 * w, n_in = t.num_inputs;
  for (std::size_t l = t.num_layers; l-- > 0;) {
    const std::size_t first = t.layer_first[l];
    const std::size_t end = l + 1 < t.num_layers ? t.layer_first[l + 1] : t.num_gates;
    const std::uint64_t* rows = t.adjoints[l % 2];
    const bool propagate = l > 0;
    std::uint64_t* prev_rows = t.adjoints[(l + 1) % 2];
    const std::size_t prev_first = propagate ? t.layer_first[l - 1] : 0;
    // The previous layer's adjoints are sums over this layer's gates: start them at zero.
    if (propagate) std::memset(prev_rows, 0, (first - prev_first) * row * sizeof(std::uint64_t));
    for (std::size_t g = first; g < end; ++g) {
      const std::uint64_t* d = rows + (g - first) * row;
      const std::uint64_t* m = d + w;
      if (all_zero<V>(m, w)) {  // no sample's loss depends on this gate: nothing to do
        if (t.replace_counts) std::memset(t.counts + 8 * g, 0, 8 * sizeof(std::uint32_t));
        continue;
      }
      if (t.prefetch && g + prefetch_gates < end) {
        const std::size_t h = g + prefetch_gates;
        __builtin_prefetch(t.values + t.a[h] * w);
        __builtin_prefetch(t.values + t.b[h] * w);
        if (propagate) {
          __builtin_prefetch(prev_rows + (t.a[h] - n_in - prev_first) * row, 1);
          __builtin_prefetch(prev_rows + (t.b[h] - n_in - prev_first) * row, 1);
        }
      }
      const std::uint64_t* a = t.values + t.a[g] * w;
      const std::uint64_t* b = t.values + t.b[g] * w;
      count_gate<V>(d, m, a, b, w, t.replace_counts, t.counts + 8 * g);
      if (!propagate) continue;
      const std::uint64_t* c = anf_table.c[t.luts[g] & 15U];
      const auto c1 = V::broadcast(c[1]), c2 = V::broadcast(c[2]), c3 = V::broadcast(c[3]);
      std::uint64_t* da = prev_rows + (t.a[g] - n_in - prev_first) * row;
      std::uint64_t* db = prev_rows + (t.b[g] - n_in - prev_first) * row;
      std::uint64_t* ma = da + w;
      std::uint64_t* mb = db + w;
      for (std::size_t i = 0; i < w; i += V::words) {
        const auto vd = V::load(d + i), vm = V::load(m + i), va = V::load(a + i), vb = V::load(b + i);
        const auto grad_a = xor_and<V>(c1, vb, c3), grad_b = xor_and<V>(c2, va, c3);
        V::store(da + i, xor_and<V>(V::load(da + i), vd, grad_a));
        V::store(ma + i, or_and<V>(V::load(ma + i), vm, grad_a));
        V::store(db + i, xor_and<V>(V::load(db + i), vd, grad_b));
        V::store(mb + i, or_and<V>(V::load(mb + i), vm, grad_b));
      }
    }
  }
}

}  // namespace
}  // namespace bitlens::gate_kernels
