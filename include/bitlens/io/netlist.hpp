// Boolean netlists on disk, for parameter-free Z2 circuits:
//  - BLIF: reader for the combinational subset ABC and yosys write (.model, .inputs, .outputs,
//    .names with single-output covers, .end; '\' continues a line) and a writer (XOR/AND gates);
//  - structural Verilog and Graphviz DOT writers;
//  - load_z2_circuit / save_z2_circuit choosing the format by extension:
//    .circ, .aag, .aig, .blif (both ways), .v, .dot (write only).
// Readers throw input_error "file:line: …"; writers write a temporary file and rename it.
#pragma once

#include "bitlens/algebra/z2.hpp"
#include "bitlens/ir/circuit.hpp"

#include <string>
#include <string_view>

namespace bitlens {

/// BLIF text of f (one .names per gate). std::invalid_argument when f has parameters.
std::string format_blif(const circuit<z2>& f, const std::string& model = "bitlens");
/// Parses combinational BLIF into a Z2 circuit.
circuit<z2> parse_blif(std::string_view text, const std::string& source);
/// Structural Verilog of f (assign statements with ^, &, ~). std::invalid_argument when f has parameters.
std::string format_verilog(const circuit<z2>& f, const std::string& module = "bitlens");
/// Graphviz DOT of f (parameters allowed: drawn as their own boxes).
std::string format_dot(const circuit<z2>& f);

/// Reads a Z2 circuit from .circ, .aag, .aig or .blif (by extension).
circuit<z2> load_z2_circuit(const std::string& path);
/// Writes f as .circ, .aag, .aig, .blif, .v or .dot (by extension). AIGER output is the lowered,
/// structurally hashed AIG; `module` names the BLIF model and the Verilog module. Input and output
/// names of f become AIGER symbols, BLIF and Verilog names. std::invalid_argument for an unknown
/// extension.
void save_z2_circuit(const std::string& path, const circuit<z2>& f, const std::string& module = "bitlens");

/// A BLIF model or Verilog module name made from a file name: its stem, with every character that
/// is not a letter, digit or '_' replaced by '_' (and a leading '_' before a digit).
std::string module_name_for(const std::string& path);
/// Whether save_z2_circuit knows the format of `path` (.aig, .aag, .blif, .v, .circ or .dot).
bool is_circuit_file(const std::string& path);

/// Whether `path` ends with `ext` (e.g. ".aig").
bool has_extension(const std::string& path, std::string_view ext);

}  // namespace bitlens
