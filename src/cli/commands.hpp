// The subcommands of the bitlens binary: each has a spec (for parsing and --help) and a runner
// returning the exit code (0 ok, 1 failed; usage errors are thrown as usage_error → 2). A runner
// prints its report on standard output and records its results in a JSON object, which --json
// prints instead (the report then goes to standard error).
#pragma once

#include "args.hpp"

#include "bitlens/learn/process_group.hpp"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace bitlens::cli {

/// The machine-readable results of one command (what --json prints).
using results = nlohmann::json;

struct command {
  const command_spec& (*spec)();
  int (*run)(const parsed_args&, results&);
};

const command_spec& eval_spec();
int run_eval(const parsed_args& args, results& out);
const command_spec& rdiff_spec();
int run_rdiff(const parsed_args& args, results& out);
const command_spec& learn_spec();
int run_learn(const parsed_args& args, results& out);
/// `learn --field`: learning over a finite field.
int run_learn_field(const parsed_args& args, results& out);
const command_spec& verify_spec();
int run_verify(const parsed_args& args, results& out);
const command_spec& gen_spec();
int run_gen(const parsed_args& args, results& out);
const command_spec& classify_spec();
int run_classify(const parsed_args& args, results& out);
const command_spec& plot_spec();
int run_plot(const parsed_args& args, results& out);
const command_spec& convert_spec();
int run_convert(const parsed_args& args, results& out);

/// Every subcommand, in the order `bitlens --help` lists them.
const std::vector<command>& all_commands();

/// The MPI processes this run is one of (main sets it when mpirun started the binary), or nullptr.
/// Only `classify train --method flips` shares its work; process 0 prints and writes the files.
process_group* run_processes() noexcept;
void set_run_processes(process_group* group) noexcept;

}  // namespace bitlens::cli
