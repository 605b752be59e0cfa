// The parts of `bitlens learn` and `bitlens verify` that are more than argument handling: progress
// and metrics output, parameter files on disk, and verification. What learns — the portfolio, the
// search over LUT architectures, the per-output decomposition — is the library's
// (models/portfolio.hpp, models/lut_search.hpp).
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"
#include "bitlens/io/aig.hpp"
#include "bitlens/learn/train.hpp"
#include "bitlens/models/lut_search.hpp"
#include "bitlens/ir/circuit.hpp"
#include "progress.hpp"

#include <iosfwd>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bitlens::cli {

/// The progress of `learn` (attempt, output k of m, errors, best so far) on a progress_line, and
/// each training event as a metrics record.
class progress_printer {
 public:
  progress_printer(progress_line& line, metrics_log& metrics) : line_(line), metrics_(metrics) {}
  void attempt(std::size_t index, const std::string& description);
  /// Training output `index` (from 1) of `count` on its own; index 0: all outputs together.
  void output(std::size_t index, std::size_t count) { output_ = index, outputs_ = count; }
  void event(const train_event& e);
  void finish() { line_.finish(); }
  /// This printer as a search's observer (models/lut_search.hpp).
  search_observer observer() {
    return {[this](std::size_t i, const std::string& d) { attempt(i, d); }, [this](std::size_t o, std::size_t m) { output(o, m); },
            [this](const train_event& e) {
              event(e);
              return true;
            }};
  }

 private:
  progress_line& line_;
  metrics_log& metrics_;
  std::size_t attempt_ = 0, output_ = 0, outputs_ = 0;
  std::string description_;
};

/// Parameters saved by --save-params, as read, and the file they were read from (for messages).
struct saved_params : parsed_trained_network {
  std::string source;
};

/// Writes a parameter file (models/trained_network.hpp) atomically.
void save_params(const std::string& path, const trained_network& s);
/// Reads a parameter file (models/trained_network.hpp); errors name the file and line.
saved_params load_params(const std::string& path);

std::string percent(std::uint64_t part, std::uint64_t whole);
std::string fixed_seconds(double s);

/// Throws usage_error when the directory `path` would be written in does not exist: checked before
/// any work, so that a run is not lost for a typo in --out.
void check_output_directory(const std::string& path);

/// Checks `f` against `table` (own evaluation; ABC cec when possible), prints the verdicts, and
/// returns whether nothing failed. Wrong cared bits of sample data (not a complete table) fail only
/// when `strict` (verify: every cared bit must be right; learn: a fit to samples need not be exact).
/// When `right_bits` is given, it receives the cared bits the circuit gets right (of num_cared_bits()).
bool report_verification(const circuit<z2>& f, const aig& lowered, const bit_dataset& table, const std::string* truth_path,
                         bool strict = false, std::uint64_t* right_bits = nullptr);

}  // namespace bitlens::cli
