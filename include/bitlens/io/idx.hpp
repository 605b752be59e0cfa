// IDX files, the format MNIST and Fashion-MNIST are distributed in (Debian's dataset-fashion-mnist
// ships them gzip-compressed): an images file (magic 0x00000803, then the image count, rows and
// columns as big-endian 32-bit numbers, then one byte per pixel) and a labels file (magic
// 0x00000801, the count, one byte per label). Plain or gzip-compressed files are both read.
// Pixels become bits by thermometer coding: `levels` bits per pixel, bit j (of pixel p: input
// p·levels + j) set when the pixel exceeds (j + 1)·256/(levels + 1) — one level is a threshold at 128.
#pragma once

#include "bitlens/io/labelled_bits.hpp"

#include <string>
#include <string_view>

namespace bitlens {

struct idx_params {
  unsigned levels = 1;                       // bits per pixel, 1 to 8
  std::size_t max_bytes = std::size_t{1} << 30;  // largest images file accepted (declared or inflated)
};

/// Decodes an images file and its labels file (uncompressed bytes). Throws input_error naming the
/// source on a wrong magic number, counts that disagree or exceed the data, or more than max_bytes.
labelled_bits parse_idx(std::string_view images, std::string_view labels, const std::string& images_source,
                        const std::string& labels_source, const idx_params& params = {});

/// Reads both files (gzip or not) and decodes them.
labelled_bits load_idx(const std::string& images_path, const std::string& labels_path, const idx_params& params = {});

/// The labels file beside an images file named as MNIST's are: "…images-idx3-ubyte…" becomes
/// "…labels-idx1-ubyte…"; "" when the name does not follow that pattern.
std::string idx_labels_path(const std::string& images_path);

}  // namespace bitlens
