// Fused forward/reverse kernels of a gate_network over one tile (internal). gate_kernels_body.hpp
// holds the loops, written once over a "vector" policy; gate_kernels_portable.cpp instantiates it
// on 64-bit words, gate_kernels_avx2.cpp (compiled with -mavx2 -mpopcnt) on 256-bit vectors, and
// gate_kernels_avx512.cpp (compiled for AVX-512 with VPOPCNTDQ) on 512- and 256-bit vectors.
#pragma once

#include <cstddef>
#include <cstdint>

namespace bitlens {
// Declared, not included: the AVX2 and AVX-512 translation units must not pull in (and emit
// copies for their instruction sets of) inline library code that the portable path also uses.
enum class kernel_variant : std::uint8_t;
}  // namespace bitlens

namespace bitlens::gate_kernels {

/// Everything a kernel reads and writes for one tile of `words` words (a multiple of 4).
struct tile_args {
  std::size_t num_inputs = 0, num_gates = 0, num_layers = 0;
  const std::size_t* layer_first = nullptr;  // first gate of each layer
  const std::uint32_t* a = nullptr;          // operand nodes
  const std::uint32_t* b = nullptr;
  const std::uint8_t* luts = nullptr;
  std::size_t words = 0;
  std::uint64_t* values = nullptr;   // nodes × words: inputs first, then gates
  // The adjoints of two layers at a time: layer l's are in adjoints[l % 2], one row of 2 × words per
  // gate of the layer (row g − layer_first[l]): δ, the Z2 adjoint (sum over paths mod 2), then m,
  // "some output's loss depends on this gate". δ and m of a gate share cache lines, and only two
  // layers' rows exist, so the reverse sweep's scattered updates stay within a small footprint.
  std::uint64_t* adjoints[2] = {nullptr, nullptr};
  std::uint32_t* counts = nullptr;  // gates × 8 (see gate_pass.hpp)
  bool replace_counts = false;      // reverse: this tile's counts replace the stored ones
  bool prefetch = false;            // fetch gates' scattered operand rows ahead (state larger than the L2)
};

struct variant {
  void (*forward)(const tile_args&);
  /// Reads the output adjoints from the last layer's rows, propagates them to the earlier layers
  /// (overwriting their rows) and adds every gate's counts.
  void (*reverse)(const tile_args&);
};

variant portable();
/// Only valid where cpu().avx2.
variant avx2();
/// Only valid where cpu().avx512.
variant avx512();
/// The variant for a request; std::invalid_argument for a variant this CPU lacks.
variant select(kernel_variant requested);

}  // namespace bitlens::gate_kernels
