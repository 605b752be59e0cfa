// Run under mpirun with any number of processes: data-parallel gate training (gate_train_params::
// processes) must leave every process with exactly the tables one process alone trains — for one
// and two threads per process, batches with fewer tiles than processes, accumulated gains, and the
// validation-selected variant — and a time-limited run must stop every process after the same
// step. Prints what it checked; exits 1 on the first difference (every process checks itself).
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/mpi_processes.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/gate_toy.hpp"

#include <cstdio>
#include <string>
#include <vector>

using namespace bitlens;

namespace {

gate_network toy_network(std::uint64_t seed) {
  gate_layers_params lp;
  lp.layers = 3;
  lp.width = 40;
  lp.seed = seed;
  return make_gate_layers(24, lp);
}

std::vector<std::uint8_t> tables(const gate_network& net) { return {net.luts().begin(), net.luts().end()}; }

}  // namespace

int main(int argc, char** argv) {
  mpi_processes group(argc, argv);
  const auto seed = test::case_seed(77);
  const auto data = test::make_gate_toy(3000, seed), valid = test::make_gate_toy(500, seed + 1);
  int failures = 0;
  const auto check = [&](bool ok, const std::string& what) {
    if (!ok) {
      std::fprintf(stderr, "process %d of %d, seed %llu: FAILED: %s\n", group.rank(), group.size(),
                   static_cast<unsigned long long>(seed), what.c_str());
      ++failures;
    }
  };
  struct setting {
    unsigned threads;
    std::size_t batch;
    double gain_decay;
  };
  for (const setting& s : {setting{1, 1024, 0}, setting{2, 1024, 0}, setting{2, 256, 0}, setting{1, 512, 0.9}}) {
    gate_train_params p;
    p.classes = 4;
    p.batch = s.batch;
    p.budget = {.epochs = 6};
    p.margin = 2;
    p.protect_margin = 6;
    p.flip_fraction = 0.02;
    p.final_flip_fraction = 0.005;
    p.gain_decay = s.gain_decay;
    p.threads = s.threads;
    p.seed = seed;
    auto alone = toy_network(seed), shared = toy_network(seed);
    bitlens::train(alone, {data.inputs, data.labels}, p);
    p.processes = &group;
    gate_train_stats report_stats;
    bitlens::train(shared, {data.inputs, data.labels}, p, &report_stats);
    const train_event& report = report_stats.last;
    const std::string what = "threads " + std::to_string(s.threads) + ", batch " + std::to_string(s.batch) + ", gain decay " +
                             std::to_string(s.gain_decay);
    check(tables(alone) != tables(toy_network(seed)), what + ": training changed nothing");
    check(tables(shared) == tables(alone), what + ": tables differ from one process alone");
    check(report.samples == 6 * data.labels.size(), what + ": samples counted " + std::to_string(report.samples));
  }
  {  // validation selection: the same choice everywhere
    gate_train_params p;
    p.classes = 4;
    p.batch = 512;
    p.budget = {.epochs = 4};
    p.margin = 2;
    p.protect_margin = 6;
    p.flip_fraction = 0.02;
    p.report_every = 1000;
    p.threads = 1;
    auto alone = toy_network(seed), shared = toy_network(seed);
    const class_samples held{valid.inputs, valid.labels};
    p.valid = &held;
    gate_train_stats a, b;
    bitlens::train(alone, {data.inputs, data.labels}, p, &a);
    p.processes = &group;
    bitlens::train(shared, {data.inputs, data.labels}, p, &b);
    check(tables(shared) == tables(alone) && a.chosen.valid_accuracy() == b.chosen.valid_accuracy(), "validation selection differs from one process alone");
  }
  {  // a time limit: every process stops after the same step, with the same tables
    gate_train_params p;
    p.classes = 4;
    p.batch = 256;
    p.budget = {.seconds = 0.5};
    p.final_flip_fraction = 0.001;  // annealed by time: the clock is agreed too
    p.threads = 1;
    p.processes = &group;
    auto net = toy_network(seed);
    gate_train_stats r_stats;
    bitlens::train(net, {data.inputs, data.labels}, p, &r_stats);
    const train_event& r = r_stats.last;
    std::uint64_t mine[3] = {r.steps, 0, 0};
    for (auto t : tables(net)) mine[1] = mine[1] * 31 + t, mine[2] += t;
    std::uint64_t sum[3] = {mine[0], mine[1], mine[2]};
    group.sum(std::span<std::uint64_t>(sum));
    const auto n = static_cast<std::uint64_t>(group.size());
    check(sum[0] == n * mine[0] && sum[1] == n * mine[1] && sum[2] == n * mine[2], "a time-limited run ended differently on different processes");
  }
  if (group.rank() == 0 && failures == 0) std::printf("data-parallel training on %d processes: every check passed\n", group.size());
  return failures == 0 ? 0 : 1;
}
