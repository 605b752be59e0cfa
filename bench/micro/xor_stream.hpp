// The roofline reference: dst = a XOR b over plain word arrays, counted in bits per second.
// Every bit-parallel benchmark reports its throughput as a ratio to this rate.
#pragma once

#include "bitlens/algebra/bitvec.hpp"

#include <benchmark/benchmark.h>

namespace bitlens::bench {

/// XOR stream over arrays of state.range(0) words each (three arrays in all).
inline void xor_stream(benchmark::State& state) {
  const auto words = static_cast<std::size_t>(state.range(0));
  word_vector a(words, 0x5555555555555555ULL), b(words, 0x0f0f0f0f0f0f0f0fULL), d(words, 0);
  for (auto _ : state) {
    const std::uint64_t* pa = a.data();
    const std::uint64_t* pb = b.data();
    std::uint64_t* pd = d.data();
    for (std::size_t i = 0; i < words; ++i) pd[i] = pa[i] ^ pb[i];
    benchmark::DoNotOptimize(pd);
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(words) * 64);
  state.SetLabel("bits");
}

}  // namespace bitlens::bench
