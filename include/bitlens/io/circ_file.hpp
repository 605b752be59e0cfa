// `.circ` files on disk: the text format of ir/circ_format.hpp, read with file names in errors and
// written atomically.
#pragma once

#include "bitlens/io/file.hpp"
#include "bitlens/ir/circ_format.hpp"

#include <string>

namespace bitlens {

/// Reads the `.circ` file at `path` over ring R (input_error "path:line: …" on any problem).
template <named_ring R>
circuit<R> load_circ(const std::string& path) {
  return parse_circ<R>(read_text_file(path), path);
}

/// Writes f as a `.circ` file (atomically).
template <ring R>
void save_circ(const std::string& path, const circuit<R>& f) {
  write_file_atomic(path, format_circ(f));
}

}  // namespace bitlens
