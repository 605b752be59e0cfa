// The relaxed gate kernels for AVX2. This file alone is compiled with -mavx2 (src/CMakeLists.txt);
// it is only called where the CPU has it.
#include "relax_kernels_body.hpp"

namespace bitlens::relax_kernels {

variant avx2() { return {forward_body, reverse_body}; }

}  // namespace bitlens::relax_kernels
