// A Google Benchmark reporter that, besides the usual console table, prints every benchmark's
// throughput as a ratio to a reference benchmark of the same run (the XOR stream by default):
// these machines are shared and noisy, and a ratio measured in one run is what stays comparable.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace bitlens::bench {

class ratio_reporter : public benchmark::ConsoleReporter {
 public:
  /// `reference` is a substring of the reference benchmark's name; its fastest run is the reference.
  explicit ratio_reporter(std::string reference) : reference_(std::move(reference)) {}

  void ReportRuns(const std::vector<Run>& runs) override {
    ConsoleReporter::ReportRuns(runs);
    for (const auto& r : runs) {
      if (r.run_type != Run::RT_Iteration || r.error_occurred) continue;
      const auto it = r.counters.find("items_per_second");
      if (it != r.counters.end()) rates_.emplace_back(r.benchmark_name(), it->second.value);
    }
  }

  void Finalize() override {
    ConsoleReporter::Finalize();
    double reference = 0;
    std::string reference_name;
    for (const auto& [name, rate] : rates_) {
      if (name.find(reference_) != std::string::npos && rate > reference) reference = rate, reference_name = name;
    }
    if (reference <= 0) return;
    std::printf("\nThroughput as a ratio to %s (%.3g items/s) measured in this run:\n", reference_name.c_str(), reference);
    for (const auto& [name, rate] : rates_) std::printf("  %-60s %8.3f\n", name.c_str(), rate / reference);
  }

 private:
  std::string reference_;
  std::vector<std::pair<std::string, double>> rates_;
};

/// main() body for a benchmark binary: runs everything and prints ratios to the benchmark named by `reference`.
inline int run_with_ratios(int argc, char** argv, const std::string& reference) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  ratio_reporter reporter(reference);
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();
  return 0;
}

}  // namespace bitlens::bench
