// Parametric lenses over a ring, as values: the building blocks of every update rule in bitlens,
// after "Deep Learning with Parametric Lenses" (Cruttwell, Gavranović, Ghani, Wilson, Zanasi).
//
// A parametric lens (P, A) → B has
//   get: P × A → B                  the forward map (a model, a loss, …)
//   put: P × A × B' → P' × A'        the backward map: a change of the output becomes changes of
//                                    the parameters and of the input
// Over a ring all the spaces are tuples of ring elements (changes included). A circuit f is a lens
// with get = f and put = R[f], its reverse derivative (circuit_lens). Lenses compose:
//   then(f, g)          sequential: get is g ∘ f; put runs g's put, then f's with g's input change
//   beside(f, g)        parallel: side by side
//   reparameterise(f, α) f's parameters computed from new ones by a lens α (a change of
//                       parameters; put sends f's parameter changes back through α)
// Parameters of a composite are f's then g's. The lens laws (associativity, units, the interchange
// of then and beside, reparameterisation as a functor) and that the composite of circuit lenses is
// the circuit lens of the composite circuit (the chain rule) are property tests
// (tests/learn/para_lens_test.cpp). Losses and learning rates are in lens_losses.hpp, optimisers
// and the training step in lens_optimisers.hpp.
//
// These lenses run one sample at a time through std::function: they say what a step is. The fused
// kernels (the tape step of train.hpp, gate_pass, the lane tape of field_train.hpp) compute the same
// composites fast, and tests check each against the composite built here.
#pragma once

#include "bitlens/eval/reference.hpp"
#include "bitlens/transform/reverse_derivative.hpp"

#include <functional>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace bitlens {

template <ring R>
class para_lens {
 public:
  using element = element_t<R>;
  using values = std::vector<element>;
  using view = std::span<const element>;
  /// What put returns: one change per parameter and one per input.
  struct changes {
    values params, inputs;
  };
  using get_fn = std::function<values(view params, view inputs)>;
  using put_fn = std::function<changes(view params, view inputs, view output_change)>;

  /// A lens with these sizes; `get` must return `outputs` elements and `put` `params` and `inputs`
  /// changes (checked on every call).
  para_lens(R r, std::size_t params, std::size_t inputs, std::size_t outputs, get_fn get, put_fn put)
      : r_(std::move(r)), params_(params), inputs_(inputs), outputs_(outputs), get_(std::move(get)), put_(std::move(put)) {}

  const R& ring() const noexcept { return r_; }
  std::size_t num_params() const noexcept { return params_; }
  std::size_t num_inputs() const noexcept { return inputs_; }
  std::size_t num_outputs() const noexcept { return outputs_; }

  /// The forward map. Throws std::invalid_argument on a size mismatch.
  values get(view p, view a) const {
    check("get", p, a);
    values b = get_(p, a);
    if (b.size() != outputs_) throw std::logic_error("para_lens::get returned " + std::to_string(b.size()) + " outputs, not " + std::to_string(outputs_));
    return b;
  }
  /// The backward map: the changes of the parameters and inputs for a change `db` of the output.
  changes put(view p, view a, view db) const {
    check("put", p, a);
    if (db.size() != outputs_) {
      throw std::invalid_argument("para_lens::put: " + std::to_string(outputs_) + " output changes expected, " + std::to_string(db.size()) + " given");
    }
    changes c = put_(p, a, db);
    if (c.params.size() != params_ || c.inputs.size() != inputs_) throw std::logic_error("para_lens::put returned changes of the wrong sizes");
    return c;
  }

 private:
  void check(const char* what, view p, view a) const {
    if (p.size() != params_ || a.size() != inputs_) {
      throw std::invalid_argument(std::string("para_lens::") + what + ": " + std::to_string(params_) + " parameters and " +
                                  std::to_string(inputs_) + " inputs expected, " + std::to_string(p.size()) + " and " +
                                  std::to_string(a.size()) + " given");
    }
  }
  R r_;
  std::size_t params_, inputs_, outputs_;
  get_fn get_;
  put_fn put_;
};

/// The circuit f as a lens: get = f(inputs; params), put = R[f] (with respect to the inputs and the
/// parameters) evaluated at the inputs, the parameters and the output change.
template <ring R>
para_lens<R> circuit_lens(const circuit<R>& f) {
  using L = para_lens<R>;
  using element = element_t<R>;
  auto fwd = std::make_shared<const circuit<R>>(f);
  auto rd = std::make_shared<const circuit<R>>(reverse_derivative(f, {.respect_to = wrt::all}));
  const std::size_t n = f.num_inputs(), np = f.num_params();
  return L(
      f.ring(), np, n, f.num_outputs(), [fwd](typename L::view p, typename L::view a) { return evaluate_reference(*fwd, a, p); },
      [rd, n](typename L::view p, typename L::view a, typename L::view db) {
        std::vector<element> in(a.begin(), a.end());
        in.insert(in.end(), db.begin(), db.end());
        auto out = evaluate_reference(*rd, std::span<const element>(in), p);  // δx, then δp
        typename L::changes c;
        c.inputs.assign(out.begin(), out.begin() + static_cast<std::ptrdiff_t>(n));
        c.params.assign(out.begin() + static_cast<std::ptrdiff_t>(n), out.end());
        return c;
      });
}

/// The identity on n elements (no parameters): get copies, put passes the change back.
template <ring R>
para_lens<R> identity_lens(const R& r, std::size_t n) {
  using L = para_lens<R>;
  return L(
      r, 0, n, n, [](typename L::view, typename L::view a) { return typename L::values(a.begin(), a.end()); },
      [](typename L::view, typename L::view, typename L::view db) {
        return typename L::changes{{}, typename L::values(db.begin(), db.end())};
      });
}

/// Sequential composition f ; g (f's outputs feed g's inputs). Parameters: f's, then g's.
template <ring R>
para_lens<R> then(const para_lens<R>& f, const para_lens<R>& g) {
  if (f.num_outputs() != g.num_inputs()) {
    throw std::invalid_argument("then: the first lens has " + std::to_string(f.num_outputs()) + " outputs, the second " +
                                std::to_string(g.num_inputs()) + " inputs");
  }
  using L = para_lens<R>;
  const std::size_t pf = f.num_params();
  return L(
      f.ring(), f.num_params() + g.num_params(), f.num_inputs(), g.num_outputs(),
      [f, g, pf](typename L::view p, typename L::view a) {
        const auto b = f.get(p.first(pf), a);
        return g.get(p.subspan(pf), b);
      },
      [f, g, pf](typename L::view p, typename L::view a, typename L::view dc) {
        const auto b = f.get(p.first(pf), a);
        auto gc = g.put(p.subspan(pf), b, dc);
        auto fc = f.put(p.first(pf), a, gc.inputs);
        fc.params.insert(fc.params.end(), gc.params.begin(), gc.params.end());
        return fc;
      });
}

/// Parallel composition f ⊗ g: inputs, outputs and parameters are f's, then g's.
template <ring R>
para_lens<R> beside(const para_lens<R>& f, const para_lens<R>& g) {
  using L = para_lens<R>;
  const std::size_t pf = f.num_params(), af = f.num_inputs(), bf = f.num_outputs();
  return L(
      f.ring(), f.num_params() + g.num_params(), f.num_inputs() + g.num_inputs(), f.num_outputs() + g.num_outputs(),
      [f, g, pf, af](typename L::view p, typename L::view a) {
        auto b = f.get(p.first(pf), a.first(af));
        const auto b2 = g.get(p.subspan(pf), a.subspan(af));
        b.insert(b.end(), b2.begin(), b2.end());
        return b;
      },
      [f, g, pf, af, bf](typename L::view p, typename L::view a, typename L::view db) {
        auto c = f.put(p.first(pf), a.first(af), db.first(bf));
        const auto c2 = g.put(p.subspan(pf), a.subspan(af), db.subspan(bf));
        c.params.insert(c.params.end(), c2.params.begin(), c2.params.end());
        c.inputs.insert(c.inputs.end(), c2.inputs.begin(), c2.inputs.end());
        return c;
      });
}

/// f reparameterised along α, a lens without parameters from the new parameters Q to f's P:
/// get(q, a) = f.get(α.get(q), a); put sends f's parameter changes back through α's put.
template <ring R>
para_lens<R> reparameterise(const para_lens<R>& f, const para_lens<R>& alpha) {
  if (alpha.num_params() != 0 || alpha.num_outputs() != f.num_params()) {
    throw std::invalid_argument("reparameterise: the change of parameters must be a lens without parameters onto the " +
                                std::to_string(f.num_params()) + " parameters");
  }
  using L = para_lens<R>;
  return L(
      f.ring(), alpha.num_inputs(), f.num_inputs(), f.num_outputs(),
      [f, alpha](typename L::view q, typename L::view a) { return f.get(alpha.get({}, q), a); },
      [f, alpha](typename L::view q, typename L::view a, typename L::view db) {
        const auto p = alpha.get({}, q);
        auto c = f.put(p, a, db);
        c.params = alpha.put({}, q, c.params).inputs;
        return c;
      });
}

}  // namespace bitlens
