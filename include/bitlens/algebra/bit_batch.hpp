// bit_batch: a batch of Boolean samples stored bit-sliced — one bitvec per wire, bit j = sample j —
// so that one machine word holds one wire's value for 64 samples and a gate is one word operation.
#pragma once

#include "bitlens/algebra/bitvec.hpp"

#include <boost/dynamic_bitset.hpp>

#include <cstddef>
#include <span>
#include <vector>

namespace bitlens {

/// A (wires × samples) bit matrix stored by wire.
class bit_batch {
 public:
  bit_batch() = default;
  /// `wires` wires of `samples` samples, all zero.
  bit_batch(std::size_t wires, std::size_t samples);

  /// Transposes rows (one per sample, each `wires` bits long) into the bit-sliced form.
  /// Throws std::invalid_argument when a row has the wrong length.
  static bit_batch from_rows(std::span<const boost::dynamic_bitset<>> rows, std::size_t wires);

  std::size_t num_wires() const noexcept { return wires_.size(); }
  std::size_t num_samples() const noexcept { return samples_; }

  bitvec& wire(std::size_t i) { return wires_.at(i); }
  const bitvec& wire(std::size_t i) const { return wires_.at(i); }
  std::span<const bitvec> wires() const noexcept { return wires_; }

  bool get(std::size_t wire, std::size_t sample) const { return wires_[wire].get(sample); }
  void set(std::size_t wire, std::size_t sample, bool value) { wires_[wire].set(sample, value); }

  /// One sample as a row of num_wires() bits.
  boost::dynamic_bitset<> row(std::size_t sample) const;
  /// The samples listed in `rows`, in that order (std::out_of_range for a row past the end).
  bit_batch select(std::span<const std::size_t> rows) const;

  friend bool operator==(const bit_batch&, const bit_batch&) = default;

 private:
  std::size_t samples_ = 0;
  std::vector<bitvec> wires_;
};

}  // namespace bitlens
