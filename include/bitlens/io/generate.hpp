// Truth tables of standard functions — the project's own tables in circuits/ come from here
// (`bitlens gen`). Multi-bit operands are little-endian: input a_i is bit i of a.
#pragma once

#include "bitlens/algebra/bit_dataset.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

/// The kinds: "adder" (a + b, N-bit operands, N+1 outputs), "multiplier" (a·b, N×N → 2N),
/// "parity" (even parity of N bits: 1 when the number of ones is even), "majority" (1 when more
/// than N/2 of N bits are 1), "comparator" (a < b, a = b, a > b for N-bit a, b), "mux" (N select
/// bits s, then 2^N data bits d; output d[s]).
std::vector<std::string> table_kinds();

/// The complete truth table of `kind` with size parameter n. Throws std::invalid_argument for an
/// unknown kind or a size giving more than `max_inputs` inputs.
bit_dataset generate_table(std::string_view kind, std::size_t n, std::size_t max_inputs = 24);

}  // namespace bitlens
