// The subcommands of the bitlens binary: each has a spec (for parsing and --help) and a runner
// returning the exit code (0 ok, 1 failed; usage errors are thrown as usage_error → 2).
#pragma once

#include "args.hpp"

#include <string>
#include <vector>

namespace bitlens::cli {

struct command {
  const command_spec& (*spec)();
  int (*run)(const parsed_args&);
};

const command_spec& eval_spec();
int run_eval(const parsed_args& args);
const command_spec& rdiff_spec();
int run_rdiff(const parsed_args& args);
const command_spec& learn_spec();
int run_learn(const parsed_args& args);
/// `learn --field`: learning over a finite field.
int run_learn_field(const parsed_args& args);
const command_spec& verify_spec();
int run_verify(const parsed_args& args);
const command_spec& gen_spec();
int run_gen(const parsed_args& args);
const command_spec& classify_spec();
int run_classify(const parsed_args& args);
const command_spec& convert_spec();
int run_convert(const parsed_args& args);

/// Every subcommand, in the order `bitlens --help` lists them.
const std::vector<command>& all_commands();

}  // namespace bitlens::cli
