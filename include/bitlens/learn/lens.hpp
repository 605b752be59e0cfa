// The fused Z2 training step: the composite of parametric lenses (Cruttwell et al. 2024; Wilson &
// Zanasi 2021) compiled into one circuit, so that a step is one tiled pass of the tape. The lenses
// themselves, as values that compose, are in para_lens.hpp, lens_losses.hpp and lens_optimisers.hpp;
// tests/learn/lens_optimisers_test.cpp checks this circuit against their composite. Over Z2:
//
//   model lens          P × A → B      get = f                   put = R[f]
//   loss lens           B × B → B      get = (ŷ ⊕ y) ∧ care       put = the error itself as cotangent
//                                      (the reverse derivative of XOR difference is (α, α))
//   learning-rate lens  B → B          identity over Z2
//
// model ; loss ; learning rate is one circuit: forward f, the masked error, then the reverse sweep of
// f driven by the error. The optimizer (optimizer_kind and train(), train.hpp) closes the loop on P. Everything an
// optimizer reads — error counts and per-parameter vote counts — is a popcount of an output of
// that one circuit, so a step is one fused, tiled pass over the data (eval/tape.hpp).
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace bitlens {

/// How the loss's cotangent reaches the model's put.
enum class cotangent_mode : std::uint8_t {
  /// One reverse pass with δy = error: output j is R_P[f](x, error)_j (the RDA and parity rules).
  summed,
  /// One reverse pass per output o with δy = e_o, masked by that output's error and by its
  /// correct-and-cared bits: for every parameter j that output o depends on, the samples on which
  /// flipping p_j would fix output o ("fix") and those on which it would break it ("break").
  per_output,
};

/// Where the step circuit puts what. Its inputs are x (n), then y (m), then care (m); its
/// parameters are the model's.
struct step_layout {
  std::size_t num_outputs = 0;  // m: outputs [0, m) are the masked errors of each model output
  cotangent_mode mode = cotangent_mode::summed;
  /// summed: output m + j is the adjoint of parameter j.
  /// per_output: entry e describes outputs m + 2e (fix) and m + 2e + 1 (break).
  struct vote_entry {
    std::uint32_t output;
    std::uint32_t param;
  };
  std::vector<vote_entry> votes;
};

/// The composite lens model ; loss ; learning rate as one Z2 circuit (see the file comment).
/// `layout` receives the meaning of its outputs.
circuit<z2> training_step_circuit(const circuit<z2>& model, cotangent_mode mode, step_layout& layout);

/// The inputs of the step (and error) circuit for a dataset: x, then y, then care.
bit_batch step_inputs(const bit_dataset& data);

/// model ; loss alone: inputs x, y, care; outputs the masked errors. Used to score parameters.
circuit<z2> error_circuit(const circuit<z2>& model);

}  // namespace bitlens
