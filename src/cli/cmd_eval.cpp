// bitlens eval CIRCUIT INPUTS: evaluates a circuit on rows of input values. Z2 circuits run on the
// bit-parallel tape; fields on the lane-parallel tape.
#include "bitlens/eval/lane_tape.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/rows.hpp"
#include "commands.hpp"
#include "ring_dispatch.hpp"

#include <iostream>
#include <iterator>

namespace bitlens::cli {
namespace {

std::string read_input_text(const std::string& path) {
  if (path != "-") return read_text_file(path);
  return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
}

template <ring R>
std::vector<element_t<R>> read_params(const circuit<R>& f, const parsed_args& args) {
  if (f.num_params() == 0) {
    if (args.value("params")) throw usage_error("the circuit has no parameters, but --params was given");
    return {};
  }
  const auto text = args.value("params");
  if (!text) {
    throw usage_error("the circuit has " + std::to_string(f.num_params()) + " parameters: give their values with --params");
  }
  return parse_row(f.ring(), *text, f.num_params(), "--params", 0);
}

int eval_z2(const circuit<z2>& f, const std::vector<std::vector<z2::element>>& rows,
            const std::vector<z2::element>& params, unsigned threads, results* result) {
  bit_batch batch(f.num_inputs(), rows.size());
  for (std::size_t s = 0; s < rows.size(); ++s) {
    for (std::size_t i = 0; i < f.num_inputs(); ++i) batch.set(i, s, rows[s][i] != 0);
  }
  bitvec p(params.size());
  for (std::size_t j = 0; j < params.size(); ++j) p.set(j, params[j] != 0);
  const bit_batch out = evaluate(tape(f), batch, p, eval_params{.threads = threads});
  std::string line;
  for (std::size_t s = 0; s < rows.size(); ++s) {
    line.clear();
    for (std::size_t k = 0; k < out.num_wires(); ++k) line += out.get(k, s) ? '1' : '0';
    std::cout << line << '\n';
    if (result != nullptr) (*result)["outputs"].push_back(line);
  }
  return 0;
}

}  // namespace

const command_spec& eval_spec() {
  static const command_spec spec{
      "eval", "CIRCUIT INPUTS", "Evaluate a circuit on rows of inputs; prints one row of outputs per input row.", 2, 2,
      {{"params", "VALUES", "parameter values (e.g. 0110 over Z2, or '3 5 1'); required when the circuit has parameters"},
       {"threads", "N", "worker threads for bit-parallel evaluation (default: all)", integer_in(0, 1024)}},
      "CIRCUIT is a .circ, .aig, .aag or .blif file. INPUTS is a file ('-' for standard input) with one row per line: the\n"
      "input values separated by spaces or commas, or over Z2 a compact row such as 0110. '#' starts a\n"
      "comment. Z2 circuits are evaluated bit-parallel, 64 rows per machine word.\n"
      "Example: printf '011\\n111\\n' | bitlens eval circuits/full_adder.circ -"};
  return spec;
}

int run_eval(const parsed_args& args, results& out) {
  const auto threads = static_cast<unsigned>(args.integer("threads", 0));
  // The rows go into the JSON results only when --json asks for them (they may be many).
  results* const rows_out = args.json() ? &out : nullptr;
  if (rows_out != nullptr) out["outputs"] = results::array();
  return with_circ_file(args.positionals()[0], [&]<ring R>(const circuit<R>& f) {
    const auto params = read_params(f, args);
    const std::string& source = args.positionals()[1];
    const auto rows = parse_rows(f.ring(), read_input_text(source), f.num_inputs(), source == "-" ? "<stdin>" : source);
    if constexpr (std::is_same_v<R, z2>) {
      return eval_z2(f, rows, params, threads, rows_out);
    } else {
      // Fields: lane-parallel (structure of arrays), one batched kernel call per instruction and tile.
      lane_batch<R> lanes(f.num_inputs(), std::vector<element_t<R>>(rows.size()));
      for (std::size_t s = 0; s < rows.size(); ++s) {
        for (std::size_t i = 0; i < f.num_inputs(); ++i) lanes[i][s] = rows[s][i];
      }
      const auto values = evaluate_lanes(lane_tape<R>(f), lanes, std::span<const element_t<R>>(params), eval_params{.threads = threads});
      std::vector<element_t<R>> row(f.num_outputs());
      for (std::size_t s = 0; s < rows.size(); ++s) {
        for (std::size_t o = 0; o < row.size(); ++o) row[o] = values[o][s];
        const std::string line = format_row(f.ring(), row);
        std::cout << line << '\n';
        if (rows_out != nullptr) out["outputs"].push_back(line);
      }
      return 0;
    }
  });
}

}  // namespace bitlens::cli
