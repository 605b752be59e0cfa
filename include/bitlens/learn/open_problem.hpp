// Open optimisation problems and their composition by shared variables: the construction of
// "Generalized Gradient Descent is a Hypergraph Functor" (Hanks, Klawonn, Patterson, Wilson).
//
// An open problem is a model circuit f(x; p) over a ring with labelled samples (x, y) and the
// squared loss ½ Σ (f(x; p) − y)², whose parameters are *exposed variables*, each with a name.
// Problems compose by identifying variables of the same name (a cospan: every part's variables map
// into the union). The composite is itself a problem: one circuit whose inputs are the parts'
// inputs side by side, whose parameters are the union of the variables (a shared variable is
// copied into every part that uses it), and whose outputs are the parts' outputs.
//
// Its step signal — the reverse derivative of the loss with respect to the variables, summed over
// the samples — is computed from its own circuit by R[·]. The functor property, tested on random
// problems over Z2, GF(p), GF(2^k) and the reals (algebra/real.hpp, up to rounding): that signal
// equals the sum, over the parts, of each part's own signal, every variable receiving from each
// part that exposes it (the reverse derivative of a copy adds). So a composite's gradient step is
// the parts' local steps, summed into the shared variables — which is what lets the parts be
// computed apart (and on different processes) and combined exactly.
#pragma once

#include "bitlens/eval/reference.hpp"
#include "bitlens/ir/builder.hpp"
#include "bitlens/transform/reverse_derivative.hpp"

#include <algorithm>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

namespace bitlens {

template <ring R>
struct open_problem {
  circuit<R> model;
  /// One name per parameter of `model`; equal names within a problem are one variable too.
  std::vector<std::string> variables;
  /// The samples: inputs (model.num_inputs() each) and targets (model.num_outputs() each).
  std::vector<std::vector<element_t<R>>> inputs, targets;
};

/// The union of the variable names of `parts`, in order of first appearance.
template <ring R>
std::vector<std::string> variable_union(std::span<const open_problem<R>> parts) {
  std::vector<std::string> names;
  for (const auto& p : parts) {
    for (const auto& v : p.variables) {
      if (std::find(names.begin(), names.end(), v) == names.end()) names.push_back(v);
    }
  }
  return names;
}

/// Where each parameter of `p` sits in `names`.
template <ring R>
std::vector<std::size_t> variable_indices(const open_problem<R>& p, std::span<const std::string> names) {
  if (p.variables.size() != p.model.num_params()) {
    throw std::invalid_argument("open problem: " + std::to_string(p.model.num_params()) + " parameters but " +
                                std::to_string(p.variables.size()) + " variable names");
  }
  std::vector<std::size_t> at;
  for (const auto& v : p.variables) {
    const auto it = std::find(names.begin(), names.end(), v);
    if (it == names.end()) throw std::invalid_argument("open problem: variable '" + v + "' is not among the names");
    at.push_back(static_cast<std::size_t>(it - names.begin()));
  }
  return at;
}

/// The composite of `parts` glued along their shared variable names. Its variables are
/// variable_union(parts); its samples are the parts' samples side by side (sample s of the
/// composite is sample s of every part), so the parts must have equally many samples.
template <ring R>
open_problem<R> compose_problems(std::span<const open_problem<R>> parts) {
  if (parts.empty()) throw std::invalid_argument("compose_problems: no parts");
  const auto names = variable_union(parts);
  const std::size_t samples = parts[0].inputs.size();
  circuit_builder<R> b(parts[0].model.ring(), builder_params{.simplify = false});
  std::vector<std::vector<wire>> part_inputs;
  for (const auto& p : parts) {
    if (p.inputs.size() != samples || p.targets.size() != samples) {
      throw std::invalid_argument("compose_problems: every part needs the same number of samples (and one target row each)");
    }
    part_inputs.push_back(b.inputs(p.model.num_inputs()));
  }
  const auto vars = b.params(names.size());
  std::vector<wire> outputs;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const auto at = variable_indices(parts[i], names);
    std::vector<wire> params;
    for (auto k : at) params.push_back(vars[k]);  // a shared variable is copied into each part
    for (wire w : append(b, parts[i].model, part_inputs[i], params)) b.output(w);
  }
  open_problem<R> c{b.build(), names, {}, {}};
  for (std::size_t s = 0; s < samples; ++s) {
    std::vector<element_t<R>> x, y;
    for (const auto& p : parts) {
      x.insert(x.end(), p.inputs[s].begin(), p.inputs[s].end());
      y.insert(y.end(), p.targets[s].begin(), p.targets[s].end());
    }
    c.inputs.push_back(std::move(x));
    c.targets.push_back(std::move(y));
  }
  return c;
}

/// A problem's step signal at variable values `values` (one per name of `names`, which must contain
/// the problem's variables): for each name, the sum over samples of ∂loss/∂variable — the reverse
/// derivative R[f](x, p, f(x; p) − y) restricted to the parameters. Names the problem does not
/// expose receive zero.
template <ring R>
std::vector<element_t<R>> problem_signal(const open_problem<R>& p, std::span<const std::string> names,
                                         std::span<const element_t<R>> values) {
  const R& r = p.model.ring();
  if (values.size() != names.size()) throw std::invalid_argument("problem_signal: one value per variable name");
  const auto at = variable_indices(p, names);
  const circuit<R> rd = reverse_derivative(p.model, {.respect_to = wrt::params});
  std::vector<element_t<R>> params;
  for (auto k : at) params.push_back(values[k]);
  std::vector<element_t<R>> gradient(names.size(), r.zero());
  for (std::size_t s = 0; s < p.inputs.size(); ++s) {
    const auto y = evaluate_reference(p.model, std::span<const element_t<R>>(p.inputs[s]), std::span<const element_t<R>>(params));
    std::vector<element_t<R>> in(p.inputs[s]);
    for (std::size_t k = 0; k < y.size(); ++k) in.push_back(r.sub(y[k], p.targets[s][k]));  // the loss's cotangent
    const auto grad = evaluate_reference(rd, std::span<const element_t<R>>(in), std::span<const element_t<R>>(params));
    for (std::size_t j = 0; j < at.size(); ++j) gradient[at[j]] = r.add(gradient[at[j]], grad[j]);
  }
  return gradient;
}

/// The gradient step p ← p − η · gradient over the variables (over Z2 with η = 1: flip where the
/// summed adjoint is 1).
template <ring R>
std::vector<element_t<R>> gradient_step(const R& r, std::span<const element_t<R>> values, std::span<const element_t<R>> gradient,
                                        element_t<R> eta) {
  std::vector<element_t<R>> next(values.begin(), values.end());
  for (std::size_t k = 0; k < next.size(); ++k) next[k] = r.sub(next[k], r.mul(eta, gradient[k]));
  return next;
}

}  // namespace bitlens
