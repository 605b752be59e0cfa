// circuit<R>: a polynomial circuit over the ring R as a strict SSA program — the standard
// presentation of a morphism of the free cartesian category on add/mul/neg/const.
//
// Wires are numbered: inputs [0, num_inputs), then parameters [num_inputs, num_sources), then one
// wire per node in topological order. A node's operands are always smaller wire numbers (checked
// at construction), so a circuit is acyclic by construction. Copy is fan-out (a wire used twice)
// and discard is a wire that nothing uses. A circuit is immutable once built; circuit_builder
// (builder.hpp) is the way to make one.
#pragma once

#include "bitlens/algebra/ring.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace bitlens {

/// The generators: add (2→1), mul (2→1), neg (1→1), constant (0→1).
enum class op : std::uint8_t { add, mul, neg, constant };

/// Index of a wire in a circuit (see the numbering above).
using wire = std::uint32_t;

/// "add", "mul", "neg", "const".
constexpr std::string_view op_name(op o) noexcept {
  switch (o) {
    case op::add: return "add";
    case op::mul: return "mul";
    case op::neg: return "neg";
    case op::constant: return "const";
  }
  return "?";
}

/// The inverse of op_name.
constexpr std::optional<op> parse_op(std::string_view name) noexcept {
  for (op o : {op::add, op::mul, op::neg, op::constant}) {
    if (op_name(o) == name) return o;
  }
  return std::nullopt;
}

/// Number of wire operands of an operation.
constexpr int op_arity(op o) noexcept { return o == op::add || o == op::mul ? 2 : o == op::neg ? 1 : 0; }

/// One operation of a circuit. Unused operands are 0; `value` is meaningful for constants only.
template <ring R>
struct node {
  op kind = op::constant;
  wire a = 0;
  wire b = 0;
  element_t<R> value{};
};

/// A polynomial circuit R^(inputs) × R^(params) → R^(outputs).
template <ring R>
class circuit {
 public:
  /// Checks strict SSA (operands precede the node), output range and name counts;
  /// throws std::invalid_argument otherwise. `wire_names` is empty or has one entry per wire,
  /// `output_names` is empty or has one entry per output (an empty string means unnamed).
  circuit(R ring, std::size_t num_inputs, std::size_t num_params, std::vector<node<R>> nodes,
          std::vector<wire> outputs, std::vector<std::string> wire_names = {},
          std::vector<std::string> output_names = {})
      : ring_(std::move(ring)),
        num_inputs_(num_inputs),
        num_params_(num_params),
        nodes_(std::move(nodes)),
        outputs_(std::move(outputs)),
        wire_names_(std::move(wire_names)),
        output_names_(std::move(output_names)) {
    validate();
  }

  const R& ring() const noexcept { return ring_; }
  std::size_t num_inputs() const noexcept { return num_inputs_; }
  std::size_t num_params() const noexcept { return num_params_; }
  std::size_t num_sources() const noexcept { return num_inputs_ + num_params_; }
  std::size_t num_nodes() const noexcept { return nodes_.size(); }
  std::size_t num_wires() const noexcept { return num_sources() + nodes_.size(); }
  std::size_t num_outputs() const noexcept { return outputs_.size(); }

  /// Wire of input i / parameter j.
  wire input(std::size_t i) const noexcept { return static_cast<wire>(i); }
  wire param(std::size_t j) const noexcept { return static_cast<wire>(num_inputs_ + j); }
  bool is_source(wire w) const noexcept { return w < num_sources(); }
  bool is_param(wire w) const noexcept { return w >= num_inputs_ && w < num_sources(); }

  /// The node that defines wire w (w must not be a source).
  const node<R>& node_of(wire w) const { return nodes_.at(w - num_sources()); }
  /// Wire defined by the k-th node.
  wire node_wire(std::size_t k) const noexcept { return static_cast<wire>(num_sources() + k); }
  std::span<const node<R>> nodes() const noexcept { return nodes_; }
  std::span<const wire> outputs() const noexcept { return outputs_; }
  wire output(std::size_t k) const { return outputs_.at(k); }

  /// Name of wire w, or "" when it has none.
  const std::string& wire_name(wire w) const { return wire_names_.empty() ? empty_ : wire_names_.at(w); }
  /// Name of output k, or "" when it has none.
  const std::string& output_name(std::size_t k) const {
    return output_names_.empty() ? empty_ : output_names_.at(k);
  }
  std::span<const std::string> wire_names() const noexcept { return wire_names_; }
  std::span<const std::string> output_names() const noexcept { return output_names_; }

  /// Number of nodes of kind o.
  std::size_t count(op o) const noexcept {
    std::size_t n = 0;
    for (const auto& nd : nodes_) n += nd.kind == o ? 1 : 0;
    return n;
  }

 private:
  void validate() const {
    for (std::size_t k = 0; k < nodes_.size(); ++k) {
      const auto& nd = nodes_[k];
      const wire self = node_wire(k);
      const int arity = op_arity(nd.kind);
      if ((arity >= 1 && nd.a >= self) || (arity == 2 && nd.b >= self)) {
        throw std::invalid_argument("circuit: node " + std::to_string(k) +
                                    " uses a wire that is not defined before it");
      }
    }
    for (wire w : outputs_) {
      if (w >= num_wires()) throw std::invalid_argument("circuit: output wire " + std::to_string(w) + " out of range");
    }
    if (!wire_names_.empty() && wire_names_.size() != num_wires()) {
      throw std::invalid_argument("circuit: wire_names must be empty or have one entry per wire");
    }
    if (!output_names_.empty() && output_names_.size() != outputs_.size()) {
      throw std::invalid_argument("circuit: output_names must be empty or have one entry per output");
    }
  }

  R ring_;
  std::size_t num_inputs_;
  std::size_t num_params_;
  std::vector<node<R>> nodes_;
  std::vector<wire> outputs_;
  std::vector<std::string> wire_names_;
  std::vector<std::string> output_names_;
  inline static const std::string empty_{};
};

}  // namespace bitlens
