// A trained gate-network classifier as a user keeps it: the network (wiring and tables) with its
// group-sum head (the last layer's gates split into `classes` equal groups; a sample's class is the
// group with the most ones, ties to the lowest class). Saved as text, rebuilt as a parameter-free
// Z2 circuit (outputs: the last layer's gates, group by group) for AIGER, BLIF and Verilog, and as a
// standalone C function that classifies 64 samples per call.
//
// Text format (one item per line, '#' starts a comment):
//   bitlens-gate-classifier 1
//   inputs N
//   classes C
//   layer W            then W lines "a b table": operands within the previous layer (the inputs for
//                      the first layer) and the gate's 4-bit table (bit a + 2b), as 0…15
//   … one block per layer; the last layer's width is a multiple of C.
#pragma once

#include "bitlens/algebra/z2.hpp"
#include "bitlens/eval/gate_network.hpp"
#include "bitlens/ir/circuit.hpp"

#include <span>
#include <string>
#include <string_view>

namespace bitlens {

struct gate_classifier {
  gate_network net;
  std::size_t classes = 0;
};

/// Most gates a classifier file may declare (2^26), checked before anything is allocated.
inline constexpr std::size_t max_classifier_gates = std::size_t{1} << 26;

/// An ensemble as one classifier: class c's score is the sum of the members' scores for c. Layer l
/// holds the members' layers l side by side (each member reads only its own gates), and the last
/// layer is ordered class by class — class c's group is every member's group c in turn — so the
/// group-sum head adds the members' counts. Members may differ in width and wiring. Throws
/// std::invalid_argument when there are none, or they differ in inputs, layers or classes.
gate_classifier merge_gate_classifiers(std::span<const gate_classifier> members);

/// The text form of `c` (see the file comment).
std::string format_gate_classifier(const gate_classifier& c);

/// Reads the text form. Throws input_error "source:line: …" on anything malformed: a wrong header,
/// an operand out of range, a table above 15, a width over the rest of the file or max_classifier_gates,
/// a last layer that does not split into the classes.
gate_classifier parse_gate_classifier(std::string_view text, const std::string& source);

/// The network as a Z2 circuit: inputs x0…, outputs the last layer's gates (class c's group is
/// outputs c·W/C … (c+1)·W/C − 1), each gate its table as a polynomial; constants folded.
circuit<z2> gate_classifier_circuit(const gate_classifier& c);

/// The whole classifier as a Z2 circuit: the network, a popcount of each class's group, and the
/// argmax of the counts (ties to the lowest class, as the group-sum head decides). Outputs: the
/// predicted class in binary, least significant bit first — one output `class` for two classes,
/// `class0`, `class1`, … otherwise.
circuit<z2> gate_classifier_decision_circuit(const gate_classifier& c);

/// A standalone C99 function
///   void NAME(const uint64_t in[N], uint16_t out[64])
/// where bit s of in[i] is input i of sample s, and out[s] receives sample s's class (as the
/// group-sum head decides, ties to the lowest class). Needs only <stdint.h>.
std::string format_gate_classifier_c(const gate_classifier& c, const std::string& name);

}  // namespace bitlens
