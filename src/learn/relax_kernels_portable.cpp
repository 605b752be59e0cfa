// The relaxed gate kernels for the baseline instruction set, and the choice between variants.
#include "relax_kernels_body.hpp"

#include "bitlens/algebra/cpu_features.hpp"

#include <stdexcept>

namespace bitlens::relax_kernels {

variant portable() { return {forward_body<v8>, reverse_body<v8>}; }

variant select(kernel_variant requested) {
  switch (resolve(requested, "relaxed gate kernels")) {
    case kernel_variant::avx512: return avx512();
    case kernel_variant::avx2: return avx2();
    default: return portable();
  }
}

}  // namespace bitlens::relax_kernels
