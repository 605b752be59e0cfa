// The process_group of MPI's world communicator. Sums are MPI_Allreduce over unsigned integers:
// exact, so the result never depends on how the processes are arranged.
#include "bitlens/learn/mpi_processes.hpp"

#include <mpi.h>

#include <algorithm>
#include <climits>
#include <cstdlib>
#include <iostream>
#include <stdexcept>

namespace bitlens {
namespace {

// MPI counts are ints: long spans go in pieces.
template <class T>
void allreduce_sum(std::span<T> values, MPI_Datatype type) {
  constexpr std::size_t piece = INT_MAX / 2;
  for (std::size_t first = 0; first < values.size(); first += piece) {
    const auto n = static_cast<int>(std::min(piece, values.size() - first));
    if (MPI_Allreduce(MPI_IN_PLACE, values.data() + first, n, type, MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS) {
      throw std::runtime_error("MPI_Allreduce failed");
    }
  }
}

}  // namespace

mpi_processes::mpi_processes(int& argc, char**& argv) {
  int provided = 0;
  if (MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided) != MPI_SUCCESS) throw std::runtime_error("MPI_Init_thread failed");
  MPI_Comm_rank(MPI_COMM_WORLD, &rank_);
  MPI_Comm_size(MPI_COMM_WORLD, &size_);
}

mpi_processes::~mpi_processes() { MPI_Finalize(); }

void mpi_processes::sum(std::span<std::uint32_t> values) { allreduce_sum(values, MPI_UINT32_T); }
void mpi_processes::sum(std::span<std::uint64_t> values) { allreduce_sum(values, MPI_UINT64_T); }
void mpi_processes::sum(std::span<double> values) { allreduce_sum(values, MPI_DOUBLE); }

void mpi_processes::sum_scatter(std::span<const std::uint16_t> values, std::span<const int> block_sizes,
                                std::span<std::uint16_t> mine) {
  if (block_sizes.size() != static_cast<std::size_t>(size_) || mine.size() != static_cast<std::size_t>(block_sizes[static_cast<std::size_t>(rank_)])) {
    throw std::invalid_argument("mpi_processes::sum_scatter: one block per process, this process's block in `mine`");
  }
  if (MPI_Reduce_scatter(values.data(), mine.data(), block_sizes.data(), MPI_UINT16_T, MPI_SUM, MPI_COMM_WORLD) != MPI_SUCCESS) {
    throw std::runtime_error("MPI_Reduce_scatter failed");
  }
}

std::vector<std::uint32_t> mpi_processes::gather(std::span<const std::uint32_t> mine) {
  const int n = static_cast<int>(mine.size());
  std::vector<int> counts(static_cast<std::size_t>(size_)), offsets(static_cast<std::size_t>(size_));
  if (MPI_Allgather(&n, 1, MPI_INT, counts.data(), 1, MPI_INT, MPI_COMM_WORLD) != MPI_SUCCESS) throw std::runtime_error("MPI_Allgather failed");
  int total = 0;
  for (std::size_t r = 0; r < counts.size(); ++r) offsets[r] = total, total += counts[r];
  std::vector<std::uint32_t> all(static_cast<std::size_t>(total));
  if (MPI_Allgatherv(mine.data(), n, MPI_UINT32_T, all.data(), counts.data(), offsets.data(), MPI_UINT32_T, MPI_COMM_WORLD) != MPI_SUCCESS) {
    throw std::runtime_error("MPI_Allgatherv failed");
  }
  return all;
}

void mpi_processes::abort_all(const std::string& program, const std::string& message, int code) const {
  std::cerr << program << " (process " << rank_ << " of " << size_ << "): " << message << std::endl;
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);  // MPI_Abort does not return; this is for the compiler
}

bool mpi_processes::launched_by_mpirun() noexcept {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr || std::getenv("PMI_SIZE") != nullptr || std::getenv("PMIX_RANK") != nullptr;
}

}  // namespace bitlens
