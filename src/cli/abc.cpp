// Berkeley ABC as an independent checker and optimiser: cec verdicts parsed from its output (it
// exits 0 even when a check fails), and AIG optimisation rounds within a time budget.
#include "abc.hpp"

#include "bitlens/io/file.hpp"
#include "bitlens/io/truth_table.hpp"
#include "process.hpp"

#include <algorithm>
#include <chrono>
#include <filesystem>

namespace bitlens::cli {

bool abc_available() { return on_path("berkeley-abc"); }

namespace {

// ABC's verdict on `command` (a cec), run in `dir`.
abc_check cec_verdict(const temp_dir& dir, const std::string& script) {
  const auto out = run_command("cd " + shell_quote(dir.path.string()) + " && berkeley-abc -c " + shell_quote(script));
  if (!out) return {false, false, "could not run berkeley-abc"};
  if (out->find("Networks are equivalent") != std::string::npos) return {true, true, "Networks are equivalent"};
  if (out->find("Networks are NOT EQUIVALENT") != std::string::npos) return {true, false, "Networks are NOT EQUIVALENT"};
  return {true, false, "unexpected ABC output: " + out->substr(0, 300)};
}

}  // namespace

abc_check abc_cec(const aig& g, const bit_dataset& table, const std::string* truth_path) {
  if (!abc_available()) return {false, false, "berkeley-abc is not installed; ABC check skipped"};
  if (!table.is_complete_table() || !table.fully_specified()) {
    return {false, false, "the table has don't-cares or is not a complete table; ABC check skipped"};
  }
  // ABC's read_truth crashes on a constant output line, so constant outputs are checked apart:
  // against an AIGER file of the constants, the others against their truth table.
  std::vector<std::size_t> constant, varying;
  for (std::size_t o = 0; o < table.num_outputs(); ++o) {
    const auto ones = table.targets.wire(o).popcount();
    (ones == 0 || ones == table.num_samples() ? constant : varying).push_back(o);
  }
  temp_dir dir;
  abc_check verdict{true, true, "Networks are equivalent"};
  if (!varying.empty()) {
    const std::string aig_path = (dir.path / "learned.aig").string();
    write_file_atomic(aig_path, format_aig_binary(constant.empty() ? g : g.select_outputs(varying)));
    std::string truth;
    if (truth_path != nullptr && constant.empty()) {
      truth = std::filesystem::absolute(*truth_path).string();
    } else {
      truth = (dir.path / "table.truth").string();
      bit_dataset part{table.inputs, bit_batch(varying.size(), table.num_samples()), bit_batch(varying.size(), table.num_samples()), {}, {}};
      for (std::size_t k = 0; k < varying.size(); ++k) {
        part.targets.wire(k) = table.targets.wire(varying[k]);
        part.care.wire(k) = table.care.wire(varying[k]);
      }
      write_file_atomic(truth, format_truth(part));
    }
    verdict = cec_verdict(dir, "read_truth -xf " + truth + "; cec -n " + aig_path);
  }
  if (!constant.empty() && verdict.equivalent) {
    const std::string ours = (dir.path / "constant.aig").string(), spec = (dir.path / "spec.aig").string();
    write_file_atomic(ours, format_aig_binary(g.select_outputs(constant)));
    aig expected(table.num_inputs());
    for (auto o : constant) expected.add_output(table.targets.wire(o).popcount() == 0 ? aig::false_lit : aig::true_lit);
    write_file_atomic(spec, format_aig_binary(expected));
    verdict = cec_verdict(dir, "read " + spec + "; cec -n " + ours);
  }
  return verdict;
}

namespace {

// One round of post-optimisation tries two scripts on the same AIG and keeps the smaller result:
// rewriting (dc2) around 6-LUT mapping with SAT-based don't-care resynthesis (mfs2); and the same
// over structural choices (dch), then again into area-oriented 4-LUTs. Neither wins everywhere.
constexpr const char* optimize_scripts[] = {
    "strash; dc2; if -K 6; mfs2; strash; dc2",
    "strash; dc2; dch -f; if -K 6; mfs2; strash; dc2; dch -f; if -K 4 -a; mfs2; strash; dc2",
};

// One ABC run of both scripts on g, stopped after `seconds`; the smaller result, or nullopt when
// ABC gave nothing usable.
std::optional<aig> abc_round(const aig& g, double seconds) {
  temp_dir dir;
  const std::string in = (dir.path / "in.aig").string();
  write_file_atomic(in, format_aig_binary(g));
  std::string script;
  std::vector<std::string> outs;
  for (const char* s : optimize_scripts) {
    outs.push_back((dir.path / ("out" + std::to_string(outs.size()) + ".aig")).string());
    script += "read " + in + "; " + s + "; write_aiger " + outs.back() + "; ";
  }
  char limit[32];
  std::snprintf(limit, sizeof limit, "%.2f", seconds);
  if (!run_command("cd " + shell_quote(dir.path.string()) + " && timeout -k 1 " + limit + " berkeley-abc -c " + shell_quote(script))) return std::nullopt;
  std::optional<aig> best;
  for (const auto& out : outs) {
    std::error_code ec;
    if (!std::filesystem::exists(out, ec)) continue;
    aig result = parse_aiger(read_text_file(out), out);
    if (result.num_inputs() != g.num_inputs() || result.num_outputs() != g.num_outputs()) continue;
    if (!best || result.num_ands() < best->num_ands()) best = std::move(result);
  }
  return best;
}

}  // namespace

abc_optimized abc_optimize(const aig& g, double seconds) {
  if (!abc_available()) return {false, aig{}, "berkeley-abc is not installed"};
  const auto start = std::chrono::steady_clock::now();
  const auto left = [&] { return seconds - std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(); };
  std::optional<aig> best;
  std::size_t rounds = 0;
  // Rounds repeat while they shrink the AIG and time is left; the first always runs (for a second
  // at least), so a tiny budget still gets one round.
  while (rounds == 0 || left() > 0.05) {
    const aig& current = best ? *best : g;
    auto next = abc_round(current, rounds == 0 ? std::max(left(), 1.0) : left());
    ++rounds;
    if (!next || next->num_ands() >= current.num_ands()) break;
    best = std::move(next);
  }
  if (!best) return {rounds > 0, g, "ABC found nothing smaller"};
  best->input_names = g.input_names;
  best->output_names = g.output_names;
  return {true, std::move(*best), "ABC (" + std::to_string(rounds) + " round" + (rounds > 1 ? "s" : "") + " of dc2, dch, if, mfs2)"};
}

}  // namespace bitlens::cli
