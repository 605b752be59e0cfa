// Forward and reverse kernels of the relaxed gate network over one chunk of samples (internal).
// relax_kernels_body.hpp holds the loops once; relax_kernels_portable.cpp compiles them for the
// baseline instruction set and relax_kernels_avx2.cpp for AVX2 (which the avx512 variant also
// runs), chosen at run time by the one CPU check (algebra/cpu_features.hpp).
#pragma once

#include <cstddef>
#include <cstdint>

namespace bitlens {
enum class kernel_variant : std::uint8_t;  // declared, not included (see eval/gate_kernels.hpp)
}  // namespace bitlens

namespace bitlens::relax_kernels {

/// One chunk of `samples` samples (a multiple of 8; padding samples carry zero adjoints).
struct chunk_args {
  std::size_t num_inputs = 0, num_gates = 0, num_layers = 0;
  const std::size_t* layer_first = nullptr;  // first gate of each layer
  const std::uint32_t* a = nullptr;          // operand nodes
  const std::uint32_t* b = nullptr;
  const float* alpha = nullptr;  // gates × 4: the expected gate as α0 + α1·a + α2·b + α3·a·b
  std::size_t samples = 0;
  float* values = nullptr;      // nodes × samples: inputs first, then gates
  // The adjoints ∂loss/∂value of two layers at a time, layer l's in adjoints[l % 2] (one row of
  // `samples` per gate of the layer); the caller writes the last layer's before reverse.
  float* adjoints[2] = {nullptr, nullptr};
  float* grad_alpha = nullptr;  // gates × 4: ∂loss/∂α, added to
};

struct variant {
  void (*forward)(const chunk_args&);
  void (*reverse)(const chunk_args&);
};

variant portable();
/// Only valid where cpu().avx2.
variant avx2();
/// The variant for a request (avx512 runs the AVX2 loops); std::invalid_argument for a variant this CPU lacks.
variant select(kernel_variant requested);

}  // namespace bitlens::relax_kernels
