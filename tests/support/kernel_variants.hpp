// The kernel variants this CPU runs, for tests that check every variant against a reference. A
// variant the CPU lacks is reported once per test case (WARN), so a run says what it did not test.
#pragma once

#include "bitlens/algebra/cpu_features.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace bitlens::test {

/// portable, then avx2 and avx512 where this CPU runs them; each missing one is WARNed as skipped.
inline std::vector<kernel_variant> runnable_kernel_variants() {
  std::vector<kernel_variant> v{kernel_variant::portable};
  for (auto k : {kernel_variant::avx2, kernel_variant::avx512}) {
    if (cpu_runs(k)) {
      v.push_back(k);
    } else {
      WARN("skipped: this CPU cannot run the " << std::string(name(k)) << " kernels, so they are not tested here");
    }
  }
  return v;
}

}  // namespace bitlens::test
