// A random split of sample rows into a held-out share and the rest: validation splits of the
// command line, and the rows that trees and threshold units hold out to choose their size.
#pragma once

#include <algorithm>
#include <cstddef>
#include <numeric>
#include <random>
#include <vector>

namespace bitlens {

/// Row indices: those held out and the rest, each in the order the shuffle left them.
struct row_split {
  std::vector<std::size_t> held, rest;
};

/// Shuffles rows 0 … rows − 1 with `rng` and holds out the first ⌊share · rows⌋ of them (at least
/// `min_held`, at most all).
inline row_split split_rows(std::size_t rows, double share, std::mt19937_64& rng, std::size_t min_held = 0) {
  std::vector<std::size_t> order(rows);
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::shuffle(order.begin(), order.end(), rng);
  const std::size_t cut = std::min(rows, std::max(min_held, static_cast<std::size_t>(share * static_cast<double>(rows))));
  return {std::vector<std::size_t>(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(cut)),
          std::vector<std::size_t>(order.begin() + static_cast<std::ptrdiff_t>(cut), order.end())};
}

}  // namespace bitlens
