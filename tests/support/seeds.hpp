// Seeds for property tests: fixed by default (reproducible CI), overridable with the environment
// variable BITLENS_TEST_SEED to explore; every test prints its seed on failure through INFO.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <random>
#include <string>

namespace bitlens::test {

/// The base seed: BITLENS_TEST_SEED if set, else a fixed constant.
inline std::uint64_t base_seed() {
  if (const char* s = std::getenv("BITLENS_TEST_SEED")) return std::strtoull(s, nullptr, 10);
  return 20261123;
}

/// Seed of case k of a property test (distinct per case, reproducible from the base seed).
inline std::uint64_t case_seed(std::uint64_t k) { return base_seed() * 1000003ULL + k; }

using rng = std::mt19937_64;

}  // namespace bitlens::test
