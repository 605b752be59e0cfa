// process_group: the processes a data-parallel training run is shared among. Every process holds the
// same data, parameters and settings; each step's samples are split between them, and the step's
// integer sums are added over all of them, so every process makes the same update and the
// parameters stay bit-identical for any number of processes (and threads). The library depends on
// this interface only; an MPI implementation is in learn/mpi_processes.hpp (built when CMake finds
// MPI), and a single process needs none (a null group pointer).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

class process_group {
 public:
  virtual ~process_group() = default;
  /// This process's index, 0 ≤ rank() < size().
  virtual int rank() const noexcept = 0;
  virtual int size() const noexcept = 0;
  /// Replaces every element by its sum over all processes. Collective: every process calls it, in
  /// the same order, with spans of equal length.
  virtual void sum(std::span<std::uint32_t> values) = 0;
  virtual void sum(std::span<std::uint64_t> values) = 0;
  /// The same over doubles (rounding may depend on the number of processes).
  virtual void sum(std::span<double> values) = 0;
  /// Sums `values` over all processes and leaves this process only its block: values holds size()
  /// consecutive blocks, block r of block_sizes[r] elements, and `mine` (block_sizes[rank()]
  /// elements) receives the sum of block rank() (collective; the sums must fit in 16 bits).
  virtual void sum_scatter(std::span<const std::uint16_t> values, std::span<const int> block_sizes, std::span<std::uint16_t> mine) = 0;
  /// Every process's `mine`, concatenated in rank order (collective; lengths may differ).
  virtual std::vector<std::uint32_t> gather(std::span<const std::uint32_t> mine) = 0;
  /// Whether `flag` is true on any process (collective).
  bool any(bool flag) {
    std::uint64_t v = flag ? 1 : 0;
    sum(std::span<std::uint64_t>(&v, 1));
    return v != 0;
  }
};

}  // namespace bitlens
