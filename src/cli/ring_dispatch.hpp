// Choosing the ring type of a circuit file at run time: the `ring` line names it, and the command's
// generic code is instantiated for each ring bitlens supports.
#pragma once

#include "args.hpp"
#include "bitlens/algebra/error.hpp"
#include "bitlens/algebra/z2.hpp"
#include "bitlens/io/file.hpp"
#include "bitlens/ir/circ_format.hpp"

#include <string>

namespace bitlens::cli {

/// Reads the `.circ` file at `path` and calls visit(circuit<R>) with R the ring it names.
template <class Visitor>
int with_circ_file(const std::string& path, Visitor&& visit) {
  const std::string text = read_text_file(path);
  const std::string name = circ_ring_name(text);
  if (z2::from_name(name)) return visit(parse_circ<z2>(text, path));
  if (name.empty()) return visit(parse_circ<z2>(text, path));  // reports the missing ring line
  throw input_error(path, 0, "ring '" + name + "' is not supported by this command (supported: Z2)");
}

}  // namespace bitlens::cli
