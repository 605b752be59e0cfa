// The one CPU-feature check and the choice of kernel variant (portable, AVX2, AVX-512).
#include "bitlens/algebra/cpu_features.hpp"

#include <stdexcept>
#include <string>

namespace bitlens {
namespace {

cpu_features detect() noexcept {
  cpu_features f;
#if defined(__x86_64__) || defined(__i386__)
  // libgcc's checks include the operating system's support (XCR0) for the AVX and AVX-512 state.
  f.popcnt = __builtin_cpu_supports("popcnt");
  f.pclmul = __builtin_cpu_supports("pclmul");
  f.avx2 = __builtin_cpu_supports("avx2") && f.popcnt;
  f.avx512 = f.avx2 && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
             __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") && __builtin_cpu_supports("avx512vpopcntdq");
  f.avx512_ifma = f.avx512 && __builtin_cpu_supports("avx512ifma");
  f.gfni = __builtin_cpu_supports("gfni");
  f.vpclmulqdq = __builtin_cpu_supports("vpclmulqdq");
#endif
  return f;
}

}  // namespace

const cpu_features& cpu() noexcept {
  static const cpu_features features = detect();
  return features;
}

bool cpu_runs(kernel_variant v) noexcept {
  switch (v) {
    case kernel_variant::automatic:
    case kernel_variant::portable: return true;
    case kernel_variant::avx2: return cpu().avx2;
    case kernel_variant::avx512: return cpu().avx512;
  }
  return false;
}

kernel_variant resolve(kernel_variant requested, std::string_view who) {
  if (requested == kernel_variant::automatic) {
    return cpu().avx512 ? kernel_variant::avx512 : cpu().avx2 ? kernel_variant::avx2 : kernel_variant::portable;
  }
  if (!cpu_runs(requested)) {
    const char* need = requested == kernel_variant::avx2 ? "AVX2 and POPCNT" : "AVX-512 F, BW, VL, DQ and VPOPCNTDQ";
    throw std::invalid_argument(std::string(who) + ": the " + std::string(name(requested)) +
                                " kernels were requested, but this CPU lacks " + need);
  }
  return requested;
}

std::string_view name(kernel_variant v) noexcept {
  switch (v) {
    case kernel_variant::automatic: return "automatic";
    case kernel_variant::portable: return "portable";
    case kernel_variant::avx2: return "avx2";
    case kernel_variant::avx512: return "avx512";
  }
  return "unknown";
}

}  // namespace bitlens
