// The bitlens binary: dispatches to a subcommand. Exit codes: 0 ok, 1 failed, 2 bad usage.
#include "bitlens/algebra/error.hpp"
#include "commands.hpp"

#ifdef BITLENS_HAS_MPI
#include "bitlens/learn/mpi_processes.hpp"
#endif

#include <algorithm>
#include <cstring>
#include <exception>
#include <iostream>
#include <span>
#include <streambuf>
#include <string>

namespace bitlens::cli {

const std::vector<command>& all_commands() {
  static const std::vector<command> commands{
      {&learn_spec, &run_learn},
      {&classify_spec, &run_classify},
      {&verify_spec, &run_verify},
      {&gen_spec, &run_gen},
      {&eval_spec, &run_eval},
      {&rdiff_spec, &run_rdiff},
      {&convert_spec, &run_convert},
      {&plot_spec, &run_plot},
  };
  return commands;
}

namespace {

void print_overview(std::ostream& out) {
  out << "Usage: bitlens COMMAND [OPTIONS] [ARGS]\n\n"
         "Learn Boolean and finite-field circuits by generalized gradient descent.\n\nCommands:\n";
  for (const auto& c : all_commands()) {
    const auto& s = c.spec();
    out << "  " << s.name << std::string(s.name.size() < 10 ? 10 - s.name.size() : 1, ' ') << s.summary << "\n";
  }
  out << "\nRun 'bitlens COMMAND --help' for the options of a command.\n";
}

}  // namespace
}  // namespace bitlens::cli

namespace {

// One bitlens command; returns its exit code. With --json the human report goes to `report`
// (standard error, or nowhere on an MPI process but the first).
int run_command(std::span<char* const> args, std::streambuf* report) {
  using namespace bitlens::cli;
  if (args.size() < 2 || std::strcmp(args[1], "--help") == 0 || std::strcmp(args[1], "-h") == 0 ||
      std::strcmp(args[1], "help") == 0) {
    print_overview(args.size() < 2 ? std::cerr : std::cout);
    return args.size() < 2 ? 2 : 0;
  }
  if (std::strcmp(args[1], "--version") == 0) {
    std::cout << "bitlens 0.1.0\n";
    return 0;
  }
  const command* chosen = nullptr;
  for (const auto& c : all_commands()) {
    if (c.spec().name == args[1]) chosen = &c;
  }
  if (chosen == nullptr) {
    std::cerr << "bitlens: unknown command '" << args[1] << "'\nRun 'bitlens --help' for the list of commands.\n";
    return 2;
  }
  const auto& spec = chosen->spec();
  // With --json a failure is a JSON object too, so that a caller always has one to read.
  const bool want_json = std::any_of(args.begin() + 2, args.end(), [](const char* a) { return std::strcmp(a, "--json") == 0; });
  const auto failed = [&](int code, const std::string& message) {
    if (want_json) std::cout << results{{"command", spec.name}, {"exit_code", code}, {"error", message}}.dump(2) << "\n";
    return code;
  };
  try {
    const auto parsed = parsed_args::parse(spec, args.subspan(2));
    if (parsed.help()) {
      std::cout << help_text(spec);
      return 0;
    }
    results out = results::object();
    int code = 0;
    if (parsed.json()) {
      // The human report goes to standard error, standard output holds only the JSON object.
      std::streambuf* const saved = std::cout.rdbuf(report);
      try {
        code = chosen->run(parsed, out);
      } catch (...) {
        std::cout.rdbuf(saved);
        throw;
      }
      std::cout.rdbuf(saved);
      out["command"] = spec.name;
      out["exit_code"] = code;
      std::cout << out.dump(2) << "\n";
    } else {
      code = chosen->run(parsed, out);
    }
    // Results go to standard output: a write that failed (a full disk, a closed pipe) is a failure.
    std::cout.flush();
    if (!std::cout) {
      std::cerr << "bitlens " << spec.name << ": cannot write to standard output\n";
      return 1;
    }
    return code;
  } catch (const usage_error& e) {
    std::cerr << "bitlens " << spec.name << ": " << e.what() << "\nRun 'bitlens " << spec.name
              << " --help' for usage.\n";
    return failed(2, e.what());
  } catch (const std::exception& e) {
    std::cerr << "bitlens " << spec.name << ": " << e.what() << "\n";
    return failed(1, e.what());
  }
}

#ifdef BITLENS_HAS_MPI
// A stream buffer that drops everything: standard output of every MPI process but the first.
class null_buffer : public std::streambuf {
 protected:
  int overflow(int c) override { return traits_type::not_eof(c); }
};
#endif

}  // namespace

int main(int argc, char** argv) {
#ifdef BITLENS_HAS_MPI
  // Started by mpirun: every process runs the command; only `classify train --method flips` shares
  // its work between them. A process that fails ends them all (the others may be waiting in a
  // collective step), after naming itself.
  if (bitlens::mpi_processes::launched_by_mpirun()) {
    bitlens::mpi_processes group(argc, argv);
    const std::span<char* const> args(argv, static_cast<std::size_t>(argc));
    const std::string name = args.size() > 1 ? std::string("bitlens ") + args[1] : std::string("bitlens");
    if (group.size() > 1 && (args.size() < 3 || std::strcmp(args[1], "classify") != 0 || std::strcmp(args[2], "train") != 0)) {
      if (group.rank() == 0) {
        std::cerr << name << ": only 'classify train --method flips' runs on several MPI processes; run this command as one process\n";
      }
      return 2;
    }
    bitlens::cli::set_run_processes(&group);
    null_buffer discard;
    std::streambuf* const saved = std::cout.rdbuf();
    if (group.rank() != 0) std::cout.rdbuf(&discard);
    const int code = run_command(args, group.rank() == 0 ? std::cerr.rdbuf() : &discard);
    std::cout.rdbuf(saved);
    if (code != 0 && group.size() > 1) group.abort_all(name, "failed (exit code " + std::to_string(code) + "); ending every process", code);
    return code;
  }
#endif
  return run_command(std::span<char* const>(argv, static_cast<std::size_t>(argc)), std::cerr.rdbuf());
}
