// The data-parallel training step over MPI: run under mpirun with 1, 2, … processes, one thread
// each; every process runs the flip rule's step of 784 → LAYERS × WIDTH gates (random tables, every
// sample active: the densest step) on its share of each batch, and process 0 prints one JSON line
// with the samples/s of the whole run and the time spent in collectives.
//   mpirun -np N build/bench/mpi_step [seconds=10] [batch=2048] [layers=6] [width=8000]
// bench/compare/mpi_scaling.sh runs it on 1 and 2 processes side by side and writes the ratio.
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/mpi_processes.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "support/seeds.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <vector>

using namespace bitlens;

namespace {

// Times the collectives (the counts' reduce-scatter, the flips' gather, the agreed stops), around
// the group's own, and counts the bytes this process sends into them.
class timed_group final : public process_group {
 public:
  explicit timed_group(process_group& g) : g_(g) {}
  int rank() const noexcept override { return g_.rank(); }
  int size() const noexcept override { return g_.size(); }
  void sum(std::span<std::uint32_t> v) override { timed([&] { g_.sum(v); }, v.size_bytes()); }
  void sum(std::span<std::uint64_t> v) override { timed([&] { g_.sum(v); }, v.size_bytes()); }
  void sum(std::span<double> v) override { timed([&] { g_.sum(v); }, v.size_bytes()); }
  void sum_scatter(std::span<const std::uint16_t> v, std::span<const int> blocks, std::span<std::uint16_t> mine) override {
    timed([&] { g_.sum_scatter(v, blocks, mine); }, v.size_bytes());
  }
  std::vector<std::uint32_t> gather(std::span<const std::uint32_t> mine) override {
    std::vector<std::uint32_t> all;
    timed([&] { all = g_.gather(mine); }, mine.size_bytes());
    return all;
  }
  double seconds = 0;
  std::size_t bytes = 0;

 private:
  template <class F>
  void timed(F f, std::size_t n) {
    const auto t0 = std::chrono::steady_clock::now();
    f();
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    bytes += n;
  }
  process_group& g_;
};

}  // namespace

int main(int argc, char** argv) {
  mpi_processes mpi(argc, argv);
  const double budget = argc > 1 ? std::atof(argv[1]) : 10.0;
  const std::size_t batch = argc > 2 ? std::strtoul(argv[2], nullptr, 10) : 2048;
  gate_layers_params lp;
  lp.layers = argc > 3 ? std::strtoul(argv[3], nullptr, 10) : 6;
  lp.width = argc > 4 ? std::strtoul(argv[4], nullptr, 10) : 8000;
  lp.random_fraction = 1.0;
  const std::size_t samples = 1 << 14;
  test::rng g(7);
  bit_batch inputs(784, samples);
  for (std::size_t i = 0; i < 784; ++i) {
    for (auto& w : inputs.wire(i).words()) w = g() & g();
    inputs.wire(i).clear_tail();
  }
  std::vector<std::uint32_t> labels(samples);
  for (auto& l : labels) l = static_cast<std::uint32_t>(g() % 10);
  auto net = make_gate_layers(784, lp);
  timed_group group(mpi);
  gate_train_params p;
  p.batch = batch;
  p.threads = 1;
  p.margin = 1000;  // every sample active
  p.protect_margin = 1000;
  p.flip_fraction = 0;
  p.processes = &group;
  gate_trainer trainer(net, inputs, labels, p);
  std::vector<std::uint32_t> words(trainer.batch_words());
  std::size_t first = 0, done = 0, steps = 0;
  const auto t0 = std::chrono::steady_clock::now();
  double elapsed = 0;
  while (!group.any(elapsed >= budget)) {  // agreed, so that every process takes the same steps
    for (auto& w : words) w = static_cast<std::uint32_t>(first++ % trainer.num_words());
    done += trainer.step(words).samples;
    ++steps;
    elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  }
  if (mpi.rank() == 0) {
    std::printf("{\"processes\": %d, \"threads_per_process\": 1, \"gates\": %zu, \"batch\": %zu, \"steps\": %zu, \"seconds\": %.3f, "
                "\"samples_per_s\": %.1f, \"collective_seconds\": %.3f, \"collective_bytes_per_step\": %.0f}\n",
                mpi.size(), net.num_gates(), batch, steps, elapsed, static_cast<double>(done) / elapsed, group.seconds,
                static_cast<double>(group.bytes) / static_cast<double>(steps));
  }
  return 0;
}
