// The cheap-gradient measurement: size of R[f] (simplified) relative to f (simplified) on random
// Z2 circuits of several sizes. Prints a table and writes JSON.
//   build/bench/rdiff_size [OUT.json] [CASES]
#include "bitlens/algebra/z2.hpp"
#include "bitlens/transform/reverse_derivative.hpp"
#include "bitlens/transform/simplify.hpp"
#include "support/random_circuit.hpp"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

int main(int argc, char** argv) {
  using namespace bitlens;
  const std::string out_path = argc > 1 ? argv[1] : "rdiff_size.json";
  const int cases = argc > 2 ? std::stoi(argv[2]) : 200;
  std::ofstream json(out_path);
  json << "{\"rows\": [\n";
  std::printf("%8s %8s %10s %10s %10s %10s\n", "nodes", "cases", "mean", "max", "raw_mean", "raw_max");
  bool first = true;
  for (std::size_t nodes : {50, 200, 1000, 5000}) {
    std::vector<double> ratio, raw_ratio;
    for (int k = 0; k < cases; ++k) {
      test::rng g(static_cast<std::uint64_t>(k) * 7919 + nodes);
      const auto f = simplify(test::random_circuit(z2{}, g, {.inputs = 16, .params = 16, .nodes = nodes, .outputs = 8}));
      if (f.num_nodes() == 0) continue;
      ratio.push_back(double(reverse_derivative(f).num_nodes()) / double(f.num_nodes()));
      raw_ratio.push_back(double(reverse_derivative(f, {.simplify = false}).num_nodes()) / double(f.num_nodes()));
    }
    auto mean = [](const std::vector<double>& v) { double s = 0; for (double x : v) s += x; return s / double(v.size()); };
    auto max = [](const std::vector<double>& v) { return *std::max_element(v.begin(), v.end()); };
    std::printf("%8zu %8zu %10.3f %10.3f %10.3f %10.3f\n", nodes, ratio.size(), mean(ratio), max(ratio), mean(raw_ratio),
                max(raw_ratio));
    json << (first ? "" : ",\n") << "  {\"nodes\": " << nodes << ", \"cases\": " << ratio.size() << ", \"mean\": " << mean(ratio)
         << ", \"max\": " << max(ratio) << ", \"raw_mean\": " << mean(raw_ratio) << ", \"raw_max\": " << max(raw_ratio) << "}";
    first = false;
  }
  json << "\n]}\n";
  return 0;
}
