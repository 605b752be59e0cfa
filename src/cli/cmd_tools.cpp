// bitlens verify, gen and convert: checking a circuit against a table, writing standard tables,
// and converting between circuit formats.
#include "bitlens/algebra/error.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/io/generate.hpp"
#include "bitlens/io/netlist.hpp"
#include "bitlens/io/truth_table.hpp"
#include "commands.hpp"
#include "learn_support.hpp"

#include <charconv>
#include <iostream>

namespace bitlens::cli {

const command_spec& verify_spec() {
  static const command_spec spec{
      "verify", "CIRCUIT TABLE", "Check that a circuit computes a truth table: own evaluation, then ABC's cec.", 2, 2, {},
      "CIRCUIT is .circ (without parameters), .aig, .aag or .blif; TABLE is .truth or PLA. Input i of the\n"
      "circuit is bit i of the table's row index. ABC's cec runs when berkeley-abc is installed and the\n"
      "table is complete and fully specified. Exit status 0 when every check passes, 1 otherwise."};
  return spec;
}

int run_verify(const parsed_args& args, results& result) {
  const std::string& circuit_path = args.positionals()[0];
  const std::string& table_path = args.positionals()[1];
  const circuit<z2> f = load_z2_circuit(circuit_path);
  if (f.num_params() != 0) throw input_error(circuit_path, 0, "the circuit has parameters; give a specialised circuit");
  const bit_dataset table = read_table(table_path);
  if (f.num_inputs() != table.num_inputs() || f.num_outputs() != table.num_outputs()) {
    throw input_error(circuit_path, 0, "the circuit has " + std::to_string(f.num_inputs()) + " inputs and " +
                                           std::to_string(f.num_outputs()) + " outputs, the table " +
                                           std::to_string(table.num_inputs()) + " and " + std::to_string(table.num_outputs()));
  }
  const aig g = lower_to_aig(f);
  std::cout << "circuit: " << circuit_path << " (" << f.num_inputs() << " inputs, " << f.num_outputs() << " outputs, "
            << g.num_ands() << " AND nodes)\n";
  const bool truth_file = has_extension(table_path, ".truth") && table_path.find_first_of(" ;'\"") == std::string::npos;
  std::uint64_t right = 0;
  const bool ok = report_verification(f, g, table, truth_file ? &table_path : nullptr, /*strict=*/true, &right);
  result["right_bits"] = right;
  result["cared_bits"] = table.num_cared_bits();
  result["circuit"] = circuit_path;
  result["inputs"] = f.num_inputs();
  result["outputs"] = f.num_outputs();
  result["ands"] = g.num_ands();
  result["verified"] = ok;
  return ok ? 0 : 1;
}

const command_spec& gen_spec() {
  static const command_spec spec{
      "gen", "KIND N", "Write the truth table of a standard function (adder, multiplier, parity, ...).", 2, 2,
      {{"out", "FILE", "write to FILE (.truth or .pla) instead of standard output"},
       {"format", "FMT", "format for standard output: pla (default) or truth", one_of({"pla", "truth"})}},
      "KIND is adder (N-bit a + b), multiplier (N x N bits), parity (even parity of N bits), majority\n"
      "(of N bits), comparator (a < b, a = b, a > b for N-bit a, b) or mux (N select bits, 2^N data bits).\n"
      "Operands are little-endian: input a_i is bit i of a. Example: bitlens gen adder 3 --out add3.truth"};
  return spec;
}

int run_gen(const parsed_args& args, results& result) {
  std::size_t n = 0;
  const std::string& n_text = args.positionals()[1];
  const auto [end, ec] = std::from_chars(n_text.data(), n_text.data() + n_text.size(), n);
  if (n_text.empty() || ec != std::errc{} || end != n_text.data() + n_text.size()) {
    throw usage_error("N must be a positive whole number, got '" + n_text + "'");
  }
  const auto out = args.value("out");
  if (out && !has_extension(*out, ".truth") && !has_extension(*out, ".pla")) {
    throw usage_error(*out + ": unknown table format (expected .truth or .pla)");
  }
  if (out) check_output_directory(*out);
  const std::string fmt = args.value_or("format", "pla");
  bit_dataset table;
  try {
    table = generate_table(args.positionals()[0], n);
  } catch (const std::invalid_argument& e) {
    throw usage_error(e.what());
  }
  result["inputs"] = table.num_inputs();
  result["outputs"] = table.num_outputs();
  if (out) {
    write_table(*out, table);
    result["out"] = *out;
    return 0;
  }
  const std::string text = fmt == "pla" ? format_pla(table) : format_truth(table);
  std::cout << text;
  if (args.json()) result["table"] = text;
  return 0;
}

const command_spec& convert_spec() {
  static const command_spec spec{
      "convert", "INPUT OUTPUT", "Convert a Z2 circuit between formats (by extension).", 2, 2, {},
      "INPUT: .circ (without parameters), .aig, .aag, .blif. OUTPUT: .aig, .aag, .blif, .v, .circ, .dot.\n"
      "AIGER output is the lowered, structurally hashed AIG. Example: bitlens convert adder.blif adder.aig"};
  return spec;
}

int run_convert(const parsed_args& args, results& result) {
  const std::string& in = args.positionals()[0];
  const std::string& out = args.positionals()[1];
  if (!is_circuit_file(out)) throw usage_error(out + ": unknown output format (expected .aig, .aag, .blif, .v, .circ or .dot)");
  check_output_directory(out);
  const circuit<z2> f = load_z2_circuit(in);
  // Every format but .circ holds a parameter-free circuit.
  if (f.num_params() != 0 && !has_extension(out, ".circ")) {
    throw input_error(in, 0, "the circuit has " + std::to_string(f.num_params()) + " parameters; only .circ can hold them");
  }
  save_z2_circuit(out, f, module_name_for(in));
  result["inputs"] = f.num_inputs();
  result["outputs"] = f.num_outputs();
  result["out"] = out;
  return 0;
}

}  // namespace bitlens::cli
