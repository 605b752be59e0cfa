// bitlens rdiff CIRCUIT: prints the reverse derivative R[f], simplified, as a .circ circuit.
#include "bitlens/io/circ_file.hpp"
#include "bitlens/transform/reverse_derivative.hpp"
#include "bitlens/transform/simplify.hpp"
#include "commands.hpp"
#include "ring_dispatch.hpp"

#include <iostream>

namespace bitlens::cli {

const command_spec& rdiff_spec() {
  static const command_spec spec{
      "rdiff", "CIRCUIT", "Print the reverse derivative R[f] of a circuit, simplified, as a .circ circuit.", 1, 1,
      {{"wrt", "WHAT", "differentiate with respect to: all (default), inputs, params", one_of({"all", "inputs", "params"})},
       {"no-simplify", "", "keep every adjoint node (shows the raw size of the transform)"},
       {"out", "FILE", "write the circuit to FILE instead of standard output"},
       {"stats", "", "print the node counts of f and R[f] on standard error"}},
      "R[f] takes f's inputs x, then one cotangent d_<output> per output, and f's parameters; it\n"
      "returns J_f(x)^T applied to the cotangents: one adjoint d_<input> per input, then d_<param>\n"
      "per parameter. Over Z2 this is the derivative of the circuit (x*x has derivative 0).\n"
      "CIRCUIT is a .circ file over any ring, or a Z2 circuit as .aig, .aag or .blif."};
  return spec;
}

int run_rdiff(const parsed_args& args, results& result) {
  const std::string what = args.value_or("wrt", "all");
  reverse_params rp;
  if (what == "all") rp.respect_to = wrt::all;
  else if (what == "inputs") rp.respect_to = wrt::inputs;
  else rp.respect_to = wrt::params;
  rp.simplify = !args.flag("no-simplify");
  return with_circ_file(args.positionals()[0], [&]<ring R>(const circuit<R>& f) {
    const circuit<R> rf = reverse_derivative(f, rp);
    result["nodes"] = f.num_nodes();
    result["derivative_nodes"] = rf.num_nodes();
    if (args.flag("stats")) {
      std::cerr << "f: " << f.num_nodes() << " nodes; R[f]: " << rf.num_nodes() << " nodes (ratio "
                << (f.num_nodes() == 0 ? 0.0 : double(rf.num_nodes()) / double(f.num_nodes())) << ")\n";
    }
    if (const auto out = args.value("out")) {
      save_circ(*out, rf);
      result["out"] = *out;
    } else {
      const std::string text = format_circ(rf);
      std::cout << text;
      if (args.json()) result["circuit"] = text;
    }
    return 0;
  });
}

}  // namespace bitlens::cli
