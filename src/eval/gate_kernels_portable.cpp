// The portable gate kernels (64-bit words), and the run-time choice between the variants.
#include "gate_kernels_body.hpp"

#include "bitlens/algebra/cpu_features.hpp"

#include <stdexcept>

namespace bitlens::gate_kernels {
namespace {

struct word_ops {
  using vec = std::uint64_t;
  static constexpr std::size_t words = 1;
  static vec load(const std::uint64_t* p) { return *p; }
  static void store(std::uint64_t* p, vec v) { *p = v; }
  static vec broadcast(std::uint64_t x) { return x; }
  static vec and_(vec a, vec b) { return a & b; }
  static vec or_(vec a, vec b) { return a | b; }
  static vec xor_(vec a, vec b) { return a ^ b; }
  static bool is_zero(vec a) { return a == 0; }
  static void count8(const vec* x, std::uint32_t* acc, bool add) {
    for (int k = 0; k < 8; ++k) acc[k] = (add ? acc[k] : 0U) + static_cast<std::uint32_t>(__builtin_popcountll(x[k]));
  }
};

void forward_portable(const tile_args& t) { forward_body<word_ops>(t); }
void reverse_portable(const tile_args& t) { reverse_body<word_ops>(t); }

}  // namespace

variant portable() { return {forward_portable, reverse_portable}; }

variant select(kernel_variant requested) {
  switch (resolve(requested, "gate kernels")) {
    case kernel_variant::avx512: return avx512();
    case kernel_variant::avx2: return avx2();
    default: return portable();
  }
}

}  // namespace bitlens::gate_kernels
