// Random circuits (and random bit batches to run them on) for property tests, over any ring. With `multilinear` set, a mul only joins
// operands whose supports (the sources they depend on) are disjoint, so the circuit's polynomial
// is multilinear and its structural derivative equals the Boolean difference.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/ir/builder.hpp"
#include "seeds.hpp"

#include <boost/dynamic_bitset.hpp>

#include <vector>

namespace bitlens::test {

/// A batch of `wires` × `samples` fair random bits.
inline bit_batch random_batch(std::size_t wires, std::size_t samples, rng& g) {
  bit_batch b(wires, samples);
  for (std::size_t i = 0; i < wires; ++i) {
    for (std::size_t s = 0; s < samples; ++s) b.set(i, s, (g() & 1) != 0);
  }
  return b;
}

struct random_circuit_params {
  std::size_t inputs = 4;
  std::size_t params = 2;
  std::size_t nodes = 24;
  std::size_t outputs = 3;
  double p_mul = 0.4;
  double p_neg = 0.05;
  double p_const = 0.05;
  bool multilinear = false;
};

template <ring R>
element_t<R> random_element(const R& r, rng& g) {
  return r.from_integer(g());
}

template <ring R>
std::vector<element_t<R>> random_elements(const R& r, std::size_t n, rng& g) {
  std::vector<element_t<R>> v;
  v.reserve(n);
  for (std::size_t i = 0; i < n; ++i) v.push_back(random_element(r, g));
  return v;
}

/// A random circuit; built faithfully (no simplification), so it may contain x·x, dead nodes,
/// repeated subterms and constants — the shapes the transforms must handle.
template <ring R>
circuit<R> random_circuit(const R& r, rng& g, const random_circuit_params& p = {}) {
  circuit_builder<R> b(r, builder_params{.simplify = false});
  std::vector<wire> pool;
  std::vector<boost::dynamic_bitset<>> support;
  const std::size_t sources = p.inputs + p.params;
  for (std::size_t i = 0; i < p.inputs; ++i) pool.push_back(b.input("x" + std::to_string(i)));
  for (std::size_t j = 0; j < p.params; ++j) pool.push_back(b.param("p" + std::to_string(j)));
  for (std::size_t i = 0; i < sources; ++i) {
    support.emplace_back(sources);
    support.back().set(i);
  }
  std::uniform_real_distribution<double> u(0.0, 1.0);
  auto pick = [&] { return std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(g); };
  for (std::size_t k = 0; k < p.nodes; ++k) {
    const double roll = u(g);
    wire w = 0;
    boost::dynamic_bitset<> s(sources);
    if (pool.empty() || roll < p.p_const) {
      w = b.constant(random_element(r, g));
    } else if (roll < p.p_const + p.p_neg) {
      const auto a = pick();
      w = b.neg(pool[a]);
      s = support[a];
    } else {
      const auto a = pick();
      auto c = pick();
      bool mul = roll < p.p_const + p.p_neg + p.p_mul;
      if (mul && p.multilinear) {
        int tries = 0;
        while (support[a].intersects(support[c]) && tries++ < 20) c = pick();
        mul = !support[a].intersects(support[c]);
      }
      w = mul ? b.mul(pool[a], pool[c]) : b.add(pool[a], pool[c]);
      s = support[a] | support[c];
    }
    pool.push_back(w);
    support.push_back(s);
  }
  for (std::size_t k = 0; k < p.outputs; ++k) {
    // Prefer late wires so most nodes matter, but allow any wire (including sources).
    const std::size_t lo = pool.size() > 6 ? pool.size() - 6 : 0;
    const std::size_t i = u(g) < 0.8 ? std::uniform_int_distribution<std::size_t>(lo, pool.size() - 1)(g)
                                     : std::uniform_int_distribution<std::size_t>(0, pool.size() - 1)(g);
    b.output(pool[i], "y" + std::to_string(k));
  }
  return b.build();
}

}  // namespace bitlens::test
