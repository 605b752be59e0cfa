// Exact by construction: a complete truth table as one shared, reduced, ordered decision diagram
// with complemented edges (all outputs in one diagram, so a sub-function two outputs share is built
// once), turned into a Z2 circuit of multiplexers. Every node is a Shannon split f = x·f₁ + (1+x)·f₀
// on the variable of its level; the leaves are the table's bits, so the circuit is right on every
// cared row whatever the order. The order decides the size: a search bounded in time (start
// candidates, then sifting — each variable tried at every position) minimises the AND count the
// multiplexers take.
//
// Don't-cares are used where a whole cofactor is unspecified (that branch takes its sibling's
// function, and the split disappears); an unspecified row inside a specified cofactor reads as 0.
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include <cstdint>
#include <span>
#include <vector>

namespace bitlens {

/// Options of the order search of decision_diagram_circuit.
struct diagram_params {
  double seconds = 1.0;  // seconds for sifting after the start candidates; 0: start candidates only
};

/// What a diagram (or the search for one) measured.
struct diagram_stats {
  std::vector<std::size_t> order;  // variable order, top (first split) first
  std::size_t nodes = 0;           // decision nodes, all outputs together
  std::size_t and_estimate = 0;    // ANDs of the multiplexers: 1 where a child is constant, else 3
  std::size_t orders_tried = 0;    // diagrams built by the search
};

/// Largest number of inputs the diagram functions accept (the table has 2^n rows).
inline constexpr std::size_t max_diagram_inputs = 24;
/// Largest rows × outputs they accept: the diagram keeps a byte per output and row while it builds.
inline constexpr std::size_t max_diagram_cells = std::size_t{1} << 28;

/// Whether `table` is one the diagram functions accept: a complete table within both limits.
bool diagram_accepts(const bit_dataset& table);

/// Size of the diagram of `table` for variable order `order` (a permutation of the inputs, top first),
/// without building a circuit. std::invalid_argument when !diagram_accepts(table), or `order` is not
/// a permutation of the inputs.
diagram_stats diagram_size(const bit_dataset& table, std::span<const std::size_t> order);

/// How diagram_circuit builds the nodes whose function is a conjunction of literals (a cube).
enum class diagram_shape : std::uint8_t {
  chains,          // as the diagram has them: one AND per node, cubes share their common suffixes
  balanced_cubes,  // as balanced products over aligned ranges of the order, sharing sub-products
                   // (a decoder's predecoders); the better shape depends on the function
};

/// The circuit of the diagram of `table` for `order`: exact on every cared row of every output.
circuit<z2> diagram_circuit(const bit_dataset& table, std::span<const std::size_t> order, diagram_shape shape = diagram_shape::chains);

/// Searches variable orders for `params.seconds` seconds and returns the smallest diagram's order
/// (stats->order) and size. Deterministic for a given table apart from where the time runs out.
diagram_stats search_diagram_order(const bit_dataset& table, const diagram_params& params = {});

}  // namespace bitlens
