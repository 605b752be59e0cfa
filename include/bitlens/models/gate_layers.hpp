// Gate layers, a model family: difflogic's architecture — `layers` layers of `width` two-input
// learnable gates with random wiring (every node of a layer is read at least once when the next
// layer has enough operand slots; a gate never reads the same node twice; for images, the first
// layer may be wired locally, each gate reading two nearby pixels).
//
// As a model it is a lut_network of 2-LUTs in strict layers, whose circuit (to_lut_network) is the
// generic path: the tape, R[f], the reference evaluation, the exported netlists. Its compiled form is
// eval's gate_network, which the fused kernels read — gate_pass for training, compiled_gates for
// inference — and which the tests hold equal to the generic path. make_gate_layers builds the
// compiled form directly; compile_gate_layers compiles any lut_network of the family.
#pragma once

#include "bitlens/algebra/bit_batch.hpp"
#include "bitlens/algebra/bitvec.hpp"
#include "bitlens/eval/gate_network.hpp"
#include "bitlens/models/lut_network.hpp"

#include <cstdint>
#include <vector>

namespace bitlens {

struct gate_layers_params {
  std::size_t layers = 6;
  std::size_t width = 8000;
  std::uint64_t seed = 1;
  /// Fraction of gates starting as a random table; the rest start as pass_a ("residual"
  /// initialisation: a deep network of pass-throughs starts as a copy of its inputs, which the
  /// flips then refine, instead of as noise).
  double random_fraction = 0.0;
  /// The inputs the first layer may read (empty: all of them). An input that never varies in the
  /// data makes every gate reading only it a constant; see informative_inputs.
  std::vector<std::uint32_t> first_layer_inputs = {};
  /// Local wiring of the first layer (a convolution's prior, for images): when local_radius > 0 the
  /// inputs are image_rows × image_cols pixels of num_inputs / (rows × cols) consecutive bits, and
  /// each first-layer gate's second operand is drawn among the allowed inputs whose pixel lies
  /// within local_radius rows and columns of its first operand's pixel (any of its bits; anywhere
  /// when there is none). The first operands cover every allowed input when width allows.
  std::size_t local_radius = 0;
  std::size_t image_rows = 0, image_cols = 0;
};

/// The min_fraction that `bitlens classify` and bench/mnist_compare use: on binarised MNIST's
/// validation split, 60 epochs, it scored 94.55% against 93.42% with every pixel, 93.78% with
/// every pixel that varies, 94.17% at 0.01 and 94.42% at 0.05 (bench/studies/mnist_study.md).
inline constexpr double default_informative_fraction = 0.02;

/// The inputs whose fraction of ones over the samples lies in [min_fraction, 1 − min_fraction]
/// (0: every input that is not constant). On binarised MNIST 94 pixels are always 0, and 315 are
/// 1 in fewer than 1% of the training images.
std::vector<std::uint32_t> informative_inputs(const bit_batch& samples, double min_fraction);

/// A network for `num_inputs` inputs. Throws std::invalid_argument for no inputs, zero layers, a zero width,
/// a fraction outside [0, 1], first_layer_inputs naming an input out of range, or local wiring
/// whose image shape does not divide num_inputs.
gate_network make_gate_layers(std::size_t num_inputs, const gate_layers_params& params);

/// The equivalent 2-LUT network: same nodes, and parameters 4g … 4g+3 are gate g's table entries.
lut_network to_lut_network(const gate_network& net);

/// The tables as the lut_network's parameter bits.
bitvec gate_tables_as_params(const gate_network& net);

/// The compiled form of a LUT network of this family, the inverse of to_lut_network: every LUT
/// reads two sources, all of the layer just below (the inputs for the first layer), its table
/// entries are parameters 4g … 4g+3 for LUT g, and the last layer is exactly the outputs — as
/// make_lut_network builds with k = 2 and no skip wiring. The tables are `params` (one bit per
/// parameter) when given, else pass_a. Throws std::invalid_argument naming the first LUT that does
/// not fit, or on a wrong number of parameter bits.
gate_network compile_gate_layers(const lut_network& net, const bitvec* params = nullptr);

}  // namespace bitlens
