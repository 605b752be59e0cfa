// What `bitlens learn` needs beside the library: progress printing, parameter files on disk and the
// verification report.
#include "learn_support.hpp"

#include "abc.hpp"
#include "args.hpp"
#include "bitlens/algebra/error.hpp"
#include "bitlens/eval/tape.hpp"
#include "bitlens/io/file.hpp"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace bitlens::cli {

std::string percent(std::uint64_t part, std::uint64_t whole) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << (whole == 0 ? 100.0 : 100.0 * double(part) / double(whole)) << "%";
  return s.str();
}

std::string fixed_seconds(double sec) {
  std::ostringstream s;
  s << std::fixed << std::setprecision(2) << sec << " s";
  return s.str();
}

void progress_printer::attempt(std::size_t index, const std::string& description) {
  attempt_ = index;
  description_ = description;
}

void progress_printer::event(const train_event& e) {
  nlohmann::json record{{"event", event_name(e.kind)}, {"attempt", attempt_}, {"arch", description_},
                        {"step", e.steps},              {"seconds", e.seconds}, {"errors", e.errors},
                        {"best_errors", e.best_errors}, {"cared_bits", e.checked}};
  if (outputs_ != 0) record["output"] = output_;
  if (e.valid_errors) record["valid_errors"] = *e.valid_errors;
  metrics_.add(record);
  if (e.kind == train_event_kind::perturb || e.kind == train_event_kind::restart) return;
  std::ostringstream text;
  if (outputs_ != 0) text << "output " << output_ << " of " << outputs_ << "  ";
  text << "attempt " << attempt_ << " [" << description_ << "] step " << e.steps << "  errors " << e.errors << "/"
       << e.checked << "  best " << e.best_errors;
  if (e.valid_errors) text << "  valid " << *e.valid_errors;
  line_.show(text.str());
}

void save_params(const std::string& path, const trained_network& s) { write_file_atomic(path, format_trained_network(s)); }

saved_params load_params(const std::string& path) { return {parse_trained_network(read_text_file(path), path), path}; }

void check_output_directory(const std::string& path) {
  const auto dir = std::filesystem::path(path).parent_path();
  if (!dir.empty() && !std::filesystem::is_directory(dir)) throw usage_error(path + ": the directory " + dir.string() + " does not exist");
}

bool report_verification(const circuit<z2>& f, const aig& lowered, const bit_dataset& table, const std::string* truth_path,
                         bool strict, std::uint64_t* right_bits) {
  // Own evaluation: the specialised circuit on the bit-parallel tape, compared with the cared targets.
  const bit_batch out = evaluate(tape(f), table.inputs, bitvec(0));
  std::uint64_t wrong = 0;
  for (std::size_t o = 0; o < table.num_outputs(); ++o) {
    wrong += popcount_and(out.wire(o) ^ table.targets.wire(o), table.care.wire(o));
  }
  const std::uint64_t cared = table.num_cared_bits();
  std::cout << "verify: own evaluation " << cared - wrong << "/" << cared << " cared bits right";
  if (right_bits != nullptr) *right_bits = cared - wrong;
  // The lowered AIG must compute the same function: check it on the first rows as a canary.
  bool ok = wrong == 0 || (!strict && !table.is_complete_table());
  const std::size_t rows = std::min<std::size_t>(table.num_samples(), 256);
  for (std::size_t s = 0; s < rows; ++s) {
    std::vector<bool> x(table.num_inputs());
    for (std::size_t i = 0; i < x.size(); ++i) x[i] = table.inputs.get(i, s);
    const auto y = lowered.evaluate(x);
    for (std::size_t o = 0; o < y.size(); ++o) {
      if (y[o] != out.get(o, s)) {
        std::cout << "; AIG lowering DISAGREES on row " << s << "\n";
        return false;
      }
    }
  }
  const auto abc = abc_cec(lowered, table, truth_path);
  std::cout << "; ABC cec: " << abc.message << "\n";
  if (abc.ran && !abc.equivalent) ok = false;
  return ok;
}

}  // namespace bitlens::cli
