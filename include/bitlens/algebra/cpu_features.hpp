// cpu_features: the one place that asks the CPU what it can run, and the named kernel variants
// every hot loop is compiled in (bit tape, fused gate pass, compiled inference, relaxed gates,
// field kernels). A caller asks for a variant; `automatic` resolves to the widest this CPU runs.
#pragma once

#include <cstdint>
#include <string_view>

namespace bitlens {

/// Which compiled kernels a run uses. All variants give equal results (each is tested against the
/// portable one); they differ only in speed.
///   portable — baseline x86-64 (or any target): plain 64-bit words.
///   avx2     — AVX2 and POPCNT: 256-bit vectors.
///   avx512   — AVX-512 F, BW, VL, DQ and VPOPCNTDQ: 512-bit vectors, VPOPCNTQ counts and VPTERNLOGQ
///              logic. Field kernels additionally use GFNI and VPCLMULQDQ where the CPU has them.
///              The relaxed-gate kernels (float, bound by scattered loads) run their AVX2 copy.
enum class kernel_variant : std::uint8_t { automatic, portable, avx2, avx512 };

/// What this CPU (and its operating system, for the AVX-512 register state) supports. Read once.
struct cpu_features {
  bool popcnt = false, pclmul = false, avx2 = false;
  bool avx512 = false;  // F, BW, VL, DQ and VPOPCNTDQ together: what the avx512 variant needs
  bool avx512_ifma = false, gfni = false, vpclmulqdq = false;
};

/// The features of the CPU this process runs on.
const cpu_features& cpu() noexcept;

/// Whether `v` can run here (automatic and portable always can).
bool cpu_runs(kernel_variant v) noexcept;

/// The variant a request runs as: automatic becomes the widest variant this CPU runs; any other
/// request is returned as is. std::invalid_argument naming `who` and the missing feature when the
/// requested variant cannot run here.
kernel_variant resolve(kernel_variant requested, std::string_view who);

/// "portable", "avx2", "avx512" or "automatic", for messages and benchmark labels.
std::string_view name(kernel_variant v) noexcept;

}  // namespace bitlens
