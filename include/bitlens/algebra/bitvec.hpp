// bitvec: a fixed-size vector of bits stored in 64-byte-aligned 64-bit words.
//
// Invariant (checked by the canary tests): every bit at a position >= size() is zero, after every
// operation. Popcounts, equality and hashing rely on it, so code that writes through words() must
// call clear_tail() before the vector is used again.
#pragma once

#include <boost/dynamic_bitset.hpp>

#include <cstddef>
#include <cstdint>
#include <new>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace bitlens {

/// Allocator returning storage aligned to `Alignment` bytes (a cache line by default), so that
/// SIMD kernels may use aligned loads on the first word of every bitvec.
template <class T, std::size_t Alignment = 64>
struct aligned_allocator {
  using value_type = T;
  template <class U>
  struct rebind {
    using other = aligned_allocator<U, Alignment>;
  };
  aligned_allocator() noexcept = default;
  template <class U>
  aligned_allocator(const aligned_allocator<U, Alignment>&) noexcept {}
  /// Allocates n objects' worth of aligned, uninitialised storage.
  T* allocate(std::size_t n) {
    return static_cast<T*>(::operator new(n * sizeof(T), std::align_val_t{Alignment}));
  }
  /// Releases storage obtained from allocate().
  void deallocate(T* p, std::size_t) noexcept { ::operator delete(p, std::align_val_t{Alignment}); }
  friend bool operator==(const aligned_allocator&, const aligned_allocator&) noexcept { return true; }
};

/// Words of a bitvec: 64-byte aligned.
using word_vector = std::vector<std::uint64_t, aligned_allocator<std::uint64_t>>;

/// Number of 64-bit words needed for `bits` bits.
constexpr std::size_t words_for_bits(std::size_t bits) noexcept { return (bits + 63) / 64; }

/// Mask of the valid bits in the last word of a vector of `bits` bits (all ones when bits % 64 == 0).
constexpr std::uint64_t tail_mask(std::size_t bits) noexcept {
  return bits % 64 == 0 ? ~std::uint64_t{0} : (std::uint64_t{1} << (bits % 64)) - 1;
}

/// A vector of bits; bit i lives in word i / 64 at position i % 64.
class bitvec {
 public:
  bitvec() = default;
  /// `bits` bits, all equal to `value`.
  explicit bitvec(std::size_t bits, bool value = false);

  /// Reads "0110..." (character i is bit i). Throws std::invalid_argument on other characters.
  static bitvec from_string(std::string_view text);
  /// Converts from boost::dynamic_bitset (bit i to bit i).
  static bitvec from_dynamic_bitset(const boost::dynamic_bitset<>& bits);

  /// "0110...", character i is bit i.
  std::string to_string() const;
  /// Converts to boost::dynamic_bitset (bit i to bit i).
  boost::dynamic_bitset<> to_dynamic_bitset() const;

  std::size_t size() const noexcept { return bits_; }
  std::size_t num_words() const noexcept { return words_.size(); }
  bool empty() const noexcept { return bits_ == 0; }

  /// Raw words. Writers must keep the tail invariant (call clear_tail() afterwards).
  std::span<std::uint64_t> words() noexcept { return words_; }
  std::span<const std::uint64_t> words() const noexcept { return words_; }

  bool get(std::size_t i) const noexcept { return (words_[i / 64] >> (i % 64)) & 1U; }
  void set(std::size_t i, bool value = true) noexcept {
    const std::uint64_t m = std::uint64_t{1} << (i % 64);
    words_[i / 64] = value ? (words_[i / 64] | m) : (words_[i / 64] & ~m);
  }
  void flip(std::size_t i) noexcept { words_[i / 64] ^= std::uint64_t{1} << (i % 64); }

  /// Changes the size; bits that appear are zero.
  void resize(std::size_t bits);
  /// Sets every bit to `value`.
  void fill(bool value) noexcept;
  /// Complements every bit (the tail stays zero).
  void flip_all() noexcept;
  /// Zeroes the bits past size() in the last word (restores the invariant after raw writes).
  void clear_tail() noexcept;

  /// Number of set bits.
  std::size_t popcount() const noexcept;
  bool any() const noexcept;
  bool none() const noexcept { return !any(); }

  /// Elementwise operations; both operands must have the same size (std::invalid_argument otherwise).
  bitvec& operator^=(const bitvec& other);
  bitvec& operator&=(const bitvec& other);
  bitvec& operator|=(const bitvec& other);

  friend bitvec operator^(bitvec a, const bitvec& b) { return a ^= b; }
  friend bitvec operator&(bitvec a, const bitvec& b) { return a &= b; }
  friend bitvec operator|(bitvec a, const bitvec& b) { return a |= b; }
  friend bitvec operator~(bitvec a) {
    a.flip_all();
    return a;
  }
  friend bool operator==(const bitvec& a, const bitvec& b) noexcept {
    return a.bits_ == b.bits_ && a.words_ == b.words_;
  }

 private:
  std::size_t bits_ = 0;
  word_vector words_;
};

/// popcount(a & b) without a temporary.
std::size_t popcount_and(const bitvec& a, const bitvec& b);
/// Number of positions where a and b differ.
std::size_t hamming_distance(const bitvec& a, const bitvec& b);

}  // namespace bitlens
