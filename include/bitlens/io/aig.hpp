// AIGER files of AIGs (ir/aig.hpp): ASCII ("aag") and binary ("aig") writers, and a reader that
// checks every declared count against the file before allocating.
#pragma once

#include "bitlens/ir/aig.hpp"

#include <cstdint>
#include <string>
#include <string_view>

namespace bitlens {

/// ASCII AIGER ("aag"), with a symbol table when names are present.
std::string format_aag(const aig& g);
/// Binary AIGER ("aig"), with a symbol table when names are present.
std::string format_aig_binary(const aig& g);
/// The most inputs a binary AIGER header may declare: binary inputs take no bytes in the file, so
/// their count is bounded here rather than by the file's size (every other count is).
inline constexpr std::uint64_t max_aiger_binary_inputs = std::uint64_t{1} << 24;

/// Reads ASCII or binary AIGER (combinational: latches are rejected). input_error "file:line: …".
/// Declared counts are checked against the file's size (and max_aiger_binary_inputs) before any
/// allocation; ASCII AND gates may be listed in any order.
aig parse_aiger(std::string_view bytes, const std::string& source);

}  // namespace bitlens
