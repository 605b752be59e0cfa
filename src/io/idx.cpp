// IDX images and labels, gzip-compressed or not (zlib inflates in memory, never past max_bytes).
#include "bitlens/io/idx.hpp"

#include "bitlens/algebra/error.hpp"
#include "bitlens/io/file.hpp"

#include <zlib.h>

namespace bitlens {
namespace {

std::uint32_t big_endian32(std::string_view s, std::size_t at) {
  std::uint32_t v = 0;
  for (std::size_t i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(s[at + i]);
  return v;
}

// The file's bytes, inflated when it is gzip-compressed; input_error past `max_bytes`.
std::string read_maybe_gzip(const std::string& path, std::size_t max_bytes) {
  std::string raw = read_text_file(path);
  if (raw.size() < 2 || static_cast<unsigned char>(raw[0]) != 0x1f || static_cast<unsigned char>(raw[1]) != 0x8b) {
    if (raw.size() > max_bytes) throw input_error(path, 0, "more than the limit of " + std::to_string(max_bytes) + " bytes");
    return raw;
  }
  z_stream zs{};
  if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK) throw input_error(path, 0, "zlib could not start inflating");
  zs.next_in = reinterpret_cast<Bytef*>(raw.data());
  zs.avail_in = static_cast<uInt>(raw.size());
  std::string out;
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      throw input_error(path, 0, "inflates to more than the limit of " + std::to_string(max_bytes) + " bytes");
    }
    const std::size_t have = out.size();
    out.resize(have + (std::size_t{1} << 20));
    zs.next_out = reinterpret_cast<Bytef*>(out.data() + have);
    zs.avail_out = 1U << 20;
    rc = inflate(&zs, Z_NO_FLUSH);
    out.resize(have + (std::size_t{1} << 20) - zs.avail_out);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      throw input_error(path, 0, "not a valid gzip file (truncated or corrupt)");
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      throw input_error(path, 0, "the gzip stream is truncated");
    }
  }
  inflateEnd(&zs);
  return out;
}

}  // namespace

labelled_bits parse_idx(std::string_view images, std::string_view labels, const std::string& images_source,
                        const std::string& labels_source, const idx_params& params) {
  if (params.levels < 1 || params.levels > 8) throw std::invalid_argument("IDX: levels must be from 1 to 8");
  if (images.size() < 16 || big_endian32(images, 0) != 0x803) {
    throw input_error(images_source, 0, "not an IDX images file (magic 0x00000803 and three dimensions expected)");
  }
  if (labels.size() < 8 || big_endian32(labels, 0) != 0x801) {
    throw input_error(labels_source, 0, "not an IDX labels file (magic 0x00000801 and one dimension expected)");
  }
  const std::uint64_t n = big_endian32(images, 4), rows = big_endian32(images, 8), cols = big_endian32(images, 12);
  const std::uint64_t pixels = rows * cols;  // both below 2^32: no overflow in 64 bits
  if (n == 0 || pixels == 0) throw input_error(images_source, 0, "no images (a dimension is zero)");
  if (pixels > params.max_bytes || n > (images.size() - 16) / pixels) {
    throw input_error(images_source, 0, "declares " + std::to_string(n) + " images of " + std::to_string(rows) + " x " +
                                            std::to_string(cols) + " pixels, more than the file holds");
  }
  if (big_endian32(labels, 4) != n) {
    throw input_error(labels_source, 0, "has " + std::to_string(big_endian32(labels, 4)) + " labels for " + std::to_string(n) + " images");
  }
  if (labels.size() - 8 < n) throw input_error(labels_source, 0, "is truncated: fewer label bytes than labels");
  labelled_bits out{bit_batch(static_cast<std::size_t>(pixels * params.levels), static_cast<std::size_t>(n)),
                    std::vector<std::uint32_t>(static_cast<std::size_t>(n)), static_cast<std::size_t>(rows), static_cast<std::size_t>(cols)};
  for (std::size_t s = 0; s < n; ++s) {
    out.labels[s] = static_cast<unsigned char>(labels[8 + s]);
    const std::size_t base = 16 + s * static_cast<std::size_t>(pixels);
    for (std::size_t p = 0; p < pixels; ++p) {
      const unsigned v = static_cast<unsigned char>(images[base + p]);
      for (unsigned j = 0; j < params.levels; ++j) {
        if (v * (params.levels + 1) > (j + 1) * 256U) out.inputs.set(p * params.levels + j, s, true);
      }
    }
  }
  return out;
}

labelled_bits load_idx(const std::string& images_path, const std::string& labels_path, const idx_params& params) {
  return parse_idx(read_maybe_gzip(images_path, params.max_bytes), read_maybe_gzip(labels_path, params.max_bytes), images_path,
                   labels_path, params);
}

std::string idx_labels_path(const std::string& images_path) {
  const auto at = images_path.rfind("images-idx3-ubyte");
  if (at == std::string::npos) return {};
  return images_path.substr(0, at) + "labels-idx1-ubyte" + images_path.substr(at + 17);
}

}  // namespace bitlens
