// The relaxed gate kernels for the baseline instruction set, and the choice between variants.
#include "relax_kernels_body.hpp"

#include "bitlens/algebra/cpu_features.hpp"

#include <stdexcept>

namespace bitlens::relax_kernels {

variant portable() { return {forward_body, reverse_body}; }

variant select(kernel_variant requested) {
  switch (resolve(requested, "relaxed gate kernels")) {
    // No AVX-512 copy: these loops wait on scattered float loads, and compiled for AVX-512 they ran
    // 20–35% slower than the AVX2 copy on the AMD Zen 4 machines here (bench_core gate_relax_pass,
    // 6 × 8000: 10.0–12.5 against 15.1–16.3 thousand samples/s, with 8 or 16 lanes alike).
    case kernel_variant::avx512:
    case kernel_variant::avx2: return avx2();
    default: return portable();
  }
}

}  // namespace bitlens::relax_kernels
