// berkeley-abc as an independent checker: a learned circuit is written as a binary AIGER file and
// ABC's `cec` compares it with the truth table. ABC exits 0 even when a check fails, so its output
// is parsed.
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/io/aig.hpp"

#include <optional>
#include <string>

namespace bitlens::cli {

/// The outcome of an ABC check.
struct abc_check {
  bool ran = false;         // false: ABC is not installed, or the table cannot be checked by cec
  bool equivalent = false;  // "Networks are equivalent"
  std::string message;      // ABC's verdict line, or why the check did not run
};

/// Whether berkeley-abc is on the PATH.
bool abc_available();

/// ABC's cec between `g` and a complete, fully specified `table`. When `truth_path` is given it is
/// passed to ABC as is (so ABC reads the original file); otherwise the table is written to a
/// temporary .truth file.
abc_check abc_cec(const aig& g, const bit_dataset& table, const std::string* truth_path);

/// The outcome of ABC's optimisation.
struct abc_optimized {
  bool ran = false;
  aig result;           // valid when ran; input and output names copied from the original
  std::string message;  // why it did not run, or the script used
};

/// Post-optimises g with ABC within about `seconds` (the first round runs for a second at least):
/// rounds of rewriting (dc2), mapping over structural choices into 6- and 4-input LUTs (dch, if) and
/// SAT-based don't-care resynthesis (mfs2), repeated while they shrink it. It rewrites the circuit it
/// is given and never reads the truth table. `result` is the smallest AIG seen (g itself when ABC
/// found nothing smaller). A synthesis flow, not a check: the caller verifies.
abc_optimized abc_optimize(const aig& g, double seconds);

}  // namespace bitlens::cli
