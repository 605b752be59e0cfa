// Truth tables and labelled bit data on disk:
//  - `.truth` (ABC `read_truth -xf`, IWLS 2022): one line per output, 2^n characters 0/1, the first
//    character being input row 2^n − 1 (most significant first); input i is bit i of the row.
//  - PLA (espresso): `.i`, `.o`, optional `.ilb`/`.ob`, `.type f|fr|fd`, `.p`, cube lines, `.e`.
//    Input cubes may contain '-' (expanded); outputs are 0, 1, '-' or '~'. Type f: listed 1s are the
//    on-set, the rest is off. Type fr: 1s on, 0s off, the rest don't care. Type fd: 1s on, '-' don't
//    care, the rest off. The result is the complete table when n <= max_table_inputs and either
//    the type is f or fd or the listed rows cover at least half the table; otherwise (type fr only,
//    where unlisted rows are don't-cares) the listed rows are kept as samples.
// Every reader rejects malformed input with input_error "file:line: message".
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"

#include <string>
#include <string_view>

namespace bitlens {

/// Limits of the readers.
struct table_limits {
  /// Largest number of inputs read as a complete table (2^n rows).
  std::size_t max_table_inputs = 24;
  /// Largest number of samples the PLA reader will produce (after expanding '-').
  std::size_t max_samples = std::size_t{1} << 24;
  /// Largest number of inputs or outputs a header may declare.
  std::size_t max_wires = std::size_t{1} << 20;
  /// Largest table the readers will allocate, in bytes (inputs, targets, care bits and the
  /// reader's own work rows), checked before allocating. Raise it for tables larger than 1 GiB.
  std::size_t max_bytes = std::size_t{1} << 30;
};

/// Parses `.truth` text; `source` names it in errors.
bit_dataset parse_truth(std::string_view text, const std::string& source, table_limits limits = {});
/// Parses PLA text; `source` names it in errors.
bit_dataset parse_pla(std::string_view text, const std::string& source, table_limits limits = {});
/// Reads a table file, choosing the format by extension (.truth, .pla; anything else: by content).
bit_dataset read_table(const std::string& path, table_limits limits = {});

/// `.truth` text of a complete, fully specified table (std::invalid_argument otherwise).
std::string format_truth(const bit_dataset& table);
/// PLA text (`.type fr`, one row per sample, '-' for don't-care outputs).
std::string format_pla(const bit_dataset& data);
/// Writes `data` (atomically) as .truth or .pla according to the extension of `path`.
void write_table(const std::string& path, const bit_dataset& data);

}  // namespace bitlens
