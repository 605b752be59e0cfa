// Composition of circuits as morphisms of Para (parametrised maps): parameters of the parts are
// concatenated, in order. Composition is faithful — nodes are copied, not simplified — so the
// structure (and the structural derivative) of each part is preserved; call simplify() if wanted.
#pragma once

#include "bitlens/ir/builder.hpp"

#include <algorithm>
#include <numeric>
#include <span>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitlens {
namespace detail {

template <ring R>
circuit_builder<R> faithful_builder(const R& r) {
  return circuit_builder<R>(r, builder_params{.simplify = false});
}

// Copies the names of f's sources onto the wires `ws` of b.
template <ring R>
void copy_source_names(circuit_builder<R>& b, const circuit<R>& f, std::span<const wire> ws, std::size_t first) {
  for (std::size_t i = 0; i < ws.size(); ++i) {
    const auto& nm = f.wire_name(static_cast<wire>(first + i));
    if (!nm.empty()) b.name(ws[i], nm);
  }
}

template <ring R>
std::vector<wire> fresh_sources(circuit_builder<R>& b, const circuit<R>& f, bool params) {
  const std::size_t n = params ? f.num_params() : f.num_inputs();
  auto ws = params ? b.params(n) : b.inputs(n);
  copy_source_names(b, f, ws, params ? f.num_inputs() : 0);
  return ws;
}

template <ring R>
void output_all(circuit_builder<R>& b, const circuit<R>& f, std::span<const wire> ws) {
  for (std::size_t k = 0; k < ws.size(); ++k) b.output(ws[k], f.output_name(k));
}

}  // namespace detail

/// f with its inputs and outputs named (each list empty, or one name per input / output; an empty
/// name leaves that one unnamed). The other wires lose their names.
template <ring R>
circuit<R> renamed(const circuit<R>& f, std::span<const std::string> input_names, std::span<const std::string> output_names) {
  std::vector<std::string> wires;
  if (!input_names.empty()) {
    if (input_names.size() != f.num_inputs()) throw std::invalid_argument("renamed: one name per input");
    wires.assign(f.num_wires(), "");
    std::copy(input_names.begin(), input_names.end(), wires.begin());
  }
  if (!output_names.empty() && output_names.size() != f.num_outputs()) throw std::invalid_argument("renamed: one name per output");
  return circuit<R>(f.ring(), f.num_inputs(), f.num_params(), std::vector<node<R>>(f.nodes().begin(), f.nodes().end()),
                    std::vector<wire>(f.outputs().begin(), f.outputs().end()), std::move(wires),
                    std::vector<std::string>(output_names.begin(), output_names.end()));
}

/// Sequential composition f ; g: x ↦ g(f(x)). Needs f.num_outputs() == g.num_inputs().
/// Parameters: f's, then g's.
template <ring R>
circuit<R> then(const circuit<R>& f, const circuit<R>& g) {
  if (f.num_outputs() != g.num_inputs()) {
    throw std::invalid_argument("then: f has " + std::to_string(f.num_outputs()) + " outputs but g takes " +
                                std::to_string(g.num_inputs()) + " inputs");
  }
  auto b = detail::faithful_builder(f.ring());
  const auto x = detail::fresh_sources(b, f, false);
  const auto pf = detail::fresh_sources(b, f, true);
  const auto pg = detail::fresh_sources(b, g, true);
  const auto y = append(b, f, x, pf);
  detail::output_all(b, g, append(b, g, y, pg));
  return b.build();
}

/// Parallel composition f ⊗ g: (x, x') ↦ (f(x), g(x')). Inputs, parameters and outputs: f's, then g's.
template <ring R>
circuit<R> tensor(const circuit<R>& f, const circuit<R>& g) {
  auto b = detail::faithful_builder(f.ring());
  const auto xf = detail::fresh_sources(b, f, false);
  const auto xg = detail::fresh_sources(b, g, false);
  const auto pf = detail::fresh_sources(b, f, true);
  const auto pg = detail::fresh_sources(b, g, true);
  detail::output_all(b, f, append(b, f, xf, pf));
  detail::output_all(b, g, append(b, g, xg, pg));
  return b.build();
}

/// Pairing ⟨f, g⟩: x ↦ (f(x), g(x)) (the inputs are copied). Needs equal input counts.
template <ring R>
circuit<R> pair(const circuit<R>& f, const circuit<R>& g) {
  if (f.num_inputs() != g.num_inputs()) {
    throw std::invalid_argument("pair: f takes " + std::to_string(f.num_inputs()) + " inputs but g takes " +
                                std::to_string(g.num_inputs()));
  }
  auto b = detail::faithful_builder(f.ring());
  const auto x = detail::fresh_sources(b, f, false);
  const auto pf = detail::fresh_sources(b, f, true);
  const auto pg = detail::fresh_sources(b, g, true);
  detail::output_all(b, f, append(b, f, x, pf));
  detail::output_all(b, g, append(b, g, x, pg));
  return b.build();
}

/// Pointwise sum f + g: x ↦ f(x) + g(x). Needs equal input and output counts.
template <ring R>
circuit<R> pointwise_sum(const circuit<R>& f, const circuit<R>& g) {
  if (f.num_inputs() != g.num_inputs() || f.num_outputs() != g.num_outputs()) {
    throw std::invalid_argument("pointwise_sum: f and g must have the same numbers of inputs and outputs");
  }
  auto b = detail::faithful_builder(f.ring());
  const auto x = detail::fresh_sources(b, f, false);
  const auto pf = detail::fresh_sources(b, f, true);
  const auto pg = detail::fresh_sources(b, g, true);
  const auto yf = append(b, f, x, pf);
  const auto yg = append(b, g, x, pg);
  for (std::size_t k = 0; k < yf.size(); ++k) b.output(b.add(yf[k], yg[k]));
  return b.build();
}

/// The projection R^n → R^(indices.size()), x ↦ (x[indices[0]], …). Indices may repeat (copy) or
/// be left out (discard).
template <ring R>
circuit<R> projection(const R& r, std::size_t n, std::span<const std::size_t> indices) {
  auto b = detail::faithful_builder(r);
  const auto x = b.inputs(n);
  for (std::size_t i : indices) {
    if (i >= n) throw std::invalid_argument("projection: index " + std::to_string(i) + " out of range");
    b.output(x[i]);
  }
  return b.build();
}

/// The identity on R^n.
template <ring R>
circuit<R> identity(const R& r, std::size_t n) {
  std::vector<std::size_t> idx(n);
  std::iota(idx.begin(), idx.end(), std::size_t{0});
  return projection(r, n, idx);
}

/// The symmetry R^m × R^n → R^n × R^m.
template <ring R>
circuit<R> swap(const R& r, std::size_t m, std::size_t n) {
  std::vector<std::size_t> idx;
  for (std::size_t i = 0; i < n; ++i) idx.push_back(m + i);
  for (std::size_t i = 0; i < m; ++i) idx.push_back(i);
  return projection(r, m + n, idx);
}

/// The zero map R^n → R^m.
template <ring R>
circuit<R> zero_map(const R& r, std::size_t n, std::size_t m) {
  auto b = detail::faithful_builder(r);
  b.inputs(n);
  const wire z = b.zero();
  for (std::size_t k = 0; k < m; ++k) b.output(z);
  return b.build();
}

}  // namespace bitlens
