// The relaxed gate network's loops, written once (internal; included by exactly the two variant
// files, inside an anonymous namespace so that the AVX2 copies never replace the portable ones).
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
// 256-bit operation per line, the baseline two 128-bit ones.
using v8 = float __attribute__((vector_size(32)));
// The vectors never cross a call boundary (everything here inlines into the two kernels), so the
// ABI note GCC gives for 32-byte vectors in the baseline file does not apply.
#pragma GCC diagnostic ignored "-Wpsabi"

[[gnu::always_inline]] inline v8 load8(const float* p) {
  v8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
[[gnu::always_inline]] inline void store8(float* p, v8 v) { std::memcpy(p, &v, sizeof v); }

void forward_body(const chunk_args& c) {
  const std::size_t n = c.samples;
  for (std::size_t g = 0; g < c.num_gates; ++g) {
    const float* al = c.alpha + 4 * g;
    const v8 a0 = v8{} + al[0], a1 = v8{} + al[1], a2 = v8{} + al[2], a3 = v8{} + al[3];
    const float* a = c.values + c.a[g] * n;
    const float* b = c.values + c.b[g] * n;
    float* out = c.values + (c.num_inputs + g) * n;
    for (std::size_t s = 0; s < n; s += 8) {
      const v8 va = load8(a + s), vb = load8(b + s);
      store8(out + s, a0 + a1 * va + vb * (a2 + a3 * va));
    }
  }
}

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
      v8 s0{}, s1{}, s2{}, s3{};
      for (std::size_t s = 0; s < n; s += 8) {
        const v8 vd = load8(d + s), va = load8(a + s), vb = load8(b + s), da = vd * va;
        s0 += vd;
        s1 += da;
        s2 += vd * vb;
        s3 += da * vb;
      }
      float* ga = c.grad_alpha + 4 * g;
      for (int k = 0; k < 8; ++k) ga[0] += s0[k], ga[1] += s1[k], ga[2] += s2[k], ga[3] += s3[k];
      if (!propagate) continue;
      const float* al = c.alpha + 4 * g;
      const v8 a1 = v8{} + al[1], a2 = v8{} + al[2], a3 = v8{} + al[3];
      float* pa = prev_rows + (c.a[g] - n_in - prev_first) * n;
      float* pb = prev_rows + (c.b[g] - n_in - prev_first) * n;
      for (std::size_t s = 0; s < n; s += 8) {
        const v8 vd = load8(d + s), va = load8(a + s), vb = load8(b + s);
        store8(pa + s, load8(pa + s) + vd * (a1 + a3 * vb));
        store8(pb + s, load8(pb + s) + vd * (a2 + a3 * va));
      }
    }
  }
}

}  // namespace
}  // namespace bitlens::relax_kernels
