// The truth tables bitlens generates itself (adder, multiplier, parity, majority, …).
#include "bitlens/io/generate.hpp"

#include <bit>
#include <functional>
#include <stdexcept>

namespace bitlens {

std::vector<std::string> table_kinds() { return {"adder", "multiplier", "parity", "majority", "comparator", "mux"}; }

namespace {

struct spec {
  std::vector<std::string> inputs, outputs;
  std::function<std::uint64_t(std::uint64_t)> f;  // input row -> output bits
};

std::vector<std::string> names(const std::string& stem, std::size_t n) {
  std::vector<std::string> v;
  for (std::size_t i = 0; i < n; ++i) v.push_back(stem + std::to_string(i));
  return v;
}

std::vector<std::string> join(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

[[noreturn]] void throw_unknown_kind(std::string_view kind) {
  std::string known;
  for (const auto& k : table_kinds()) known += (known.empty() ? "" : ", ") + k;
  throw std::invalid_argument("unknown table kind '" + std::string(kind) + "' (known: " + known + ")");
}

spec make_spec(std::string_view kind, std::size_t n) {
  const std::uint64_t mask = n >= 64 ? ~0ULL : (1ULL << n) - 1;
  if (kind == "adder") return {join(names("a", n), names("b", n)), names("s", n + 1), [=](std::uint64_t r) { return (r & mask) + (r >> n); }};
  if (kind == "multiplier") return {join(names("a", n), names("b", n)), names("p", 2 * n), [=](std::uint64_t r) { return (r & mask) * (r >> n); }};
  if (kind == "parity") return {names("x", n), {"even"}, [](std::uint64_t r) { return std::popcount(r) % 2 == 0 ? 1ULL : 0ULL; }};
  if (kind == "majority") return {names("x", n), {"maj"}, [=](std::uint64_t r) { return 2 * std::size_t(std::popcount(r)) > n ? 1ULL : 0ULL; }};
  if (kind == "comparator") {
    return {join(names("a", n), names("b", n)), {"lt", "eq", "gt"}, [=](std::uint64_t r) {
              const auto a = r & mask, b = r >> n;
              return (a < b ? 1ULL : 0ULL) | (a == b ? 2ULL : 0ULL) | (a > b ? 4ULL : 0ULL);
            }};
  }
  if (kind == "mux") {
    return {join(names("s", n), names("d", std::size_t{1} << n)), {"y"}, [=](std::uint64_t r) { return (r >> (n + (r & mask))) & 1U; }};
  }
  throw_unknown_kind(kind);
}

// Inputs of the table KIND N, known before the spec names them (a mux of N has N + 2^N).
std::size_t input_count(std::string_view kind, std::size_t n) {
  if (kind == "mux") return n + (std::size_t{1} << n);
  if (kind == "parity" || kind == "majority") return n;
  if (kind == "adder" || kind == "multiplier" || kind == "comparator") return 2 * n;
  throw_unknown_kind(kind);
}

}  // namespace

bit_dataset generate_table(std::string_view kind, std::size_t n, std::size_t max_inputs) {
  if (n == 0) throw std::invalid_argument("the size N must be at least 1");
  if (n > 32) throw std::invalid_argument("size " + std::to_string(n) + " is too large");
  const std::size_t inputs = input_count(kind, n);
  if (inputs > max_inputs) {
    throw std::invalid_argument(std::string(kind) + " " + std::to_string(n) + " has " + std::to_string(inputs) +
                                " inputs; at most " + std::to_string(max_inputs) + " are allowed");
  }
  const spec s = make_spec(kind, n);
  const std::size_t ni = s.inputs.size(), rows = std::size_t{1} << ni;
  bit_dataset d = bit_dataset::zeros(ni, s.outputs.size(), rows);
  for (std::size_t r = 0; r < rows; ++r) {
    for (std::size_t i = 0; i < ni; ++i) d.inputs.set(i, r, ((r >> i) & 1U) != 0);
    const std::uint64_t y = s.f(r);
    for (std::size_t o = 0; o < s.outputs.size(); ++o) d.targets.set(o, r, ((y >> o) & 1U) != 0);
  }
  d.input_names = s.inputs;
  d.output_names = s.outputs;
  return d;
}

}  // namespace bitlens
