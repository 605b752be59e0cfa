// bit_batch: conversion from and to rows, and selecting samples.
#include "bitlens/algebra/bit_batch.hpp"

#include <stdexcept>
#include <string>

namespace bitlens {

bit_batch::bit_batch(std::size_t wires, std::size_t samples)
    : samples_(samples), wires_(wires, bitvec(samples)) {}

bit_batch bit_batch::from_rows(std::span<const boost::dynamic_bitset<>> rows, std::size_t wires) {
  bit_batch batch(wires, rows.size());
  for (std::size_t s = 0; s < rows.size(); ++s) {
    if (rows[s].size() != wires) {
      throw std::invalid_argument("bit_batch::from_rows: row " + std::to_string(s) + " has " +
                                  std::to_string(rows[s].size()) + " bits, expected " +
                                  std::to_string(wires));
    }
    for (auto i = rows[s].find_first(); i != boost::dynamic_bitset<>::npos; i = rows[s].find_next(i)) {
      batch.wires_[i].set(s);
    }
  }
  return batch;
}

boost::dynamic_bitset<> bit_batch::row(std::size_t sample) const {
  boost::dynamic_bitset<> out(wires_.size());
  for (std::size_t i = 0; i < wires_.size(); ++i) {
    if (wires_[i].get(sample)) out.set(i);
  }
  return out;
}

bit_batch bit_batch::select(std::span<const std::size_t> rows) const {
  bit_batch out(wires_.size(), rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    if (rows[k] >= samples_) throw std::out_of_range("bit_batch::select: row " + std::to_string(rows[k]) + " of " + std::to_string(samples_));
  }
  for (std::size_t i = 0; i < wires_.size(); ++i) {
    for (std::size_t k = 0; k < rows.size(); ++k) out.wires_[i].set(k, wires_[i].get(rows[k]));
  }
  return out;
}

}  // namespace bitlens
