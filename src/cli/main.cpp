// The bitlens binary: dispatches to a subcommand. Exit codes: 0 ok, 1 failed, 2 bad usage.
#include "bitlens/algebra/error.hpp"
#include "commands.hpp"

#include <cstring>
#include <exception>
#include <iostream>
#include <span>

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

int main(int argc, char** argv) {
  using namespace bitlens::cli;
  const std::span<char* const> args(argv, static_cast<std::size_t>(argc));
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
  try {
    const auto parsed = parsed_args::parse(spec, args.subspan(2));
    if (parsed.help()) {
      std::cout << help_text(spec);
      return 0;
    }
    const int code = chosen->run(parsed);
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
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "bitlens " << spec.name << ": " << e.what() << "\n";
    return 1;
  }
}
