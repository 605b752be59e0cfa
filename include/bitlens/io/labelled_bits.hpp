// Labelled bit rows for classification — binarised MNIST's format: one sample per line, its input
// bits then its class label, separated by spaces ("0 1 1 … 0 7") — or a CSV of bits with a label
// column. Files may be plain text or a member of a ZIP archive, named "archive.zip:member" (read in
// place, see zip_archive.hpp).
#pragma once

#include "bitlens/algebra/bit_batch.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

/// Samples (bit-sliced inputs) with one class label each.
struct labelled_bits {
  bit_batch inputs;
  std::vector<std::uint32_t> labels;
  /// When the samples are images (IDX files): rows × columns pixels of inputs.num_wires() /
  /// (rows × columns) consecutive bits each; 0 × 0 when the data does not say.
  std::size_t image_rows = 0, image_cols = 0;
  /// 1 + the largest label (0 when empty).
  std::size_t num_classes() const noexcept;
};

/// Parses rows of `bits… label`. Every row must have the same number of fields, bits must be 0 or
/// 1 and labels below 2^16. Throws input_error ("source:line: …") otherwise. Blank lines are skipped.
labelled_bits parse_labelled_bits(std::string_view text, const std::string& source);

/// Parses a CSV of bits with a label column: fields separated by commas (spaces around them and
/// double quotes around one are ignored), an optional header line (a first line with a field that is
/// not a number). The label is the column `label_column` names — a header name, or a number from 1 —
/// or the last column when it is empty. Throws input_error ("source:line: …") on a bad row.
labelled_bits parse_labelled_csv(std::string_view text, const std::string& source, const std::string& label_column = "");

/// Reads `spec`: a file path, or "archive.zip:member" for a member of a ZIP archive; a name ending
/// in .csv is read as CSV (with `label_column`), any other as rows of space-separated bits.
labelled_bits load_labelled_bits(const std::string& spec, const std::string& label_column = "");

}  // namespace bitlens
