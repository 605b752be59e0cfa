// The relaxed gate network's loops, written once over a GCC vector of floats (internal; included
// by exactly the variant files, inside an anonymous namespace so that the AVX2 and AVX-512 copies
// never replace the portable ones).
//
// A relaxed gate is the expectation of its 16 two-input functions under softmax weights p: with
// each function written over the reals as t0(1−a)(1−b) + t1·a(1−b) + t2(1−a)b + t3·ab, the
// expectation is α0 + α1·a + α2·b + α3·ab, so a gate costs the same whatever the weights are.
#pragma once

#include "relax_kernels.hpp"

#include <cstring>

namespace bitlens::relax_kernels {
namespace {

// Eight samples at a time (a chunk's samples are a multiple of 8) as a GCC vector: AVX2 runs one
// 256-bit operation per line, the baseline two 128-bit ones; sixteen (v16) where the chunk allows,
// one 512-bit operation under AVX-512.
using v8 = float __attribute__((vector_size(32)));
using v16 = float __attribute__((vector_size(64)));
// The vectors never cross a call boundary (everything here inlines into the two kernels), so the
// ABI note GCC gives for 32-byte vectors in the baseline file does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

template <class V>
[[gnu::always_inline]] inline V load(const float* p) {
  V v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
template <class V>
[[gnu::always_inline]] inline void store(float* p, V v) { std::memcpy(p, &v, sizeof v); }

template <class V>
constexpr std::size_t lanes = sizeof(V) / sizeof(float);

// acc += x for eight lanes; for sixteen, acc += the first eight, then acc += the last eight.
template <class V>
[[gnu::always_inline]] inline void add_halves(v8& acc, V x) {
  for (std::size_t h = 0; h < lanes<V> / 8; ++h) acc += load<v8>(reinterpret_cast<const float*>(&x) + 8 * h);
}

template <class V = v8>
void forward_body(const chunk_args& c) {
  const std::size_t n = c.samples;
  for (std::size_t g = 0; g < c.num_gates; ++g) {
    const float* al = c.alpha + 4 * g;
    const V a0 = V{} + al[0], a1 = V{} + al[1], a2 = V{} + al[2], a3 = V{} + al[3];
    const float* a = c.values + c.a[g] * n;
    const float* b = c.values + c.b[g] * n;
    float* out = c.values + (c.num_inputs + g) * n;
    for (std::size_t s = 0; s < n; s += lanes<V>) {
      const V va = load<V>(a + s), vb = load<V>(b + s);
      store<V>(out + s, a0 + a1 * va + vb * (a2 + a3 * va));
    }
  }
}

template <class V = v8>
void reverse_body(const chunk_args& c) {
  const std::size_t n = c.samples, n_in = c.num_inputs;
  for (std::size_t l = c.num_layers; l-- > 0;) {
    const std::size_t first = c.layer_first[l];
    const std::size_t end = l + 1 < c.num_layers ? c.layer_first[l + 1] : c.num_gates;
    const float* rows = c.adjoints[l % 2];
    const bool propagate = l > 0;
    float* prev_rows = c.adjoints[(l + 1) % 2];
    const std::size_t prev_first = propagate ? c.layer_first[l - 1] : 0;
    if (propagate) std::memset(prev_rows, 0, (first - prev_first) * n * sizeof(float));
    for (std::size_t g = first; g < end; ++g) {
      const float* d = rows + (g - first) * n;
      const float* a = c.values + c.a[g] * n;
      const float* b = c.values + c.b[g] * n;
      // The sums run in eight lanes, eight samples at a time, whatever V is: every variant adds
      // the same numbers in the same order, so their gradients are equal to the bit.
      v8 s0{}, s1{}, s2{}, s3{};
      for (std::size_t s = 0; s < n; s += lanes<V>) {
        const V vd = load<V>(d + s), va = load<V>(a + s), vb = load<V>(b + s), da = vd * va;
        add_halves(s0, vd);
        add_halves(s1, da);
        add_halves(s2, vd * vb);
        add_halves(s3, da * vb);
      }
      float* ga = c.grad_alpha + 4 * g;
      for (int k = 0; k < 8; ++k) ga[0] += s0[k], ga[1] += s1[k], ga[2] += s2[k], ga[3] += s3[k];
      if (!propagate) continue;
      const float* al = c.alpha + 4 * g;
      const V a1 = V{} + al[1], a2 = V{} + al[2], a3 = V{} + al[3];
      float* pa = prev_rows + (c.a[g] - n_in - prev_first) * n;
      float* pb = prev_rows + (c.b[g] - n_in - prev_first) * n;
      for (std::size_t s = 0; s < n; s += lanes<V>) {
        const V vd = load<V>(d + s), va = load<V>(a + s), vb = load<V>(b + s);
        store<V>(pa + s, load<V>(pa + s) + vd * (a1 + a3 * vb));
        store<V>(pb + s, load<V>(pb + s) + vd * (a2 + a3 * va));
      }
    }
  }
}

}  // namespace
}  // namespace bitlens::relax_kernels
