// <immintrin.h> for the files that use AVX-512 intrinsics (internal). GCC 12's AVX-512 headers
// start some results from a self-initialised "undefined" vector, which -Wmaybe-uninitialized
// reports at every use (GCC bug 105593, fixed in GCC 13); clang has no such warning to silence.
#pragma once

#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#include <immintrin.h>
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif
