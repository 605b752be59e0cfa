// The fused Z2 training step's forward part (model ; loss) and the inputs it reads.
#include "bitlens/learn/lens.hpp"

#include "bitlens/ir/builder.hpp"
#include "bitlens/transform/reverse_derivative.hpp"

namespace bitlens {
namespace {

struct forward_part {
  std::vector<wire> x, y, care, p, forward, error, correct;
};

// model ; loss: replays f and forms the masked error (ŷ ⊕ y) ∧ care and its complement within care.
forward_part model_then_loss(circuit_builder<z2>& b, const circuit<z2>& f) {
  forward_part part;
  part.x = b.inputs(f.num_inputs(), "x");
  part.y = b.inputs(f.num_outputs(), "y");
  part.care = b.inputs(f.num_outputs(), "care");
  part.p = b.params(f.num_params(), "p");
  part.forward = append_forward(b, f, part.x, part.p);
  for (std::size_t o = 0; o < f.num_outputs(); ++o) {
    const wire diff = b.add(part.forward[f.output(o)], part.y[o]);
    part.error.push_back(b.mul(diff, part.care[o]));
    part.correct.push_back(b.mul(b.not_(diff), part.care[o]));
  }
  return part;
}

}  // namespace

bit_batch step_inputs(const bit_dataset& d) {
  bit_batch b(d.num_inputs() + 2 * d.num_outputs(), d.num_samples());
  for (std::size_t i = 0; i < d.num_inputs(); ++i) b.wire(i) = d.inputs.wire(i);
  for (std::size_t o = 0; o < d.num_outputs(); ++o) {
    b.wire(d.num_inputs() + o) = d.targets.wire(o);
    b.wire(d.num_inputs() + d.num_outputs() + o) = d.care.wire(o);
  }
  return b;
}

circuit<z2> error_circuit(const circuit<z2>& model) {
  circuit_builder<z2> b;
  const auto part = model_then_loss(b, model);
  for (wire e : part.error) b.output(e);
  return b.build(build_params{.prune = true});
}

circuit<z2> training_step_circuit(const circuit<z2>& model, cotangent_mode mode, step_layout& layout) {
  circuit_builder<z2> b;
  const auto part = model_then_loss(b, model);
  layout = step_layout{model.num_outputs(), mode, {}};
  for (wire e : part.error) b.output(e);
  const std::size_t n = model.num_inputs();
  if (mode == cotangent_mode::summed) {
    // loss put: δŷ = error; learning rate: identity; model put: R[f].
    std::vector<std::optional<wire>> cot(part.error.begin(), part.error.end());
    const auto adj = append_reverse_sweep(b, model, part.forward, cot);
    for (std::size_t j = 0; j < model.num_params(); ++j) b.output(adj[n + j] ? *adj[n + j] : b.zero());
  } else {
    for (std::size_t o = 0; o < model.num_outputs(); ++o) {
      std::vector<std::optional<wire>> cot(model.num_outputs());
      cot[o] = b.one();  // δy = e_o: the sweep gives ∂f_o/∂p_j for every parameter
      const auto adj = append_reverse_sweep(b, model, part.forward, cot);
      for (std::size_t j = 0; j < model.num_params(); ++j) {
        const auto& d = adj[n + j];
        z2::element value = 1;
        if (!d || (b.is_constant(*d, &value) && value == 0)) continue;  // output o does not depend on p_j
        b.output(b.mul(*d, part.error[o]));
        b.output(b.mul(*d, part.correct[o]));
        layout.votes.push_back({static_cast<std::uint32_t>(o), static_cast<std::uint32_t>(j)});
      }
    }
  }
  return b.build(build_params{.prune = true});
}

}  // namespace bitlens
