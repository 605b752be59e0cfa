// Elementwise multiplication of two arrays of field elements: bitlens' batched kernels (the
// automatic variant, and the AVX2 variant beside it) against NTL on the same field, in the same
// run. Prints items/s for each (labelled with the path taken), then bitlens / NTL per field.
//   build/bench/bench_fields [--benchmark_out=fields.json --benchmark_out_format=json]
#include "bitlens/algebra/field_kernels.hpp"

#include <NTL/vec_GF2E.h>
#include <NTL/vec_ZZ_p.h>
#include <NTL/lzz_p.h>
#include <NTL/vec_lzz_pE.h>
#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace {

using namespace bitlens;
constexpr std::size_t n = 1024;  // three arrays of 8 KiB: in L1, so the kernel, not memory, is measured

std::vector<std::uint64_t> random_elements(std::uint64_t order, std::uint64_t seed) {
  std::mt19937_64 g(seed);
  std::vector<std::uint64_t> v(n);
  for (auto& x : v) x = order == 0 ? g() : g() % order;
  return v;
}

template <class F>
void ours(benchmark::State& state, const F& f, kernel_variant v) {
  if (!cpu_runs(v)) return state.SkipWithError("this CPU cannot run this variant");
  const auto a = random_elements(f.order(), 1), b = random_elements(f.order(), 2);
  std::vector<std::uint64_t> c(n);
  if constexpr (requires { mul_n_kernel(f, v); }) state.SetLabel(std::string(mul_n_kernel(f, v)));
  for (auto _ : state) {
    mul_n(f, a.data(), b.data(), c.data(), n, v);
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void ntl_zz_p(benchmark::State& state, std::uint64_t p) {
  NTL::zz_pPush push(static_cast<long>(p));
  const auto a = random_elements(p, 1), b = random_elements(p, 2);
  NTL::vec_zz_p x, y, z;
  x.SetLength(n), y.SetLength(n), z.SetLength(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = static_cast<long>(a[i]), y[i] = static_cast<long>(b[i]);
  for (auto _ : state) {
    for (long i = 0; i < static_cast<long>(n); ++i) NTL::mul(z[i], x[i], y[i]);
    benchmark::DoNotOptimize(z.elts());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void ntl_ZZ_p(benchmark::State& state, std::uint64_t p) {
  NTL::ZZ_pPush push(NTL::conv<NTL::ZZ>(static_cast<unsigned long>(p)));
  const auto a = random_elements(p, 1), b = random_elements(p, 2);
  NTL::vec_ZZ_p x, y, z;
  x.SetLength(n), y.SetLength(n), z.SetLength(n);
  for (std::size_t i = 0; i < n; ++i) x[i] = NTL::conv<NTL::ZZ_p>(NTL::conv<NTL::ZZ>(static_cast<unsigned long>(a[i]))), y[i] = NTL::conv<NTL::ZZ_p>(NTL::conv<NTL::ZZ>(static_cast<unsigned long>(b[i])));
  for (auto _ : state) {
    for (long i = 0; i < static_cast<long>(n); ++i) NTL::mul(z[i], x[i], y[i]);
    benchmark::DoNotOptimize(z.elts());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void ntl_GF2E(benchmark::State& state, const gf_2k& f) {
  NTL::GF2X m;
  NTL::SetCoeff(m, f.degree());
  for (unsigned i = 0; i < f.degree(); ++i) {
    if ((f.modulus_low() >> i) & 1U) NTL::SetCoeff(m, i);
  }
  NTL::GF2EPush push(m);
  const auto a = random_elements(f.order(), 1), b = random_elements(f.order(), 2);
  NTL::vec_GF2E x, y, z;
  x.SetLength(n), y.SetLength(n), z.SetLength(n);
  for (std::size_t i = 0; i < n; ++i) {
    NTL::GF2X u, v;
    for (unsigned bit = 0; bit < f.degree(); ++bit) {
      if ((a[i] >> bit) & 1U) NTL::SetCoeff(u, bit);
      if ((b[i] >> bit) & 1U) NTL::SetCoeff(v, bit);
    }
    x[i] = NTL::conv<NTL::GF2E>(u), y[i] = NTL::conv<NTL::GF2E>(v);
  }
  for (auto _ : state) {
    for (long i = 0; i < static_cast<long>(n); ++i) NTL::mul(z[i], x[i], y[i]);
    benchmark::DoNotOptimize(z.elts());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void ntl_zz_pE(benchmark::State& state, const gf_pk& f) {
  NTL::zz_pPush push(static_cast<long>(f.prime()));
  NTL::zz_pX m;
  for (std::size_t i = 0; i < f.modulus().size(); ++i) NTL::SetCoeff(m, static_cast<long>(i), static_cast<long>(f.modulus()[i]));
  NTL::zz_pEPush push_e(m);
  const auto a = random_elements(f.order(), 1), b = random_elements(f.order(), 2);
  NTL::vec_zz_pE x, y, z;
  x.SetLength(n), y.SetLength(n), z.SetLength(n);
  for (std::size_t i = 0; i < n; ++i) {
    NTL::zz_pX u, v;
    const auto da = f.to_coefficients(a[i]), db = f.to_coefficients(b[i]);
    for (std::size_t j = 0; j < da.size(); ++j) NTL::SetCoeff(u, static_cast<long>(j), static_cast<long>(da[j])), NTL::SetCoeff(v, static_cast<long>(j), static_cast<long>(db[j]));
    x[i] = NTL::conv<NTL::zz_pE>(u), y[i] = NTL::conv<NTL::zz_pE>(v);
  }
  for (auto _ : state) {
    for (long i = 0; i < static_cast<long>(n); ++i) NTL::mul(z[i], x[i], y[i]);
    benchmark::DoNotOptimize(z.elts());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// Prints bitlens / NTL for every field after the usual table.
class pair_reporter : public benchmark::ConsoleReporter {
 public:
  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      const auto it = r.counters.find("items_per_second");
      if (it == r.counters.end() || r.error_occurred) continue;
      const std::string name = r.benchmark_name();
      const auto slash = name.rfind('/');
      rates_[name.substr(0, slash)][name.substr(slash + 1)] = it->second.value;
    }
  }
  void Finalize() override {
    ConsoleReporter::Finalize();
    std::printf("\nElementwise multiplication, bitlens / NTL on the same field (same run):\n");
    for (const auto& [field, impl] : rates_) {
      if (!impl.count("ntl")) continue;
      for (const char* ours : {"bitlens", "bitlens-avx2"}) {
        if (!impl.count(ours)) continue;
        std::printf("  %-28s %-13s %8.1fx   (%.3g vs %.3g mults/s)\n", field.c_str(), ours, impl.at(ours) / impl.at("ntl"),
                    impl.at(ours), impl.at("ntl"));
      }
    }
  }

 private:
  std::map<std::string, std::map<std::string, double>> rates_;
};

}  // namespace

int main(int argc, char** argv) {
  static const gf_p p3(3), p65537(65537), p31(2147483647ULL), p61(2305843009213693951ULL);
  static const gf_2k b8(8), b64(64);
  static const gf_pk e35(3, 5), e65537(65537, 2);
  const auto both = [](const std::string& field, auto run) {
    benchmark::RegisterBenchmark(("mul " + field + "/bitlens").c_str(), [run](benchmark::State& s) { run(s, kernel_variant::automatic); });
    benchmark::RegisterBenchmark(("mul " + field + "/bitlens-avx2").c_str(), [run](benchmark::State& s) { run(s, kernel_variant::avx2); });
  };
  for (const gf_p* f : {&p3, &p65537, &p31}) {
    both(f->name(), [f](benchmark::State& s, kernel_variant v) { ours(s, *f, v); });
    benchmark::RegisterBenchmark(("mul " + f->name() + "/ntl").c_str(), [f](benchmark::State& s) { ntl_zz_p(s, f->modulus()); });
  }
  benchmark::RegisterBenchmark(("mul " + p61.name() + "/bitlens").c_str(), [](benchmark::State& s) { ours(s, p61, kernel_variant::automatic); });
  benchmark::RegisterBenchmark(("mul " + p61.name() + "/ntl").c_str(), [](benchmark::State& s) { ntl_ZZ_p(s, p61.modulus()); });
  for (const gf_2k* f : {&b8, &b64}) {
    both(f->name(), [f](benchmark::State& s, kernel_variant v) { ours(s, *f, v); });
    benchmark::RegisterBenchmark(("mul " + f->name() + "/ntl").c_str(), [f](benchmark::State& s) { ntl_GF2E(s, *f); });
  }
  for (const gf_pk* f : {&e35, &e65537}) {
    benchmark::RegisterBenchmark(("mul " + f->name() + "/bitlens").c_str(), [f](benchmark::State& s) { ours(s, *f, kernel_variant::automatic); });
    benchmark::RegisterBenchmark(("mul " + f->name() + "/ntl").c_str(), [f](benchmark::State& s) { ntl_zz_pE(s, *f); });
  }
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  pair_reporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}
