// The relaxed gate kernels for AVX-512: sixteen samples per 512-bit operation when the chunk is a
// multiple of 16, eight otherwise. This file alone is compiled for AVX-512 (src/CMakeLists.txt); it
// is only called where the CPU has it (cpu().avx512).
#include "relax_kernels_body.hpp"

namespace bitlens::relax_kernels {
namespace {

void forward_avx512(const chunk_args& c) {
  if (c.samples % 16 == 0) return forward_body<v16>(c);
  forward_body<v8>(c);
}
void reverse_avx512(const chunk_args& c) {
  if (c.samples % 16 == 0) return reverse_body<v16>(c);
  reverse_body<v8>(c);
}

}  // namespace

variant avx512() { return {forward_avx512, reverse_avx512}; }

}  // namespace bitlens::relax_kernels
