// Run under mpirun with any number of processes: the parts of random composite problems are dealt
// out to the processes (part i to process i mod N); the signal each process receives from
// shared_signal must equal the composite's own signal, which every process also computes alone,
// and three steps of shared_gradient_descent the composite's own three steps — exactly over Z2,
// GF(p) and GF(2^8), up to rounding over the reals. Exits 1 on a difference.
#include "bitlens/learn/mpi_processes.hpp"
#include "bitlens/learn/shared_problems.hpp"
#include "support/random_problems.hpp"
#include "support/seeds.hpp"

#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

using namespace bitlens;

namespace {

template <ring R>
int check(const R& r, std::uint64_t salt, process_group& group) {
  int failures = 0;
  for (std::uint64_t c = 0; c < 20; ++c) {
    const auto seed = test::case_seed(salt + c);
    test::rng g(seed);
    const auto parts = test::random_problems(r, g, 1 + g() % 5);
    const auto composite = compose_problems<R>(parts);
    const auto values = test::random_row(r, g, composite.variables.size());
    const auto whole = problem_signal(composite, composite.variables, values);
    std::vector<open_problem<R>> mine;
    for (std::size_t i = static_cast<std::size_t>(group.rank()); i < parts.size(); i += static_cast<std::size_t>(group.size())) mine.push_back(parts[i]);
    const auto shared = shared_signal(r, std::span<const open_problem<R>>(mine), composite.variables, values, group);
    if (!test::same_elements<R>(shared, whole)) {
      std::fprintf(stderr, "process %d of %d: FAILED over %s, seed %llu: the shared signal differs from the composite's\n", group.rank(),
                   group.size(), r.name().c_str(), static_cast<unsigned long long>(seed));
      ++failures;
    }
    // Three steps of descent shared between the processes, against the composite stepped alone.
    element_t<R> eta = r.one();
    if constexpr (std::is_same_v<R, real>) eta = 1.0 / 64;
    auto alone = values;
    for (int k = 0; k < 3; ++k) {
      alone = gradient_step(r, std::span<const element_t<R>>(alone),
                            std::span<const element_t<R>>(problem_signal(composite, composite.variables, alone)), eta);
    }
    const auto stepped = shared_gradient_descent(r, std::span<const open_problem<R>>(mine), composite.variables, values, eta, 3, group);
    if (!test::same_elements<R>(stepped, alone)) {
      std::fprintf(stderr, "process %d of %d: FAILED over %s, seed %llu: shared descent differs from the composite's\n", group.rank(),
                   group.size(), r.name().c_str(), static_cast<unsigned long long>(seed));
      ++failures;
    }
  }
  return failures;
}

}  // namespace

int main(int argc, char** argv) {
  mpi_processes group(argc, argv);
  const int failures = check(z2{}, 136000, group) + check(gf_p(65537), 137000, group) + check(gf_p(2305843009213693951ULL), 138000, group) +
                       check(gf_2k(8), 139000, group) + check(real{}, 140000, group);
  if (group.rank() == 0 && failures == 0) std::printf("problem-parallel signals and descent on %d processes: every check passed\n", group.size());
  return failures == 0 ? 0 : 1;
}
