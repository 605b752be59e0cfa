// Problem-parallel steps: the parts of a composite open problem (open_problem.hpp) held by
// different processes, each computing its parts' step signal, the signals summed in the ring over
// the processes (process_group.hpp). By the functor property this is the composite's own signal,
// computed without any process holding another's parts or samples; gradient descent on it
// (shared_gradient_descent) is the composite's descent.
#pragma once

#include "bitlens/algebra/gf_2k.hpp"
#include "bitlens/algebra/gf_p.hpp"
#include "bitlens/algebra/real.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/learn/open_problem.hpp"
#include "bitlens/learn/process_group.hpp"

#include <stdexcept>
#include <type_traits>

namespace bitlens {

/// Replaces each element of `values` by its sum in the ring over all processes (collective).
/// Over Z2 and GF(2^k) a sum is a XOR: bit counts are summed and their parities kept. Over GF(p)
/// residues are summed as two 31-bit halves (exact for up to 2^33 processes) and reduced. Over the
/// reals doubles are summed. Other rings: std::invalid_argument.
template <ring R>
void sum_over_processes(const R& r, std::span<element_t<R>> values, process_group& group) {
  if constexpr (std::is_same_v<R, z2> || std::is_same_v<R, gf_2k>) {
    std::vector<std::uint64_t> bits(64 * values.size());
    for (std::size_t k = 0; k < values.size(); ++k) {
      for (unsigned b = 0; b < 64; ++b) bits[64 * k + b] = (static_cast<std::uint64_t>(values[k]) >> b) & 1U;
    }
    group.sum(std::span<std::uint64_t>(bits));
    for (std::size_t k = 0; k < values.size(); ++k) {
      std::uint64_t x = 0;
      for (unsigned b = 0; b < 64; ++b) x |= (bits[64 * k + b] & 1U) << b;
      values[k] = static_cast<element_t<R>>(x);
    }
  } else if constexpr (std::is_same_v<R, gf_p>) {
    std::vector<std::uint64_t> halves(2 * values.size());
    for (std::size_t k = 0; k < values.size(); ++k) halves[2 * k] = values[k] & 0x7fffffffU, halves[2 * k + 1] = values[k] >> 31;
    group.sum(std::span<std::uint64_t>(halves));
    const auto two31 = r.from_integer(std::uint64_t{1} << 31);
    for (std::size_t k = 0; k < values.size(); ++k) values[k] = r.add(r.from_integer(halves[2 * k]), r.mul(r.from_integer(halves[2 * k + 1]), two31));
  } else if constexpr (std::is_same_v<R, real>) {
    group.sum(values);
  } else {
    throw std::invalid_argument("sum_over_processes: no reduction for " + r.name());
  }
}

/// The step signal of the composite of every process's parts: each process passes its own parts
/// (any number, none included) and the same `names` — the union of all processes' variables — and
/// `values`; every process receives the composite's signal (problem_signal of compose_problems of
/// all the parts, by the functor property; over the reals up to rounding). Collective.
template <ring R>
std::vector<element_t<R>> shared_signal(const R& r, std::span<const open_problem<R>> mine, std::span<const std::string> names,
                                        std::span<const element_t<R>> values, process_group& group) {
  std::vector<element_t<R>> signal(names.size(), r.zero());
  for (const auto& p : mine) {
    const auto local = problem_signal(p, names, values);
    for (std::size_t k = 0; k < names.size(); ++k) signal[k] = r.add(signal[k], local[k]);
  }
  sum_over_processes(r, std::span<element_t<R>>(signal), group);
  return signal;
}

/// Problem-parallel gradient descent: `steps` steps of values ← values − eta · (the composite's
/// signal), each signal computed by shared_signal from this process's parts. Every process ends
/// with the values one process would reach stepping the whole composite alone (over the reals up
/// to rounding). Collective.
template <ring R>
std::vector<element_t<R>> shared_gradient_descent(const R& r, std::span<const open_problem<R>> mine, std::span<const std::string> names,
                                                  std::vector<element_t<R>> values, element_t<R> eta, std::size_t steps,
                                                  process_group& group) {
  for (std::size_t k = 0; k < steps; ++k) {
    const auto signal = shared_signal(r, mine, names, std::span<const element_t<R>>(values), group);
    values = gradient_step(r, std::span<const element_t<R>>(values), std::span<const element_t<R>>(signal), eta);
  }
  return values;
}

}  // namespace bitlens
