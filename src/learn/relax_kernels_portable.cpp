// The relaxed gate kernels for the baseline instruction set, and the choice between variants.
#include "relax_kernels_body.hpp"

#include "bitlens/eval/tape.hpp"

#include <stdexcept>

namespace bitlens::relax_kernels {

variant portable() { return {forward_body, reverse_body}; }

variant select(tape_kernels requested) {
  const bool have = cpu_has_avx2_kernels();
  switch (requested) {
    case tape_kernels::portable: return portable();
    case tape_kernels::avx2:
      if (!have) throw std::invalid_argument("relaxed gate kernels: AVX2 requested, but this CPU does not have it");
      return avx2();
    case tape_kernels::automatic: break;
  }
  return have ? avx2() : portable();
}

}  // namespace bitlens::relax_kernels
