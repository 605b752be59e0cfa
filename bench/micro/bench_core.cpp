// Micro-benchmarks of the Z2 core: bitvec against boost::dynamic_bitset, and bit-parallel tape
// forward evaluation (gate·samples/s), each next to the machine's XOR-stream rate of the same run.
//   build/bench/bench_core [--benchmark_out=core.json --benchmark_out_format=json]
#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/eval/gate_inference.hpp"
#include "bitlens/eval/gate_pass.hpp"
#include "bitlens/eval/group_count.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/learn/gate_relax.hpp"
#include "bitlens/learn/gate_train.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/models/lut_network.hpp"
#include "bitlens/models/gate_layers.hpp"
#include "bitlens/transform/simplify.hpp"
#include "support/ratio_reporter.hpp"
#include "support/random_circuit.hpp"
#include "support/xor_stream.hpp"

#include <boost/dynamic_bitset.hpp>

namespace {

using namespace bitlens;

// The roofline reference: the XOR stream of every kernel variant (range(1), a kernel_variant) in L1
// (4 KiB per array), in L2 (32 KiB) and in memory (32 MiB). The ratios below divide by the fastest.
void xor_stream(benchmark::State& state) {
  const auto words = static_cast<std::size_t>(state.range(0));
  const auto variant = static_cast<kernel_variant>(state.range(1));
  if (!cpu_runs(variant)) return state.SkipWithError("this CPU cannot run this variant");
  const auto run = bench::xor_words(variant);
  word_vector a(words, 0x5555555555555555ULL), b(words, 0x0f0f0f0f0f0f0f0fULL), d(words, 0);
  for (auto _ : state) {
    run(d.data(), a.data(), b.data(), words);
    benchmark::DoNotOptimize(d.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(words) * 64);
  state.SetLabel(std::string(name(variant)));
}
constexpr auto portable = static_cast<std::int64_t>(kernel_variant::portable);
constexpr auto avx2 = static_cast<std::int64_t>(kernel_variant::avx2);
constexpr auto avx512 = static_cast<std::int64_t>(kernel_variant::avx512);
BENCHMARK(xor_stream)->ArgsProduct({{1 << 9, 1 << 12, 1 << 22}, {portable, avx2, avx512}});

void bitvec_xor(benchmark::State& state) {
  const auto bits = static_cast<std::size_t>(state.range(0));
  bitvec a(bits, true), b(bits);
  for (auto _ : state) {
    a ^= b;
    benchmark::DoNotOptimize(a.words().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bits));
}
BENCHMARK(bitvec_xor)->Arg(1 << 18)->Arg(1 << 28);

void dynamic_bitset_xor(benchmark::State& state) {
  const auto bits = static_cast<std::size_t>(state.range(0));
  boost::dynamic_bitset<> a(bits), b(bits);
  a.set();
  for (auto _ : state) {
    a ^= b;
    benchmark::DoNotOptimize(&a);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bits));
}
BENCHMARK(dynamic_bitset_xor)->Arg(1 << 18)->Arg(1 << 28);

void bitvec_popcount(benchmark::State& state) {
  const auto bits = static_cast<std::size_t>(state.range(0));
  bitvec a = bitvec::from_string(std::string(bits, '1'));
  for (auto _ : state) benchmark::DoNotOptimize(a.popcount());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bits));
}
BENCHMARK(bitvec_popcount)->Arg(1 << 18);

void dynamic_bitset_count(benchmark::State& state) {
  const auto bits = static_cast<std::size_t>(state.range(0));
  boost::dynamic_bitset<> a(bits);
  a.set();
  for (auto _ : state) benchmark::DoNotOptimize(a.count());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * bits));
}
BENCHMARK(dynamic_bitset_count)->Arg(1 << 18);

// A layered random circuit: `depth` layers of `width` XOR/AND gates, each reading two wires of the
// layer before, so (unlike a uniformly random circuit) almost every gate is live.
circuit<z2> layered_circuit(std::size_t inputs, std::size_t width, std::size_t depth, test::rng& g) {
  circuit_builder<z2> b;
  std::vector<wire> prev = b.inputs(inputs);
  for (std::size_t d = 0; d < depth; ++d) {
    std::vector<wire> next;
    for (std::size_t k = 0; k < width; ++k) {
      const wire a = prev[g() % prev.size()], c = prev[g() % prev.size()];
      next.push_back(g() % 2 ? b.add(a, c) : b.mul(a, c));
    }
    prev = std::move(next);
  }
  for (wire w : prev) b.output(w);
  return b.build(build_params{.prune = true});
}

// Tape forward over state.range(2) samples of a layered circuit of width range(0) and depth
// range(1), on range(3) threads with kernels range(4); items are gate·samples.
void tape_forward(benchmark::State& state) {
  test::rng g(42);
  const auto samples = static_cast<std::size_t>(state.range(2));
  const tape t(layered_circuit(64, static_cast<std::size_t>(state.range(0)), static_cast<std::size_t>(state.range(1)), g));
  bit_batch in(64, samples);
  for (std::size_t i = 0; i < 64; ++i) {
    for (auto& w : in.wire(i).words()) w = g();
    in.wire(i).clear_tail();
  }
  const auto threads = static_cast<unsigned>(state.range(3));
  const auto kern = state.range(4) == 0 ? kernel_variant::portable : kernel_variant::automatic;
  for (auto _ : state) {
    auto ones = count_ones(t, in, bitvec(0), {.threads = threads, .kernels = kern});
    benchmark::DoNotOptimize(ones.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * t.instructions().size() * samples));
  state.counters["gates"] = static_cast<double>(t.instructions().size());
  state.counters["slots"] = static_cast<double>(t.num_slots());
}
// Arguments: width, depth, samples, threads, kernels (0 portable, 1 automatic = AVX2 where available).
BENCHMARK(tape_forward)
    ->Args({256, 8, 1 << 20, 1, 0})
    ->Args({256, 8, 1 << 20, 1, 1})
    ->Args({256, 8, 1 << 20, 2, 1})
    ->Args({8000, 6, 1 << 16, 1, 1})
    ->Args({8000, 6, 1 << 16, 2, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// Random data for the gate benchmarks: `samples` images of 784 random bits, 10 random labels.
struct random_images {
  bit_batch inputs;
  std::vector<std::uint32_t> labels;
};
random_images make_images(std::size_t samples) {
  test::rng g(7);
  random_images d{bit_batch(784, samples), std::vector<std::uint32_t>(samples)};
  for (std::size_t i = 0; i < 784; ++i) {
    for (auto& w : d.inputs.wire(i).words()) w = g() & g();
    d.inputs.wire(i).clear_tail();
  }
  for (auto& l : d.labels) l = static_cast<std::uint32_t>(g() % 10);
  return d;
}

// 784 → range(0) layers × range(1) gates with random tables (nothing simplifies).
gate_network random_gates(const benchmark::State& state) {
  gate_layers_params lp;
  lp.layers = static_cast<std::size_t>(state.range(0));
  lp.width = static_cast<std::size_t>(state.range(1));
  lp.random_fraction = 1.0;
  return make_gate_layers(784, lp);
}

// The fused pass alone (forward, then reverse with every gate's eight counts) over one tile of
// 64 · range(2) samples, 1 thread, kernel variant range(1), random tables and every output's m set:
// the kernel without the trainer's head, merge and flips. 784 → 6 × range(0) gates: 1000 fits in L2
// (≈ 1 MiB of values, adjoints and counts at 4 words), 8000 does not (≈ 4 MiB). Items are gate·samples.
void gate_pass_tile(benchmark::State& state) {
  const auto variant = static_cast<kernel_variant>(state.range(1));
  if (!cpu_runs(variant)) return state.SkipWithError("this CPU cannot run this variant");
  gate_layers_params lp;
  lp.layers = 6;
  lp.width = static_cast<std::size_t>(state.range(0));
  lp.random_fraction = 1.0;
  const gate_network net = make_gate_layers(784, lp);
  gate_pass pass(net, static_cast<std::size_t>(state.range(2)), variant);
  test::rng g(5);
  for (std::size_t i = 0; i < 784; ++i) {
    for (std::size_t j = 0; j < pass.tile_words(); ++j) pass.input(i)[j] = g() & g();
  }
  std::vector<std::uint64_t> noise(4096);
  for (auto& x : noise) x = g();
  for (auto _ : state) {
    pass.forward();
    // The output adjoints (as a loss head would write them): δ = the output ⊕ random targets.
    for (std::size_t k = 0; k < net.num_outputs(); ++k) {
      for (std::size_t j = 0; j < pass.tile_words(); ++j) {
        pass.output_matters(k)[j] = ~std::uint64_t{0};
        pass.output_delta(k)[j] = pass.output(k)[j] ^ noise[(k * pass.tile_words() + j) % noise.size()];
      }
    }
    pass.reverse(gate_pass::counting::replace);
    benchmark::DoNotOptimize(pass.counts().data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * net.num_gates() * pass.tile_samples()));
  state.SetLabel(std::string(name(variant)));
}
BENCHMARK(gate_pass_tile)->ArgsProduct({{1000, 8000}, {portable, avx2, avx512}, {4}})->Args({1000, avx512, 8})->Args({8000, avx512, 8})->Args({8000, avx512, 16})->Args({8000, avx2, 8});

// The fused training step (forward, group-sum head, reverse with counts, exact merge, flips) of a
// 784 → range(0) × range(1) gate network with random tables, on batches of range(2) samples and
// range(3) threads, kernel variant range(4), tiles of range(5) words. Items are gate·samples. The
// model (tile values, adjoints and counts: ≈ 6 MiB per thread at 6 × 8000) does not fit in L2.
void gate_train_step(benchmark::State& state) {
  const auto variant = static_cast<kernel_variant>(state.range(4));
  if (!cpu_runs(variant)) return state.SkipWithError("this CPU cannot run this variant");
  const auto d = make_images(1 << 14);
  auto net = random_gates(state);
  gate_train_params p;
  p.batch = static_cast<std::size_t>(state.range(2));
  p.threads = static_cast<unsigned>(state.range(3));
  p.kernels = variant;
  p.tile_words = static_cast<std::size_t>(state.range(5));
  p.margin = 1000;  // every sample active: the densest (slowest) step
  p.protect_margin = 1000;
  p.flip_fraction = 0;
  gate_trainer trainer(net, d.inputs, d.labels, p);
  std::vector<std::uint32_t> words(trainer.batch_words());
  std::size_t first = 0, samples = 0;
  for (auto _ : state) {
    for (auto& w : words) w = static_cast<std::uint32_t>(first++ % trainer.num_words());
    samples += trainer.step(words).samples;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(samples * net.num_gates()));
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(samples), benchmark::Counter::kIsRate);
  state.SetLabel(std::string(name(variant)));
}
BENCHMARK(gate_train_step)
    ->ArgsProduct({{6}, {8000}, {512}, {1, 2}, {avx2, avx512}, {4}})
    ->ArgsProduct({{6}, {8000}, {2048}, {2}, {avx2, avx512}, {4}})
    ->Args({6, 8000, 2048, 2, avx512, 8})
    ->ArgsProduct({{6}, {8000}, {8192}, {2}, {avx2}, {4}})
    ->ArgsProduct({{6}, {8000}, {8192}, {2}, {avx512}, {8}})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();

// The relaxation's forward and reverse pass (relaxed_loss with its gradient: what a training step
// computes before Adam) over 512 images on 1 thread, kernel variant range(2), 784 → range(0) ×
// range(1) gates. Items are gate·samples; the counter is samples/s.
void gate_relax_pass(benchmark::State& state) {
  const auto variant = static_cast<kernel_variant>(state.range(2));
  if (!cpu_runs(variant)) return state.SkipWithError("this CPU cannot run this variant");
  const auto d = make_images(512);
  const gate_network net = random_gates(state);
  test::rng g(11);
  std::vector<float> alpha(4 * net.num_gates()), grad(alpha.size());
  for (auto& a : alpha) a = static_cast<float>(g() % 1000) / 1000.0F;
  std::size_t samples = 0;
  for (auto _ : state) {
    benchmark::DoNotOptimize(relaxed_loss(net, alpha, d.inputs, d.labels, 10, 1.0, grad, variant));
    samples += d.labels.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(samples * net.num_gates()));
  state.counters["samples/s"] = benchmark::Counter(static_cast<double>(samples), benchmark::Counter::kIsRate);
  state.SetLabel(std::string(name(variant)));
}
BENCHMARK(gate_relax_pass)->ArgsProduct({{6}, {8000}, {avx2, avx512}})->Unit(benchmark::kMillisecond)->UseRealTime();

// Compiled inference with the group-sum head (random tables: nothing simplifies), 1 thread, kernel
// variant range(2). Items are gate·images; the counter is images/s.
void gate_inference(benchmark::State& state) {
  const auto variant = static_cast<kernel_variant>(state.range(2));
  if (!cpu_runs(variant)) return state.SkipWithError("this CPU cannot run this variant");
  const auto d = make_images(1 << 14);
  const gate_network net = random_gates(state);
  const compiled_gates cg(net);
  std::size_t images = 0;
  for (auto _ : state) {
    const auto pred = cg.predict_groups(d.inputs, 10, {.threads = 1, .kernels = variant});
    benchmark::DoNotOptimize(pred.data());
    images += pred.size();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(images * net.num_gates()));
  state.counters["images/s"] = benchmark::Counter(static_cast<double>(images), benchmark::Counter::kIsRate);
  state.counters["ops"] = static_cast<double>(cg.num_ops());
  state.SetLabel(std::string(name(variant)));
}
BENCHMARK(gate_inference)->ArgsProduct({{6}, {8000}, {avx2, avx512}})->Unit(benchmark::kMillisecond)->UseRealTime();

// The group-sum reduction alone: 800 wires counted bit-sliced per 64·words samples, kernel variant
// range(0). Items are bits.
void group_count(benchmark::State& state) {
  const auto variant = static_cast<kernel_variant>(state.range(0));
  if (!cpu_runs(variant)) return state.SkipWithError("this CPU cannot run this variant");
  test::rng g(3);
  const std::size_t words = 16;
  std::vector<word_vector> wires(800, word_vector(words));
  std::vector<const std::uint64_t*> ptr;
  for (auto& w : wires) {
    for (auto& x : w) x = g();
    ptr.push_back(w.data());
  }
  std::vector<std::uint64_t> planes(count_planes(800) * words);
  for (auto _ : state) {
    count_wires_sliced(ptr, words, planes.data(), variant);
    benchmark::DoNotOptimize(planes.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * 800 * words * 64));
  state.SetLabel(std::string(name(variant)));
}
BENCHMARK(group_count)->Arg(portable)->Arg(avx2)->Arg(avx512);

// The LUT-network trainer (learn/train.hpp) on the 8-bit adder's table (65,536 rows): steps of a
// few milliseconds, each several tape runs, so the cost of putting threads to work on every run
// shows. Items are training steps (vote proposals, rejected ones included); range(0) threads.
void lut_train_steps(benchmark::State& state) {
  const auto data = generate_table("adder", 8);
  const auto f = make_lut_network(data.num_inputs(), data.num_outputs(), {.k = 4, .widths = {32, 16}, .seed = 3}).build();
  train_params tp;
  tp.budget = {.steps = 100};
  tp.stop_when_exact = false;
  tp.threads = static_cast<unsigned>(state.range(0));
  std::uint64_t steps = 0;
  for (auto _ : state) {
    train_stats st;
    benchmark::DoNotOptimize(train(f, data, tp, &st));
    steps += st.steps;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(steps));
}
BENCHMARK(lut_train_steps)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace

int main(int argc, char** argv) { return bitlens::bench::run_with_ratios(argc, argv, "xor_stream"); }
