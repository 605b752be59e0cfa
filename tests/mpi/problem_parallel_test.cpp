// Run under mpirun with any number of processes: the parts of random composite problems are dealt
// out to the processes (part i to process i mod N); the signal each process receives from
// shared_signal must equal the composite's own signal, which every process also computes alone —
// exactly over Z2, GF(p) and GF(2^8), up to rounding over the reals. Exits 1 on a difference.
#include "bitlens/learn/mpi_processes.hpp"
#include "bitlens/learn/shared_problems.hpp"
#include "support/random_circuit.hpp"
#include "support/seeds.hpp"

#include <cmath>
#include <cstdio>
#include <string>
#include <type_traits>
#include <vector>

using namespace bitlens;

namespace {

template <ring R>
std::vector<element_t<R>> random_row(const R& r, test::rng& g, std::size_t n) {
  std::vector<element_t<R>> v(n);
  for (auto& x : v) {
    if constexpr (std::is_same_v<R, real>) {
      x = static_cast<double>(static_cast<int>(g() % 33) - 16) / 8.0;
    } else {
      x = r.from_integer(g());
    }
  }
  return v;
}

template <ring R>
int check(const R& r, std::uint64_t salt, process_group& group) {
  int failures = 0;
  for (std::uint64_t c = 0; c < 20; ++c) {
    const auto seed = test::case_seed(salt + c);
    test::rng g(seed);
    std::vector<open_problem<R>> parts;
    const std::size_t n = 1 + g() % 5, samples = 1 + g() % 5;
    for (std::size_t i = 0; i < n; ++i) {
      const std::size_t params = 1 + g() % 3;
      open_problem<R> p{test::random_circuit(r, g, {.inputs = 1 + g() % 3, .params = params, .nodes = 8 + g() % 12, .outputs = 1 + g() % 2}),
                        {}, {}, {}};
      for (std::size_t k = 0; k < params; ++k) p.variables.push_back("v" + std::to_string(g() % 4));
      for (std::size_t s = 0; s < samples; ++s) {
        p.inputs.push_back(random_row(r, g, p.model.num_inputs()));
        p.targets.push_back(random_row(r, g, p.model.num_outputs()));
      }
      parts.push_back(std::move(p));
    }
    const auto composite = compose_problems<R>(parts);
    const auto values = random_row(r, g, composite.variables.size());
    const auto whole = problem_signal(composite, composite.variables, values);
    std::vector<open_problem<R>> mine;
    for (std::size_t i = static_cast<std::size_t>(group.rank()); i < parts.size(); i += static_cast<std::size_t>(group.size())) mine.push_back(parts[i]);
    const auto shared = shared_signal(r, std::span<const open_problem<R>>(mine), composite.variables, values, group);
    bool same = shared.size() == whole.size();
    for (std::size_t k = 0; same && k < whole.size(); ++k) {
      if constexpr (std::is_same_v<R, real>) {
        same = std::abs(shared[k] - whole[k]) <= 1e-9 * (1 + std::abs(whole[k]));
      } else {
        same = shared[k] == whole[k];
      }
    }
    if (!same) {
      std::fprintf(stderr, "process %d of %d: FAILED over %s, seed %llu: the shared signal differs from the composite's\n", group.rank(),
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
  if (group.rank() == 0 && failures == 0) std::printf("problem-parallel signals on %d processes: every check passed\n", group.size());
  return failures == 0 ? 0 : 1;
}
