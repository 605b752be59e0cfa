// mpi_processes: the process_group of MPI's world communicator (OpenMPI from Debian). Part of the
// separate library target bitlens::mpi, built when CMake finds MPI (the macro BITLENS_HAS_MPI is
// then defined for its users); no MPI type appears here.
#pragma once

#include "bitlens/learn/process_group.hpp"

#include <string>

namespace bitlens {

class mpi_processes final : public process_group {
 public:
  /// Initialises MPI (threads funnelled: only the thread that calls the collectives uses MPI) and
  /// finalises it on destruction. One instance per process.
  mpi_processes(int& argc, char**& argv);
  ~mpi_processes() override;
  mpi_processes(const mpi_processes&) = delete;
  mpi_processes& operator=(const mpi_processes&) = delete;

  int rank() const noexcept override { return rank_; }
  int size() const noexcept override { return size_; }
  void sum(std::span<std::uint32_t> values) override;
  void sum(std::span<std::uint64_t> values) override;
  void sum(std::span<double> values) override;
  void sum_scatter(std::span<const std::uint16_t> values, std::span<const int> block_sizes, std::span<std::uint16_t> mine) override;
  std::vector<std::uint32_t> gather(std::span<const std::uint32_t> mine) override;

  /// Ends every process of the run now with exit code `code`, after this process prints
  /// "PROGRAM (process R of N): MESSAGE" on standard error: what a process does when it fails,
  /// so that the others never wait forever in a collective.
  [[noreturn]] void abort_all(const std::string& program, const std::string& message, int code = 1) const;

  /// Whether this process was started by an MPI launcher (mpirun sets its rank in the environment).
  static bool launched_by_mpirun() noexcept;

 private:
  int rank_ = 0, size_ = 1;
};

}  // namespace bitlens
