// lut_network: layers of learnable k-input gates. A k-LUT is the multilinear polynomial with 2^k
// parameter coefficients (its truth table), built as a mux tree, so its reverse derivative is exact
// and cheap: ∂out/∂table[m] is the indicator of input pattern m.
//
// Layer l's LUTs read from layer l−1 (layer 0 reads the primary inputs); with `skip`, from any
// earlier layer or input. The last layer has one LUT per output. Wiring is seeded: `cover` deals
// the sources out so that every source of a layer is read at least once (when the layer has enough
// input slots), `random` draws them independently.
#pragma once

#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace bitlens {

enum class wiring_kind : std::uint8_t { cover, random };

struct lut_network_params {
  std::size_t k = 4;                 // inputs per LUT (2..6)
  std::vector<std::size_t> widths;   // hidden layer widths; the output layer is added
  wiring_kind wiring = wiring_kind::cover;
  bool skip = false;                 // LUTs may read any earlier layer, not only the previous one
  std::uint64_t seed = 1;
};

/// The structure of a LUT network; build() gives its parametrised circuit.
struct lut_network {
  struct lut {
    std::vector<std::uint32_t> sources;  // node indices: [0, num_inputs) inputs, then LUTs
    std::size_t first_param = 0;         // its 2^sources.size() table entries start here
  };
  std::size_t num_inputs = 0;
  std::size_t num_outputs = 0;
  std::vector<lut> luts;                 // topological order; the last num_outputs are the outputs
  std::size_t num_params = 0;

  /// The circuit P × A → B: inputs x0…, parameters t<lut>_<entry>, outputs y0….
  circuit<z2> build() const;
  /// A one-line description, e.g. "4-LUT 8-8-3 (cover wiring, 19 LUTs, 304 parameters)".
  std::string describe() const;
};

/// The most table entries a LUT network may have (2^24: 16 Mi parameters, a circuit of gigabytes).
inline constexpr std::size_t max_lut_network_params = std::size_t{1} << 24;

/// A network for `num_inputs` → `num_outputs` (std::invalid_argument for k outside 1..8, no inputs,
/// or more than max_lut_network_params parameters; checked before anything is allocated).
lut_network make_lut_network(std::size_t num_inputs, std::size_t num_outputs, const lut_network_params& params);

/// Parses an architecture string "k:w1,w2,..." (e.g. "4:16,8"; "4:" or "4" for no hidden layer).
/// Throws std::invalid_argument with a message naming the problem.
lut_network_params parse_architecture(const std::string& text);
/// The inverse of parse_architecture: "k:w1,w2,…".
std::string architecture_string(const lut_network_params& p);

}  // namespace bitlens
